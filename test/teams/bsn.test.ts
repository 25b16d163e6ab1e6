/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Bot Framework JSON loosely */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members, signals, teamsUsers } from '../../db/schema.js';
import { buildApp, type App } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { stringsOf } from '../../src/privacy/guard.js';
import { FakeBotConnector } from '../fakes/bot-connector.js';
import { storedText, testDatabaseUrl } from '../helpers/database.js';
import { bsnForms, tracesIn } from '../privacy/forms.js';
import { cardText, channel, TeamsSim, users, type SimUser } from './harness.js';
import { lineSink } from '../helpers/logs.js';

// Every BSN form through Teams as Teams sends it (activities on loopback, the
// fake Bot Connector recording every call): typed in a message, in a card
// form, as the name of a mentioned person and as the sender's own name.
// Refused or hidden, and no trace in the database file, the logs or any call.

let app: App;
let connector: FakeBotConnector;
let sim: TeamsSim;
let dir: string;
let dbUrl: string;
const logs: string[] = [];
/** Every call the fake connector saw, kept across resets. */
const allCalls: any[] = [];

function reset(): void {
  allCalls.push(...connector.callsOf().map((c) => c.body));
  connector.reset();
}

/** What the sender got back: the text of the reply cards sent during `run`. */
async function answered(run: () => Promise<unknown>): Promise<{ text: string; channelPosts: number; posted: string }> {
  reset();
  await run();
  await app.flush();
  const sends = connector.callsOf('send');
  const replies = sends.filter((c) => c.conversationId?.includes(';messageid='));
  const posts = sends.filter((c) => c.conversationId === channel.id);
  return {
    text: replies.map((c) => `${c.body.text ?? ''}\n${cardText(c.body.attachments?.[0]?.content)}`).join('\n'),
    channelPosts: posts.length,
    posted: posts.map((c) => cardText(c.body.attachments?.[0]?.content)).join('\n'),
  };
}

beforeAll(async () => {
  connector = await FakeBotConnector.start();
  dir = mkdtempSync(join(tmpdir(), 'regiebot-teams-bsn-'));
  dbUrl = testDatabaseUrl(dir);
  const sink = lineSink(logs);
  app = await buildApp({
    settings: loadSettings({ DATABASE_URL: dbUrl, TEAMS_INSECURE_LOCAL: '1', LOG_LEVEL: 'debug' }),
    clock: new ManualClock(new Date('2026-03-02T09:00:00Z')),
    log: createLogger('debug', sink),
    senderIntervalMs: 0,
  });
  const base = await app.listen(0, '127.0.0.1');
  sim = new TeamsSim(`${base}/api/messages`, connector, () => app.inbox.drain());
  for (const u of Object.values(users)) connector.addMember({ id: u.id, name: u.name, aadObjectId: u.aadObjectId });
  await answered(() => sim.message(users.gm, channel, 'casus nieuw TST-701 proefgezin'));
  await answered(() => sim.message(users.gm, channel, `casus lid @${users.ha.name} hoofdaannemer`, { mentions: [users.ha] }));
});

afterAll(async () => {
  await app?.close();
  await connector?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Teams: a BSN in any form, any way in', () => {
  for (const [name, written] of bsnForms()) {
    it(`written with ${name}: a typed message is refused, nothing posted`, async () => {
      const { text, channelPosts } = await answered(() => sim.message(users.ha, channel, `signaal zorg normaal vader noemde ${written} aan de telefoon`));
      expect(text).toMatch(/BSN/);
      expect(text).toMatch(/niets opgeslagen/);
      expect(channelPosts).toBe(0);
    });
  }

  it('in a card form field: refused under that field, which comes back empty; nothing stored', async () => {
    reset();
    await sim.message(users.ha, channel, 'signaal');
    const form = connector.callsOf('send')[0]!;
    const res = await sim.submit(users.ha, channel, form.activityId!, { soort: 'zorg', urgentie: 'normaal', tekst: `bsn ${bsnForms()[5]![1]}` });
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(res.body.value)).not.toContain(bsnForms()[5]![1]);
    const text = res.body.value.body.find((e: any) => e.id === 'f_tekst');
    expect(text.value).toBeUndefined();
    expect(JSON.stringify(res.body.value.body.find((e: any) => e.id === 'f_tekst-error'))).toMatch(/BSN/);
    expect(await app.db.q.select().from(signals)).toEqual([]);
  });

  it('as the name of a mentioned person: added as "(naam verborgen)", also in the Teams user table', async () => {
    const sly: SimUser = { id: '29:oa-fatima', aadObjectId: 'aad-0000-oa', name: `Fatima ${bsnForms()[6]![1]}` };
    connector.addMember({ id: sly.id, name: sly.name, aadObjectId: sly.aadObjectId });
    const { text, posted } = await answered(() => sim.message(users.gm, channel, `casus lid @${sly.name} onderaannemer`, { mentions: [sly] }));
    // The channel reads who was added; the answer beside it says only what the post does not.
    expect(posted).toContain('(naam verborgen)');
    expect(text).not.toContain('Fatima');
    expect(await app.db.q.select({ userId: members.userId, name: members.displayName }).from(members)).toContainEqual({ userId: 'aad-0000-oa', name: '(naam verborgen)' });
    expect(await app.db.q.select({ userId: teamsUsers.userId, name: teamsUsers.name }).from(teamsUsers)).toContainEqual({ userId: 'aad-0000-oa', name: '(naam verborgen)' });
  });

  it("as the sender's own name: the reply addresses \"(naam verborgen)\" and the signal is filed under it", async () => {
    const sly: SimUser = { ...users.ha, name: `Joris ${bsnForms()[9]![1]}` };
    await answered(() => sim.message(sly, channel, 'signaal zorg laag moeder belde af'));
    expect(await app.db.q.select({ name: signals.reporterName }).from(signals)).toEqual([{ name: '(naam verborgen)' }]);
    // Filing it posts the signal and answers nothing more; an answer that is the sender's own addresses the hidden name.
    const { text } = await answered(() => sim.message(sly, channel, 'signaal lijst'));
    expect(text).toMatch(/Voor \(naam verborgen\)/);
  });

  it('leaves no trace in the database file (with -wal), the logs or any Bot Connector call', async () => {
    await app.flush();
    expect(tracesIn(await storedText(dbUrl))).toEqual([]);
    expect(tracesIn(logs.join(''))).toEqual([]);
    reset();
    const sent = stringsOf(allCalls).join('\n');
    expect(sent).toContain('(naam verborgen)');
    expect(tracesIn(sent)).toEqual([]);
  });
});
