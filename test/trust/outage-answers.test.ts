import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { Guard } from '../../src/resilience/guard.js';
import { testDialect } from '../helpers/database.js';
import { SlackSim, type SimUser } from '../fakes/slack-sign.js';
import { startSlackApp, type SlackApp } from '../slack/app-rig.js';
import { startSandboxApp, sandboxClient } from '../sandbox/helpers.js';
import { channel, startTeams, users, type TeamsRig } from '../teams/harness.js';

// The database refuses writes (SQLite's query_only: what a full disk or a
// read-only standby looks like to the bot) under the real apps: every
// platform answers the person at once that nothing was recorded, nothing is
// left half-done, /healthz says 503 with its JSON, and everything works again
// once writes do. The full outages, on both databases, are in outage.test.ts.

const gm: SimUser = { id: 'U0GM00301', name: 'gezinsmanager.test' };

/** Makes the app's SQLite connection refuse every write, or accept them again. */
function refuseWrites(app: App, on: boolean): void {
  (app.db.q as unknown as { $client: Database.Database }).$client.pragma(`query_only = ${on ? 'ON' : 'OFF'}`);
}

async function health(base: string): Promise<{ status: number; body: { status: string; database: { ok: boolean; error?: string } } }> {
  const res = await fetch(`${base}/healthz`);
  return { status: res.status, body: (await res.json()) as never };
}

// A rejection nobody handles would kill a real process: here it fails the test.
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});
afterEach(() => {
  expect(unhandled).toEqual([]);
});

describe.skipIf(testDialect !== 'sqlite')('while the database refuses writes (SQLite switched to read-only; PostgreSQL: see outage.test.ts)', () => {
  describe('Slack', () => {
    let rig: SlackApp;
    let base: string;
    beforeAll(async () => {
      rig = await startSlackApp();
      base = new URL(rig.sim.eventsUrl).origin;
    });
    afterAll(async () => {
      refuseWrites(rig.app, false);
      await rig?.close();
    });

    it('/healthz answers 503 with its JSON, then 200 by itself', async () => {
      expect((await health(base)).status).toBe(200);
      refuseWrites(rig.app, true);
      const down = await health(base);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'fout', database: { ok: false, error: expect.stringMatching(/readonly/) } });
      refuseWrites(rig.app, false);
      expect((await health(base)).status).toBe(200);
    });

    it('casus nieuw: no channel is made for a case that cannot be stored; the person hears "niet vastgelegd"', async () => {
      const sim = new SlackSim(rig.sim.eventsUrl, rig.sim.secret, rig.fake, rig.sim.settle);
      const general = rig.fake.createChannel('algemeen-301', false, [gm.id]);
      refuseWrites(rig.app, true);
      const res = await sim.command(gm, general, '/casus', 'nieuw TST-301');
      refuseWrites(rig.app, false);
      expect(res.json?.response_type).toBe('ephemeral');
      expect(JSON.stringify(res.json)).toContain('Niet vastgelegd');
      expect(JSON.stringify(res.json)).toContain('Probeer het over een paar minuten opnieuw');
      expect(rig.fake.callsOf('conversations.create')).toEqual([]);
      expect([...rig.fake.channels.values()].some((c) => c.name === 'casus-tst-301')).toBe(false);

      // Writes work again: the same command makes the case and its channel.
      const again = await sim.command(gm, general, '/casus', 'nieuw TST-301');
      expect(JSON.stringify(again.json)).toContain('TST-301');
      expect([...rig.fake.channels.values()].some((c) => c.name === 'casus-tst-301')).toBe(true);
    });

    it('the outbox sender fails without rejecting, backs off, and delivers once writes work again', async () => {
      const sim = new SlackSim(rig.sim.eventsUrl, rig.sim.secret, rig.fake, rig.sim.settle);
      const general = rig.fake.createChannel('algemeen-302', false, [gm.id]);
      await sim.command(gm, general, '/casus', 'nieuw TST-302');
      const caseChannel = [...rig.fake.channels.values()].find((c) => c.name === 'casus-tst-302')!.id;
      // Slack answers 429: the signal's post stays in the outbox.
      rig.fake.rateLimitNext('chat.postMessage', 1, 1);
      expect(JSON.stringify((await sim.command(gm, caseChannel, '/signaal', 'zorg normaal wacht-302 afspraak gemist')).json)).toContain('Geplaatst');
      const sender = rig.app.senders.get('slack')!;
      await sender.idle();
      refuseWrites(rig.app, true);
      rig.clock.advance(5_000);
      await expect(sender.flush()).resolves.toBe(0);
      expect(sender.guard.failing).toBe(true);
      const first = sender.guard.delayMs;
      await sender.flush();
      expect(sender.guard.delayMs).toBe(first * 2);
      refuseWrites(rig.app, false);
      await rig.app.flush();
      expect(sender.guard.failing).toBe(false);
      const posts = [...rig.fake.messages.values()].filter((m) => JSON.stringify(m.blocks).includes('wacht-302'));
      expect(posts).toHaveLength(1);
    });
  });

  describe('Teams', () => {
    let rig: TeamsRig;
    beforeAll(async () => {
      rig = await startTeams();
    });
    afterAll(async () => {
      refuseWrites(rig.app, false);
      await rig?.close();
    });

    it('a typed command and a button press are answered "niet vastgelegd", and work again afterwards', async () => {
      refuseWrites(rig.app, true);
      const typed = await rig.sim.message(users.ha, channel, 'signaal zorg normaal teams-303 afspraak gemist');
      expect(typed.status).toBeLessThan(300);
      const sent = () => JSON.stringify(rig.connector.callsOf().map((c) => c.body));
      await expect.poll(sent).toContain('Niet vastgelegd');
      const pressed = await rig.sim.invoke(users.gm, channel, { actionId: 'signal.ack', value: '1' }, rig.sim.newId());
      expect(JSON.stringify(pressed.body)).toContain('Niet vastgelegd');
      refuseWrites(rig.app, false);

      rig.connector.reset();
      await rig.sim.message(users.gm, channel, 'help');
      await expect.poll(sent).toContain('/signaal');
    });
  });

  describe('sandbox', () => {
    it('a command is answered "niet vastgelegd" (503, for the page to show), and works again afterwards', async () => {
      const env = await startSandboxApp();
      try {
        const api = sandboxClient(env.base);
        const userId = 'U-GM';
        refuseWrites(env.app, true);
        const res = await api.post('command', { userId, channelId: 'C-algemeen', text: '/casus nieuw TST-304' });
        refuseWrites(env.app, false);
        expect(res.status).toBe(503);
        expect(res.body.error).toMatch(/^Niet vastgelegd: .*Probeer het over een paar minuten opnieuw/);
        const again = await api.command(userId, 'C-algemeen', '/casus nieuw TST-304');
        expect(again.reply.error).toBe(false);
      } finally {
        await env.cleanup();
      }
    });
  });
});

describe('Guard', () => {
  it('logs a run of failures once and the recovery once; the wait doubles up to its cap', async () => {
    const lines: string[] = [];
    const log = { error: (_: object, m: string) => lines.push(m), info: (_: object, m: string) => lines.push(m) };
    const guard = new Guard('test loop', log, { minMs: 100, maxMs: 500 });
    const fail = () => Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      await expect(guard.run(fail)).resolves.toBeUndefined();
      waits.push(guard.delayMs);
    }
    expect(waits).toEqual([100, 200, 400, 500, 500]);
    expect(guard.ready).toBe(false);
    expect(await guard.run(() => Promise.resolve(7))).toBe(7);
    expect(guard.delayMs).toBe(0);
    expect(lines).toEqual(['test loop: failed; retrying with backoff until it works again', 'test loop: works again']);
  });
});
