/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Bot Framework JSON loosely */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { first } from '../../db/connection.js';
import { signals } from '../../db/schema.js';
import { ManualClock } from '../../src/clock.js';
import type { ConnectorCall } from '../fakes/bot-connector.js';
import { local } from '../helpers/app.js';
import { activityText, cardText, channel, startTeams, users, type TeamsRig } from './harness.js';

// Confidential signals (issue 16, item 6) through the real Teams app: the
// content reaches the gezinsmanager and the teamleider in their 1:1 chats with
// the bot, and nowhere else; the channel sees "S-n: vertrouwelijk signaal van
// …" and its state. Every Bot Connector call is searched for the secret words.
// Codes, names and texts are invented.

const code = 'TST-317';
const secretText = 'Vader vertelde de behandelaar over zijn depressie en opname';
const secrets = ['depressie', 'opname'];
const kindWord = /incident/i;

let rig: TeamsRig;

async function step(run: () => Promise<{ status: number; body: any; activityId: string }>) {
  const from = rig.connector.calls.length;
  const res = await run();
  expect(res.status).toBe(200);
  await rig.app.flush();
  const calls = rig.connector.calls.slice(from);
  return { res, calls, replies: calls.filter((c) => c.kind === 'send' && c.conversationId?.includes(';messageid=')) };
}

const has = (text: string, words: string[]) => words.some((w) => text.toLowerCase().includes(w.toLowerCase()));
const textOf = (c: ConnectorCall) => (c.body?.attachments?.[0]?.content ? cardText(c.body.attachments[0].content) : JSON.stringify(c.body ?? ''));
const personalOf = (user: { id: string }) => rig.connector.personal.get(user.id);
const sentTo = (calls: ConnectorCall[], conversationId: string | undefined) => calls.filter((c) => c.kind === 'send' && conversationId && c.conversationId === conversationId);

beforeAll(async () => {
  rig = await startTeams({ clock: new ManualClock(local('2026-03-02 10:00')) });
  await step(() => rig.sim.message(users.gm, channel, `casus nieuw ${code}`));
  await step(() => rig.sim.message(users.gm, channel, `casus lid @${users.ha.name} hoofdaannemer`, { mentions: [users.ha] }));
  await step(() => rig.sim.message(users.gm, channel, `casus lid @${users.tl.name} teamleider`, { mentions: [users.tl] }));
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

describe('a confidential signal in Teams', () => {
  let postedId = '';

  it('the channel sees "S-1: vertrouwelijk signaal van Joris Bakker"; the text goes to the gezinsmanager and the teamleider personally', async () => {
    const s = await step(() => rig.sim.message(users.ha, channel, `signaal incident hoog vertrouwelijk ${secretText}`));
    const row = (await first(rig.app.db.q.select().from(signals).where(eq(signals.number, 1))))!;
    expect(row).toMatchObject({ confidential: true, kind: 'incident', urgency: 'hoog', text: secretText });
    const answer = cardText(s.replies[0]!.body.attachments[0].content);
    // The post says it is filed; the answer is kept only for the warning about the typed message.
    expect(answer).toContain('Geplaatst');
    // The typed message itself stays in the channel, readable by all; the bot says so and how to avoid it.
    expect(answer).toContain('Let op: je getypte bericht met de tekst staat zichtbaar in het kanaal. Verwijder het zelf');

    const posted = s.calls.filter((c) => c.kind === 'send' && c.conversationId === channel.id);
    expect(posted).toHaveLength(1);
    postedId = posted[0]!.activityId!;
    const shown = textOf(posted[0]!);
    expect(shown).toContain('S-1: vertrouwelijk signaal van Joris Bakker');
    expect(shown).toContain('[Bevestigen]');
    expect(shown).not.toMatch(kindWord);
    expect(has(JSON.stringify(posted[0]!.body), secrets)).toBe(false);

    for (const who of [users.gm, users.tl]) {
      const [dm] = sentTo(s.calls, personalOf(who));
      expect(textOf(dm!)).toContain(secretText);
      expect(textOf(dm!)).toContain(code);
    }
    // The reporter's personal chat exists (her welcome to the case) but gets none of this.
    expect(personalOf(users.ha)).toBeDefined();
    expect(sentTo(s.calls, personalOf(users.ha))).toEqual([]);
  });

  it('"signaal lijst" shows only that there is a confidential signal, even to the gezinsmanager: a Teams reply is read by the whole channel', async () => {
    for (const who of [users.ha, users.gm]) {
      const s = await step(() => rig.sim.message(who, channel, 'signaal lijst'));
      expect(s.replies[0]!.conversationId).toContain(';messageid=');
      const answer = textOf(s.replies[0]!);
      expect(answer).toContain('S-1 · vertrouwelijk signaal · niet bevestigd');
      expect(answer).not.toMatch(kindWord);
    }
  });

  it('Bevestigen in the channel works for the gezinsmanager; the teamleider is told personally', async () => {
    const s = await step(() => rig.sim.press(users.gm, channel, postedId, 'Bevestigen'));
    expect(s.res.body.value).toContain('S-1 is bevestigd');
    const shown = activityText(rig.connector.activities.get(postedId));
    expect(shown).toContain('S-1: vertrouwelijk signaal van Joris Bakker');
    expect(shown).toContain('Bevestigd door Sanne de Wit');
    expect(has(shown, secrets)).toBe(false);
    const [toTl] = sentTo(s.calls, personalOf(users.tl));
    expect(textOf(toTl!)).toContain('Bevestigd door Sanne de Wit');
    expect(textOf(toTl!)).toContain(secretText);
  });

  it('the form has the Vertrouwelijk choice; "ja" files a confidential signal', async () => {
    const opened = await step(() => rig.sim.message(users.ha, channel, 'signaal'));
    const formReply = opened.replies[0]!;
    const form = formReply.body.attachments[0].content;
    const choice = form.body.find((e: any) => e.id === 'f_vertrouwelijk');
    expect(choice.choices.map((c: any) => c.value)).toEqual(['nee', 'ja']);
    const s = await step(() =>
      rig.sim.submit(users.ha, channel, formReply.activityId!, { soort: 'incident', urgentie: 'hoog', vertrouwelijk: 'ja', tekst: `Opnieuw: ${secretText}` }),
    );
    const posted = s.calls.filter((c) => (c.kind === 'send' || c.kind === 'update') && c.conversationId === channel.id).map(textOf);
    expect(posted.some((t) => t.includes('S-2: vertrouwelijk signaal van Joris Bakker'))).toBe(true);
    expect(textOf(sentTo(s.calls, personalOf(users.tl))[0]!)).toContain('Opnieuw:');
    // Sent with the form, nothing typed is left in the channel: no warning.
    expect(JSON.stringify(s.res.body)).not.toContain('getypte bericht');
  });

  it('unacknowledged, it escalates in the channel without its kind, and to the teamleider personally', async () => {
    const from = rig.connector.calls.length;
    for (const at of ['2026-03-02 14:30', '2026-03-02 18:30']) {
      rig.clock.set(local(at));
      await rig.app.scheduler.sweep();
      await rig.app.flush();
    }
    const calls = rig.connector.calls.slice(from);
    const toGm = sentTo(calls, personalOf(users.gm)).map(textOf);
    expect(toGm).toEqual([expect.stringContaining(`Herinnering: signaal S-2 in casus ${code}`)]);
    const inChannel = sentTo(calls, channel.id).map(textOf);
    const escalation = inChannel.find((t) => t.includes('Escalatie: signaal S-2'))!;
    expect(escalation).toContain('vertrouwelijk signaal S-2');
    expect(escalation).not.toMatch(kindWord);
    expect(sentTo(calls, personalOf(users.tl)).map(textOf)).toEqual([expect.stringContaining('S-2 (hoog) is niet bevestigd')]);
  });

  it('a response typed for a confidential signal: the answer says the typed message is visible, and the teamleider gets it personally', async () => {
    const s = await step(() => rig.sim.message(users.gm, channel, 'signaal bevestig S-2 Gesprek over de opname gepland'));
    const answer = textOf(s.replies[0]!);
    expect(answer).toContain('Signaal S-2 is bevestigd');
    expect(answer).toContain('Let op: je getypte bericht met je reactie of uitkomst staat zichtbaar in het kanaal');
    expect(answer).not.toContain('opname');
    expect(textOf(sentTo(s.calls, personalOf(users.tl))[0]!)).toContain('Reactie: Gesprek over de opname gepland');
    // Without a response there is nothing to warn about.
    const plain = await step(() => rig.sim.message(users.gm, channel, 'signaal sluit S-2'));
    expect(textOf(plain.replies[0]!)).not.toContain('getypte bericht');
  });

  it('no connector call carried the content, or its kind, except to the gezinsmanager and the teamleider personally', () => {
    const allowed = new Set([personalOf(users.gm), personalOf(users.tl)]);
    // The form itself lists the kinds; it is no message about this signal.
    const carrying = rig.connector.calls.filter((c) => has(JSON.stringify(c.body ?? ''), secrets) || (kindWord.test(textOf(c)) && !JSON.stringify(c.body ?? '').includes('"Input.')));
    expect(carrying.length).toBeGreaterThan(0);
    expect(carrying.filter((c) => !allowed.has(c.conversationId)).map((c) => `${c.kind} ${c.conversationId}: ${textOf(c).slice(0, 80)}`)).toEqual([]);
  });
});
