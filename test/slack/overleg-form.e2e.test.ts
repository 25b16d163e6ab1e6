/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Slack's JSON payloads loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimUser } from '../fakes/slack-sign.js';
import { startSlackApp, type SlackApp } from './app-rig.js';
import { visibleText } from './harness.js';

// The overleg review form (a bare `/overleg gehouden`) through the real Bolt
// app: opened as a modal, submitted with a status per result, recorded as
// Teams and the sandbox record it. Codes and texts are invented.

const gm: SimUser = { id: 'U0GM00014', name: 'gezinsmanager.test' };

let rig: SlackApp;
let caseChannel: string;

async function settle(): Promise<void> {
  await rig.slack.settled();
  await rig.app.flush();
}

async function command(channel: string, cmd: string, text: string) {
  const res = await rig.sim.command(gm, channel, cmd, text);
  await settle();
  return res;
}

/** Opens the review form and returns the view the app sent to views.open. */
async function openForm(): Promise<any> {
  rig.fake.reset();
  const res = await command(caseChannel, '/overleg', 'gehouden');
  expect(res.status).toBe(200);
  const [open] = rig.fake.callsOf('views.open');
  expect(open).toBeDefined();
  return open!.args.view;
}

beforeAll(async () => {
  rig = await startSlackApp();
  const general = rig.fake.createChannel('algemeen', false, [gm.id]);
  await command(general, '/casus', 'nieuw TST-314 Testgezin');
  caseChannel = String(rig.fake.callsOf('conversations.invite')[0]?.args.channel);
  for (const text of ['kinderen gaan elke dag naar school', 'ouders houden zich aan de afspraken', 'vader heeft werk']) {
    await command(caseChannel, '/resultaat', `nieuw ${text}`);
  }
});

afterAll(async () => {
  await rig?.close();
});

describe('the Slack overleg review form', () => {
  it('offers "(ongewijzigd)" with a real value, chosen from the start, and no empty option', async () => {
    const view = await openForm();
    expect(view.callback_id).toBe('overleg');
    // Up to three agreements made at the table (who, by when, what) come before the decisions.
    const agreed = [1, 2, 3].flatMap((i) => [`a${i}-wie`, `a${i}-datum`, `a${i}-tekst`]);
    expect(view.blocks.map((b: any) => b.block_id)).toEqual(['datum', 'r1', 'r1-toelichting', 'r2', 'r2-toelichting', 'r3', 'r3-toelichting', ...agreed, 'besluiten']);
    expect(view.blocks.find((b: any) => b.block_id === 'a1-wie').element.options.map((o: any) => o.value)).toContain(gm.id);
    const select = view.blocks[1].element;
    expect(select.options.map((o: any) => o.value)).toEqual(['ongewijzigd', 'op-koers', 'achter', 'behaald', 'vervallen']);
    expect(select.initial_option.value).toBe('ongewijzigd');
  });

  it('records the held overleg with a status per result, posted in the case channel', async () => {
    const view = await openForm();
    rig.fake.reset();
    const res = await rig.sim.submit(gm, view, {
      datum: '2026-03-02',
      r1: 'achter',
      'r1-toelichting': 'twee dagen verzuim per week',
      r2: 'ongewijzigd',
      r3: 'behaald',
      besluiten: 'school wordt uitgenodigd voor het volgende overleg',
    });
    await settle();
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const post = rig.fake.callsOf('chat.postMessage').find((c) => c.args.channel === caseChannel);
    const shown = visibleText(post?.args);
    expect(shown).toContain('Uitvoerdersoverleg gehouden op 02-03-2026');
    expect(shown).toContain('R-1: achter, twee dagen verzuim per week');
    expect(shown).toContain('R-3: behaald');
    expect(shown).not.toContain('R-2:');
    expect(shown).toContain('school wordt uitgenodigd voor het volgende overleg');

    // The statuses themselves changed, R-2 kept its own.
    rig.fake.reset();
    const list = await command(caseChannel, '/resultaat', 'lijst');
    const text = visibleText(list.json);
    expect(text).toMatch(/R-1[^\n]*achter/i);
    expect(text).toContain('R-2 ouders houden zich aan de afspraken: nog geen voortgang');
    expect(text).toMatch(/R-3[^\n]*behaald/i);
  });

  it('refuses a submission without decisions inside the modal, and records nothing', async () => {
    const view = await openForm();
    rig.fake.reset();
    const res = await rig.sim.submit(gm, view, { datum: '2026-03-02', r1: 'behaald' });
    await settle();
    expect(res.json?.response_action).toBe('errors');
    expect(Object.values(res.json?.errors ?? {}).join(' ')).toContain('besluiten');
    expect(rig.fake.callsOf('chat.postMessage')).toEqual([]);
  });

  it('with more open results than fit in 100 blocks, shows those that fit and says how to record the rest', async () => {
    // R-3 is achieved above; 48 more make 50 open results: 111 input blocks in full (with the nine agreement fields).
    for (let i = 4; i <= 51; i++) await command(caseChannel, '/resultaat', `nieuw resultaat nummer ${i} van het plan`);
    const view = await openForm();
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const ids = view.blocks.map((b: any) => b.block_id);
    expect(ids).toContain('r45-toelichting');
    expect(ids).not.toContain('r46');
    expect(ids).not.toContain('r51');
    // The agreements are never left out; the decisions come last.
    expect(ids).toContain('a3-tekst');
    expect(ids.at(-1)).toBe('besluiten');
    const notice = view.blocks.find((b: any) => b.block_id === 'overflow');
    expect(notice.text.text).toContain('/resultaat voortgang');
    expect(notice.text.text).toContain('R-46, R-47, R-48, R-49, R-50, R-51.');

    rig.fake.reset();
    const res = await rig.sim.submit(gm, view, { datum: '2026-03-02', r45: 'op-koers', besluiten: 'R-46 tot R-51 volgende keer' });
    await settle();
    expect(res.text).toBe('');
    const post = rig.fake.callsOf('chat.postMessage').find((c) => c.args.channel === caseChannel);
    expect(visibleText(post?.args)).toContain('R-45: op koers');
  });
});
