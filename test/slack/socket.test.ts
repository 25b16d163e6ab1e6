import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { adapterRig, type AdapterRig } from './harness.js';
import { eventually } from '../helpers/wait.js';

// Socket Mode: SLACK_APP_TOKEN set, the app dials out to Slack (here: the fake
// API's apps.connections.open and its WebSocket) instead of taking requests.

const gm = { id: 'U0GM00001', name: 'gm.test' };

let rig: AdapterRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

function commandPayload(fake: FakeSlackApi, command: string, text: string) {
  return {
    token: 'legacy',
    team_id: fake.teamId,
    team_domain: 'regiebot-test',
    channel_id: 'C0CASE001',
    channel_name: 'casus-abc-1',
    user_id: gm.id,
    user_name: gm.name,
    command,
    text,
    api_app_id: 'A0TEST',
    is_enterprise_install: 'false',
    response_url: fake.responseUrl('sock-1'),
    trigger_id: 'trig-sock.1',
  };
}

describe('Socket Mode', () => {
  it('connects with the app-level token, mounts no HTTP route, and answers a slash command through response_url after an empty ack', async () => {
    rig = await adapterRig({ env: { SLACK_APP_TOKEN: 'xapp-1-test' } });
    expect(rig.adapter.mode).toBe('socket');
    expect(rig.adapter.routes).toEqual([]);
    await rig.adapter.start!();
    expect(rig.fake.callsOf('apps.connections.open').map((c) => c.token)).toEqual(['xapp-1-test']);
    expect(rig.fake.sockets).toHaveLength(1);

    rig.core.answer = () => ({ message: { title: 'Casus ABC-1', text: 'Fase: verbinden' } });
    const ack = await rig.fake.sockets[0]!.dispatch('slash_commands', commandPayload(rig.fake, '/casus', 'info'));
    expect(ack ?? {}).toEqual({});
    await rig.adapter.settled();
    const answer = rig.fake.responded.find((r) => r.id === 'sock-1');
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer?.body.blocks)).toContain('Casus ABC-1');
    expect(rig.core.calls).toMatchObject([{ fn: 'handleText', text: '/casus info', ctx: { actor: { userId: gm.id }, conversationId: 'C0CASE001' } }]);
  });

  it('takes a button press over the socket, and refuses privately through response_url', async () => {
    rig = await adapterRig({ env: { SLACK_APP_TOKEN: 'xapp-1-test' } });
    await rig.adapter.start!();
    rig.core.answer = () => ({ error: true, message: { title: 'Niet toegestaan', tone: 'danger' } });
    const ack = await rig.fake.sockets[0]!.dispatch('interactive', {
      type: 'block_actions',
      user: { id: gm.id, username: gm.name, name: gm.name, team_id: rig.fake.teamId },
      api_app_id: 'A0TEST',
      token: 'legacy',
      container: { type: 'message', message_ts: '1.000001', channel_id: 'C0CASE001' },
      trigger_id: 'trig-sock.2',
      team: { id: rig.fake.teamId, domain: 'regiebot-test' },
      channel: { id: 'C0CASE001', name: 'casus-abc-1' },
      message: { type: 'message', ts: '1.000001', text: 'Signaal' },
      response_url: rig.fake.responseUrl('sock-2'),
      actions: [{ action_id: 'signal.ack', block_id: 'b', value: '5', type: 'button', text: { type: 'plain_text', text: 'Bevestigen' }, action_ts: '1' }],
    });
    expect(ack ?? {}).toEqual({});
    await rig.adapter.settled();
    expect(rig.core.calls).toMatchObject([{ fn: 'handleAction', actionId: 'signal.ack', value: '5' }]);
    await eventually(() => rig!.fake.responded.length > 0);
    expect(rig.fake.responded[0]).toMatchObject({ id: 'sock-2', body: { response_type: 'ephemeral' } });
  });

  it('stops cleanly', async () => {
    rig = await adapterRig({ env: { SLACK_APP_TOKEN: 'xapp-1-test' } });
    await rig.adapter.start!();
    await rig.adapter.stop!();
    await eventually(() => rig!.fake.sockets[0]!.closed);
  });

  it('refuses to start with an app token Slack rejects, naming the variable, not the value', async () => {
    rig = await adapterRig({ env: { SLACK_APP_TOKEN: 'xapp-1-wrong' } });
    const err = await rig.adapter.start!().catch((e: unknown) => e);
    expect((err as Error).message).toContain('SLACK_APP_TOKEN');
    expect((err as Error).message).toContain('invalid_auth');
    expect((err as Error).message).not.toContain('xapp-1-wrong');
    rig.adapter.stop = undefined;
  });
});
