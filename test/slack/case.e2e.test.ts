/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Slack's JSON payloads loosely */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import { signals } from '../../db/schema.js';
import { buildApp, type App } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { FakeSlackApi, type SlackCall, type StoredMessage } from '../fakes/slack-api.js';
import { SlackSim, type SimResponse, type SimUser } from '../fakes/slack-sign.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { signingSecret, visibleText } from './harness.js';

// A whole case, run as Slack would run it: the real app (buildApp, the real
// core, the real Bolt app on the shared server), signed requests on loopback,
// the fake Web API recording every call. Each step checks the calls it caused
// and what each person sees. Set SLACK_TRANSCRIPT=<file> to write them all out.
// Codes and names are invented.

const gm: SimUser = { id: 'U0GM00001', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00001', name: 'trajectbegeleider.test' };
const tl: SimUser = { id: 'U0TL00001', name: 'teamleider.test' };
const outsider: SimUser = { id: 'U0XX00001', name: 'buitenstaander.test' };
const code = 'ABC-123';
const signalText = 'Vader dreigde gisteravond de kinderen mee te nemen';

let fake: FakeSlackApi;
let app: App;
let slack: SlackAdapter;
let sim: SlackSim;
let clock: ManualClock;
let dir: string;
let general: string;
let caseChannel: string;
const transcript: string[] = [];

interface Step {
  res: SimResponse;
  calls: SlackCall[];
  /** What went only to the sender: the ack body, or what came through response_url. */
  privately: string;
  posts: SlackCall[];
  updates: SlackCall[];
}

function methods(calls: SlackCall[]): string[] {
  return calls.map((c) => c.method);
}

async function step(label: string, send: () => Promise<SimResponse>): Promise<Step> {
  fake.reset();
  const res = await send();
  await slack.settled();
  await app.flush();
  const calls = fake.callsOf();
  const responded = fake.responded.filter((r) => r.id === res.responseId).map((r) => visibleText(r.body));
  const privately = [res.json ? visibleText(res.json) : res.text, ...responded].filter(Boolean).join('\n');
  const seen = [res.json ? shown(res.json) : res.text, ...fake.responded.filter((r) => r.id === res.responseId).map((r) => shown(r.body))].filter(Boolean).join('\n');
  transcript.push(`## ${label}`, `HTTP ${res.status}${seen ? `; only the sender sees:\n${indent(seen)}` : ''}`);
  for (const c of calls) transcript.push(`- ${c.method} ${describeCall(c)}`);
  transcript.push('');
  return { res, calls, privately, posts: fake.callsOf('chat.postMessage'), updates: fake.callsOf('chat.update') };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

function describeCall(c: SlackCall): string {
  const { blocks, view, text, ...rest } = c.args;
  const params = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  const body = view ? `\n${indent(`[view ${view.type} ${view.callback_id ?? ''}]\n${shown({ blocks: view.blocks })}`)}` : text || blocks ? `\n${indent(shown({ text, blocks }))}` : '';
  return params + body;
}

/** What a person reads: the blocks when there are any, else the text. */
function shown(m: { text?: string; blocks?: any[] }): string {
  return m.blocks?.length ? visibleText({ blocks: m.blocks }) : (m.text ?? '');
}

function postsTo(calls: SlackCall[], channel: string): SlackCall[] {
  return calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);
}

beforeAll(async () => {
  fake = await FakeSlackApi.start();
  dir = mkdtempSync(join(tmpdir(), 'regiebot-slack-'));
  clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  app = await buildApp({
    settings: loadSettings({
      DATABASE_URL: testDatabaseUrl(dir),
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: fake.apiUrl,
      LOG_LEVEL: 'silent',
    }),
    clock,
    senderIntervalMs: 0,
  });
  const base = await app.listen(0, '127.0.0.1');
  slack = app.adapters.get('slack') as SlackAdapter;
  sim = new SlackSim(`${base}/slack/events`, signingSecret, fake, () => slack.settled());
  general = fake.createChannel('algemeen', false, [gm.id, ha.id, tl.id, outsider.id]);
});

afterAll(async () => {
  await app?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (process.env.SLACK_TRANSCRIPT) writeFileSync(process.env.SLACK_TRANSCRIPT, `# Slack: a whole case, call by call\n\n${transcript.join('\n')}\n`);
});

describe('a whole case in Slack', () => {
  it('runs in HTTP mode on the shared server', () => {
    expect(slack.mode).toBe('http');
    expect([...app.adapters.keys()]).toEqual(['slack']);
  });

  it('/casus nieuw creates a private channel, invites the caller, posts and pins the card', async () => {
    const s = await step(`/casus nieuw ${code} (gezinsmanager, in #algemeen)`, () => sim.command(gm, general, '/casus', `nieuw ${code} Testgezin`));
    expect(s.res.status).toBe(200);
    expect(s.res.json.response_type).toBe('ephemeral');
    expect(s.privately).toContain(code);
    expect(methods(s.calls)).toEqual(['conversations.create', 'conversations.invite', 'chat.postMessage', 'pins.add']);
    const [create, invite, card, pin] = s.calls;
    expect(create?.args).toEqual({ name: 'casus-abc-123', is_private: true });
    caseChannel = fake.channels.get(String(invite?.args.channel))!.id;
    expect(invite?.args).toEqual({ channel: caseChannel, users: gm.id });
    expect(card?.args.channel).toBe(caseChannel);
    expect(visibleText(card?.args)).toContain(code);
    expect(visibleText(card?.args)).toContain(`<@${gm.id}>`);
    expect(pin?.args).toEqual({ channel: caseChannel, timestamp: fake.messagesIn(caseChannel)[0]?.ts });
    // Nothing about the case in the channel it was typed in.
    expect(postsTo(s.calls, general)).toEqual([]);
    expect(s.calls.every((c) => c.token === 'xoxb-test')).toBe(true);
  });

  it('/casus lid invites the hoofdaannemer and the teamleider, and the card names them', async () => {
    const s1 = await step('/casus lid @trajectbegeleider hoofdaannemer', () => sim.command(gm, caseChannel, '/casus', `lid <@${ha.id}|${ha.name}> hoofdaannemer`));
    expect(s1.calls[0]).toMatchObject({ method: 'conversations.invite', args: { channel: caseChannel, users: ha.id } });
    // One confirmation: the channel reads who was added; the gezinsmanager's ephemeral answer says "Geplaatst" only
    // (and the family's consent, which the post does not say), not the same sentence again.
    const [added] = postsTo(s1.calls, caseChannel);
    expect(visibleText(added?.args)).toContain(`<@${ha.id}> is toegevoegd als hoofdaannemer.`);
    expect(s1.privately).toContain('Geplaatst');
    expect(s1.privately).not.toContain('toegevoegd');
    const card = fake.messagesIn(caseChannel)[0]!;
    expect(visibleText(card)).toContain(`<@${ha.id}>`);
    expect(s1.updates.map((u) => u.args.ts)).toContain(card.ts);

    const s2 = await step('/casus lid @teamleider teamleider', () => sim.command(gm, caseChannel, '/casus', `lid <@${tl.id}|${tl.name}> teamleider`));
    expect(s2.calls[0]).toMatchObject({ method: 'conversations.invite', args: { channel: caseChannel, users: tl.id } });
    expect(fake.channels.get(caseChannel)?.members).toEqual(new Set([fake.botUserId, gm.id, ha.id, tl.id]));
  });

  let signalPost: StoredMessage;

  it('an acute safety signal is posted with a Bevestigen button and the gezinsmanager gets a DM without its text', async () => {
    const s = await step('/signaal veiligheid acuut … (hoofdaannemer)', () => sim.command(ha, caseChannel, '/signaal', `veiligheid acuut ${signalText}`));
    expect(s.res.json.response_type).toBe('ephemeral');
    // The signal stands in the channel; the reporter reads "Geplaatst" and the safety line, not the signal again.
    expect(s.privately).toMatch(/^:white_check_mark: Geplaatst/);
    expect(s.privately).not.toMatch(/S-1/);
    expect(s.privately).toContain('112');

    const [post] = postsTo(s.calls, caseChannel);
    expect(visibleText(post?.args)).toContain(signalText);
    expect(visibleText(post?.args)).toContain(`<@${ha.id}>`);
    signalPost = structuredClone(fake.messagesIn(caseChannel).find((m) => m.text.includes(signalText))!);
    const button = sim.button(signalPost, 'signal.ack');
    expect(button.text).toBe('Bevestigen');

    // The DM: conversations.open, then chat.postMessage with a permalink to the post.
    const open = fake.callsOf('conversations.open');
    expect(open.map((c) => c.args)).toEqual([{ users: gm.id }]);
    expect(fake.callsOf('chat.getPermalink')[0]?.args).toEqual({ channel: caseChannel, message_ts: signalPost.ts });
    const [dm] = postsTo(s.calls, `D${gm.id}`);
    const seen = visibleText(dm?.args);
    expect(seen).toContain(code);
    expect(seen).toContain('acuut');
    expect(seen).toContain(`https://regiebot-test.slack.com/archives/${caseChannel}/p${signalPost.ts.replace('.', '')}`);
    expect(seen).not.toContain(signalText);
    expect(seen).not.toContain('dreigde');
  });

  it('someone else than the gezinsmanager or teamleider pressing Bevestigen is refused, privately', async () => {
    const s = await step('Bevestigen (hoofdaannemer: geweigerd)', () => sim.press(ha, signalPost, 'signal.ack'));
    expect(s.res.status).toBe(200);
    expect(s.privately).toMatch(/gezinsmanager/);
    expect(fake.responded.find((r) => r.id === s.res.responseId)?.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(s.posts).toEqual([]);
    expect(s.updates).toEqual([]);
    expect(fake.message(caseChannel, signalPost.ts)?.updates).toBe(0);
  });

  it('the gezinsmanager pressing Bevestigen updates the message with who and when', async () => {
    const s = await step('Bevestigen (gezinsmanager)', () => sim.press(gm, signalPost, 'signal.ack'));
    const update = s.updates.find((u) => u.args.ts === signalPost.ts);
    expect(update?.args.channel).toBe(caseChannel);
    const seen = visibleText(update?.args);
    expect(seen).toContain(`<@${gm.id}>`);
    expect(seen).toMatch(/[Bb]evestigd/);
    expect(seen).toContain('02-03-2026 10:00'); // 09:00 UTC = 10:00 in Amsterdam
    expect(fake.message(caseChannel, signalPost.ts)?.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(s.posts).toEqual([]);
  });

  it('pressing twice changes nothing', async () => {
    const before = await app.db.q.select().from(signals).orderBy(asc(signals.id));
    const s = await step('Bevestigen nog eens (gezinsmanager, oude weergave)', () => sim.press(gm, signalPost, 'signal.ack'));
    expect(s.privately).toMatch(/al bevestigd/);
    expect(await app.db.q.select().from(signals).orderBy(asc(signals.id))).toEqual(before);
    expect(s.updates.filter((u) => u.args.ts === signalPost.ts)).toEqual([]);
    expect(fake.message(caseChannel, signalPost.ts)?.updates).toBe(1);
    expect(s.posts).toEqual([]);
  });

  it('/veiligheid scores are posted; the hoofdaannemer may not score', async () => {
    const ok = await step('/veiligheid actueel 5 blijvend 4 (gezinsmanager)', () => sim.command(gm, caseChannel, '/veiligheid', 'actueel 5 blijvend 4 spanning thuis'));
    expect(visibleText(postsTo(ok.calls, caseChannel)[0]?.args)).toMatch(/5/);
    const refused = await step('/veiligheid (hoofdaannemer: geweigerd)', () => sim.command(ha, caseChannel, '/veiligheid', 'actueel 7 blijvend 7'));
    expect(refused.res.json.response_type).toBe('ephemeral');
    expect(refused.privately).toMatch(/gezinsmanager/);
    expect(refused.calls).toEqual([]);
  });

  it('/inzet refers to a provider, and /inzet gestart records the start', async () => {
    const refer = await step('/inzet … ha spic 7 verwezen 01-03-2026', () => sim.command(gm, caseChannel, '/inzet', 'Zorgpartner-Noord ha spic 7 verwezen 01-03-2026'));
    expect(visibleText(postsTo(refer.calls, caseChannel)[0]?.args)).toContain('Zorgpartner-Noord');
    // One confirmation: the referral stands in the channel; privately only "Geplaatst" (and the plan reminder the post lacks).
    expect(refer.privately).toMatch(/^:white_check_mark: Geplaatst/);
    expect(refer.privately).not.toContain('Zorgpartner-Noord');
    const started = await step('/inzet gestart … vandaag', () => sim.command(gm, caseChannel, '/inzet', 'gestart Zorgpartner-Noord vandaag'));
    const seen = visibleText(postsTo(started.calls, caseChannel)[0]?.args);
    expect(seen).toContain('Zorgpartner-Noord');
    expect(seen).toContain('02-03-2026');
    expect(started.privately).toMatch(/^:white_check_mark: Geplaatst/);
    expect(started.privately).not.toContain('Zorgpartner-Noord');
  });

  it('/overleg gepland and /overleg gehouden are posted in the case channel', async () => {
    const planned = await step('/overleg gepland 10-03-2026 14:00', () => sim.command(gm, caseChannel, '/overleg', 'gepland 10-03-2026 14:00'));
    expect(visibleText(postsTo(planned.calls, caseChannel)[0]?.args)).toContain('10-03-2026');
    const held = await step('/overleg gehouden vandaag …', () => sim.command(gm, caseChannel, '/overleg', 'gehouden vandaag afspraak: elke week contact met school'));
    expect(visibleText(postsTo(held.calls, caseChannel)[0]?.args)).toContain('elke week contact met school');
  });

  it('a bare /signaal opens the modal; submitting it files the signal in the case channel', async () => {
    const opened = await step('/signaal (leeg: formulier)', () => sim.command(ha, caseChannel, '/signaal', ''));
    expect(opened.res.text).toBe('');
    expect(methods(opened.calls)).toEqual(['views.open']);
    const view = opened.calls[0]?.args.view;
    expect(view.callback_id).toBe('signaal');
    expect(view.blocks.map((b: any) => b.block_id)).toEqual(['soort', 'urgentie', 'oorzaak', 'vertrouwelijk', 'tekst']);

    const submitted = await step('formulier signaal verstuurd', () =>
      sim.submit(ha, view, { soort: 'stagnatie', urgentie: 'normaal', oorzaak: 'hulp', tekst: 'Wachtlijst bij de specialist loopt op' }),
    );
    expect(submitted.res.status).toBe(200);
    expect(submitted.res.text).toBe('');
    const [post] = postsTo(submitted.calls, caseChannel);
    expect(visibleText(post?.args)).toContain('Wachtlijst bij de specialist loopt op');
    expect(visibleText(post?.args)).toContain('S-2');
    // Normal urgency, not a safety kind: no DM.
    expect(fake.callsOf('conversations.open')).toEqual([]);
    // The confirmation reaches the sender only.
    expect(fake.callsOf('chat.postEphemeral')[0]?.args).toMatchObject({ channel: caseChannel, user: ha.id });
  });

  it('a refused modal stays open with the error under a field', async () => {
    const opened = await step('/veiligheid (leeg: formulier)', () => sim.command(gm, caseChannel, '/veiligheid', ''));
    const view = opened.calls[0]?.args.view;
    expect(view.callback_id).toBe('veiligheid');
    const before = fake.messagesIn(caseChannel).length;
    const s = await step('formulier veiligheid met 11', () => sim.submit(gm, view, { actueel: '11', blijvend: '4' }));
    expect(s.res.json.response_action).toBe('errors');
    expect(Object.keys(s.res.json.errors)).toHaveLength(1);
    expect(fake.messagesIn(caseChannel)).toHaveLength(before);
  });

  it('a bare /inzet opens its modal too', async () => {
    const opened = await step('/inzet (leeg: formulier)', () => sim.command(gm, caseChannel, '/inzet', ''));
    expect(opened.calls[0]?.args.view.callback_id).toBe('inzet');
  });

  it('bad input answers the sender with the right form, and nothing is posted', async () => {
    const s = await step('/signaal onzin', () => sim.command(ha, caseChannel, '/signaal', 'onzin'));
    expect(s.res.json.response_type).toBe('ephemeral');
    expect(s.privately).toContain('/signaal');
    expect(s.calls).toEqual([]);
  });

  it('/casus koppel links an existing channel the app was added to', async () => {
    const own = fake.createChannel('gezin-xyz-eigen-kanaal', true, [gm.id]);
    const s = await step('/casus koppel XYZ-9 (in een bestaand privékanaal)', () => sim.command(gm, own, '/casus', 'koppel XYZ-9'));
    expect(s.res.json.response_type).toBe('ephemeral');
    expect(fake.callsOf('conversations.create')).toEqual([]);
    const [card] = postsTo(s.calls, own);
    expect(visibleText(card?.args)).toContain('XYZ-9');
    expect(fake.callsOf('pins.add')[0]?.args.channel).toBe(own);
  });

  it('/team koppel and /digest work in a team channel', async () => {
    const team = fake.createChannel('team-noord', false, [gm.id, tl.id]);
    fake.channels.get(team)!.members.delete(fake.botUserId);
    const linked = await step('/team koppel Noord (openbaar teamkanaal)', () => sim.command(tl, team, '/team', 'koppel Noord'));
    expect(linked.res.json.response_type).toBe('ephemeral');
    expect(linked.privately).toContain('Noord');
    const digest = await step('/digest', () => sim.command(tl, team, '/digest', ''));
    expect(digest.res.status).toBe(200);
    expect(digest.privately.length).toBeGreaterThan(0);
  });

  it('a second /casus nieuw with the same code creates nothing', async () => {
    const s = await step(`/casus nieuw ${code} (nog eens)`, () => sim.command(outsider, general, '/casus', `nieuw ${code}`));
    expect(s.res.json.response_type).toBe('ephemeral');
    expect(s.privately).toContain(code);
    expect(s.calls).toEqual([]);
  });

  it('requests without a valid signature, or older than five minutes, get 401 and change nothing', async () => {
    const count = async () => (await app.db.q.select().from(signals)).length;
    const before = await count();
    const forged = await step('vervalste handtekening', () => sim.command(ha, caseChannel, '/signaal', 'zorg hoog vervalst', { secret: 'wrong-secret' }));
    const unsigned = await step('zonder handtekening', () => sim.command(ha, caseChannel, '/signaal', 'zorg hoog zonder', { unsigned: true }));
    const stale = await step('te oud (6 minuten)', () => sim.command(ha, caseChannel, '/signaal', 'zorg hoog oud', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }));
    const stalePress = await step('knop, te oud', () => sim.press(gm, signalPost, 'signal.ack', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }));
    for (const s of [forged, unsigned, stale, stalePress]) {
      expect(s.res.status).toBe(401);
      expect(s.calls).toEqual([]);
    }
    expect(await count()).toBe(before);
  });

  it('a 429 from Slack is retried by the outbox after Retry-After, and posts once', async () => {
    fake.reset();
    fake.rateLimitNext('chat.postMessage', 30);
    const res = await sim.command(gm, caseChannel, '/overleg', 'gepland 14-04-2026 10:00');
    await slack.settled();
    await app.flush();
    expect(res.status).toBe(200);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect((await app.outbox.counts()).pending).toBeGreaterThan(0);
    const messages = fake.messagesIn(caseChannel).length;
    clock.advance(31_000);
    await app.flush();
    expect((await app.outbox.counts()).pending).toBe(0);
    expect(fake.messagesIn(caseChannel)).toHaveLength(messages + 1);
    expect(visibleText(fake.messagesIn(caseChannel).at(-1))).toContain('14-04-2026');
  });

  it('the App Home tab is published for the user', async () => {
    const s = await step('App Home geopend (gezinsmanager)', () => sim.homeOpened(gm));
    expect(s.res.status).toBe(200);
    const [publish] = fake.callsOf('views.publish');
    expect(publish?.args.user_id).toBe(gm.id);
    expect(publish?.args.view.type).toBe('home');
    expect(publish?.args.view.blocks.length).toBeGreaterThan(0);
  });
});
