/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Slack's JSON payloads loosely */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import { buildApp, type App } from '../../src/app.js';
import { caseByCode } from '../../src/cases/model.js';
import { ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { FakeSlackApi, type SlackCall } from '../fakes/slack-api.js';
import { SlackSim, type SimResponse, type SimUser } from '../fakes/slack-sign.js';
import { local } from '../helpers/app.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { signingSecret, visibleText } from './harness.js';

// Confidential signals (issue 16, item 6) through the real Slack app: what a
// parent's mental-health worker shares reaches the gezinsmanager and the
// teamleider only, in direct messages; the case channel, the team channel and
// the other members see that a confidential signal exists and its state, never
// its kind, text, response or outcome. Every Web API call the app makes is
// searched for the secret words. Codes, names and texts are invented.

const gm: SimUser = { id: 'U0GM00161', name: 'gezinsmanager.test' };
const ha: SimUser = { id: 'U0HA00161', name: 'ggz-behandelaar.test' };
const tl: SimUser = { id: 'U0TL00161', name: 'teamleider.test' };
const code = 'TST-316';
// Words that appear nowhere else, so any trace of them is a leak.
const secretText = 'Moeder vertelde over paniekaanvallen en haar medicatie';
const secrets = ['paniekaanval', 'medicatie'];
const secretResponse = 'Terugbelafspraak met de behandelaar gemaakt';
const secretOutcome = 'Zorgplanbespreking afgerond';
const allSecrets = [...secrets, 'Terugbelafspraak', 'Zorgplanbespreking'];
// The kind a confidential signal is filed with: the channel must not learn it either ("een incident" is the chart's own legend).
const kindWord = /(?<!een )incident/i;

let fake: FakeSlackApi;
let app: App;
let slack: SlackAdapter;
let sim: SlackSim;
let clock: ManualClock;
let dir: string;
let caseChannel: string;
let teamChannel: string;
const privateAnswers: Array<{ user: SimUser; text: string }> = [];

async function run(user: SimUser, channel: string, command: string, text: string): Promise<SimResponse> {
  const res = await sim.command(user, channel, command, text);
  expect(res.status).toBe(200);
  await slack.settled();
  await app.flush();
  const responded = fake.responded.filter((r) => r.id === res.responseId).map((r) => visibleText(r.body));
  privateAnswers.push({ user, text: [res.json ? visibleText(res.json) : (res.text ?? ''), ...responded].join('\n') });
  return res;
}

const dm = (user: SimUser) => `D${user.id}`;
const body = (c: SlackCall) => JSON.stringify(c.args);
const has = (text: string, words: string[]) => words.some((w) => text.toLowerCase().includes(w.toLowerCase()));
/** A call that reaches the gezinsmanager or the teamleider personally, and no one else. */
const personal = (c: SlackCall) => c.method === 'chat.postMessage' && [dm(gm), dm(tl), gm.id, tl.id].includes(String(c.args.channel));

function since(seq: number): SlackCall[] {
  return fake.calls.filter((c) => c.seq >= seq);
}

function latestSeq(): number {
  return fake.calls.length ? fake.calls[fake.calls.length - 1]!.seq + 1 : 0;
}

beforeAll(async () => {
  fake = await FakeSlackApi.start();
  dir = mkdtempSync(join(tmpdir(), 'regiebot-slack-confidential-'));
  clock = new ManualClock(local('2026-03-02 10:00'));
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
  const general = fake.createChannel('algemeen', false, [gm.id, ha.id, tl.id]);
  teamChannel = fake.createChannel('team-oost', false, [gm.id, tl.id]);
  await run(gm, teamChannel, '/team', 'koppel Oost');
  await run(gm, general, '/casus', `nieuw ${code}`);
  caseChannel = (await caseByCode(app.db.q, code))!.conversationId!;
  await run(gm, caseChannel, '/casus', `lid <@${ha.id}|${ha.name}> hoofdaannemer`);
  await run(gm, caseChannel, '/casus', `lid <@${tl.id}|${tl.name}> teamleider`);
  await run(gm, caseChannel, '/casus', 'team Oost');
}, 60_000);

afterAll(async () => {
  await app?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a confidential signal in Slack', () => {
  let filedAt = 0;

  it('the channel sees "S-1: vertrouwelijk signaal van …"; the gezinsmanager and the teamleider get the text by DM', async () => {
    filedAt = latestSeq();
    const res = await run(ha, caseChannel, '/signaal', `incident hoog vertrouwelijk ${secretText}`);
    expect(res.json.response_type).toBe('ephemeral');
    expect(privateAnswers.at(-1)!.text).toContain('Geplaatst');
    // A slash command is seen by no one else: no warning about a visible message.
    expect(privateAnswers.at(-1)!.text).not.toContain('getypte bericht');

    const calls = since(filedAt);
    const inChannel = calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === caseChannel);
    expect(inChannel).toHaveLength(1);
    const post = visibleText(inChannel[0]!.args);
    expect(post).toContain(`S-1: vertrouwelijk signaal van ${ha.name}`);
    expect(post).not.toMatch(kindWord);
    expect(post).not.toContain('hoog');
    expect(has(post, secrets)).toBe(false);
    // The acknowledgement stays possible in the channel.
    expect(sim.button(fake.messagesIn(caseChannel).at(-1)!, 'signal.ack').text).toBe('Bevestigen');

    const toGm = calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === dm(gm));
    const toTl = calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === dm(tl));
    for (const sent of [toGm, toTl]) {
      expect(sent).toHaveLength(1);
      const seen = visibleText(sent[0]!.args);
      expect(seen).toContain(secretText);
      expect(seen).toContain(code);
      expect(seen).toMatch(/Incident \(hoog\)|incident \(hoog\)/);
      expect(seen).toContain('/signaal bevestig S-1 [reactie…]. Een reactie lezen alleen de gezinsmanager en de teamleider.');
    }
    // The reporter gets no copy, and nobody else a DM.
    expect(calls.filter((c) => c.method === 'conversations.open').map((c) => c.args.users).sort()).toEqual([gm.id, tl.id].sort());
  });

  it('/signaal lijst names the kind for the gezinsmanager, not for the hoofdaannemer', async () => {
    await run(ha, caseChannel, '/signaal', 'lijst');
    const forHa = privateAnswers.at(-1)!.text;
    expect(forHa).toContain('S-1 · vertrouwelijk signaal · niet bevestigd');
    expect(forHa).not.toMatch(kindWord);
    await run(gm, caseChannel, '/signaal', 'lijst');
    const forGm = privateAnswers.at(-1)!.text;
    expect(forGm).toMatch(/S-1 · incident · hoog · vertrouwelijk signaal · niet bevestigd/i);
    expect(has(forGm, secrets)).toBe(false);
  });

  it('the card, /casus info, the timeline, the agenda and the export show it as "vertrouwelijk signaal" only', async () => {
    const seq = latestSeq();
    await run(ha, caseChannel, '/casus', 'info');
    await run(ha, caseChannel, '/casus', 'tijdlijn');
    await run(ha, caseChannel, '/overleg', 'agenda');
    await run(gm, caseChannel, '/casus', 'export');
    const answers = privateAnswers.slice(-4);
    for (const a of answers.slice(0, 3)) {
      expect(a.text).toContain('S-1');
      expect(a.text).not.toMatch(kindWord);
      expect(has(a.text, secrets)).toBe(false);
    }
    expect(answers[0]!.text).toContain('S-1 vertrouwelijk signaal');
    expect(answers[2]!.text).toContain('S-1 vertrouwelijk signaal');
    const card = fake.messagesIn(caseChannel)[0]!;
    expect(visibleText(card)).toContain('S-1 vertrouwelijk signaal');
    expect(visibleText(card)).not.toMatch(kindWord);
    const file = [...fake.files.values()].find((f) => f.filename.startsWith(`casus-${code.toLowerCase()}`))!;
    const content = file.bytes;
    expect(content).toContain('S-1 vertrouwelijk signaal');
    expect(content).not.toMatch(kindWord);
    expect(has(content, secrets)).toBe(false);
    expect(since(seq).filter((c) => has(body(c), secrets))).toEqual([]);
  });

  it('the gezinsmanager acknowledges; the channel sees who and when, the response goes to the teamleider personally', async () => {
    const seq = latestSeq();
    await run(gm, caseChannel, '/signaal', `bevestig S-1 ${secretResponse}`);
    expect(privateAnswers.at(-1)!.text).toContain('Signaal S-1 is bevestigd');
    const calls = since(seq);
    const update = calls.find((c) => c.method === 'chat.update' && c.args.channel === caseChannel && /vertrouwelijk signaal van/.test(visibleText(c.args)));
    expect(visibleText(update?.args)).toContain(`Bevestigd door <@${gm.id}>`);
    expect(visibleText(update?.args)).not.toContain('Terugbelafspraak');
    const toTl = calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === dm(tl));
    expect(toTl).toHaveLength(1);
    expect(visibleText(toTl[0]!.args)).toContain(secretResponse);
    expect(calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === dm(gm))).toEqual([]);
  });

  it('the teamleider closes it; the outcome goes to the gezinsmanager personally', async () => {
    const seq = latestSeq();
    await run(tl, caseChannel, '/signaal', `sluit S-1 ${secretOutcome}`);
    const calls = since(seq);
    const toGm = calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === dm(gm));
    expect(toGm).toHaveLength(1);
    expect(visibleText(toGm[0]!.args)).toContain(secretOutcome);
    const update = calls.find((c) => c.method === 'chat.update' && c.args.channel === caseChannel && /vertrouwelijk signaal van/.test(visibleText(c.args)));
    expect(visibleText(update?.args)).toMatch(/Gesloten op/);
    expect(visibleText(update?.args)).not.toContain('Zorgplanbespreking');
  });

  it('the form has a Vertrouwelijk choice; choosing "ja" files a confidential signal', async () => {
    const opened = await sim.command(ha, caseChannel, '/signaal', '');
    await slack.settled();
    const view = fake.views.at(-1)!.view;
    expect(opened.status).toBe(200);
    const block = view.blocks.find((b: any) => b.block_id === 'vertrouwelijk');
    expect(block.label.text).toBe('Vertrouwelijk');
    expect(block.element.options.map((o: any) => o.value)).toEqual(['nee', 'ja']);
    const seq = latestSeq();
    const res = await sim.submit(ha, view, { soort: 'incident', urgentie: 'hoog', vertrouwelijk: 'ja', tekst: `Tweede melding: ${secretText}` });
    expect(res.status).toBe(200);
    await slack.settled();
    await app.flush();
    const calls = since(seq);
    const inChannel = calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === caseChannel);
    expect(inChannel.map((c) => visibleText(c.args).split('\n')[0])).toEqual([expect.stringContaining(`S-2: vertrouwelijk signaal van ${ha.name}`)]);
    expect(calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === dm(tl)).map((c) => visibleText(c.args))).toEqual([
      expect.stringContaining('Tweede melding'),
    ]);
  });

  it('unacknowledged, it reminds the gezinsmanager and escalates in the channel without its kind; the digest counts it', async () => {
    const seq = latestSeq();
    // hoog: reminder after 4 hours, escalation after 8.
    for (const at of ['2026-03-02 14:30', '2026-03-02 18:30']) {
      clock.set(local(at));
      await app.scheduler.sweep();
      await app.flush();
    }
    const calls = since(seq).filter((c) => c.method === 'chat.postMessage');
    const titles = calls.map((c) => `${c.args.channel === caseChannel ? 'case' : c.args.channel} ${visibleText(c.args).split('\n')[0]}`);
    expect(titles).toEqual([
      expect.stringMatching(new RegExp(`^${dm(gm)} .*Herinnering: signaal S-2 in casus ${code}`)),
      expect.stringMatching(/^case .*Escalatie: signaal S-2 is niet bevestigd/),
      expect.stringMatching(new RegExp(`^${dm(tl)} .*signaal S-2 \\(hoog\\) is niet bevestigd`)),
    ]);
    const escalation = visibleText(calls[1]!.args);
    expect(escalation).toContain('vertrouwelijk signaal S-2');
    expect(escalation).toContain(`<@${tl.id}>`);
    expect(escalation).not.toMatch(kindWord);
    expect(escalation).not.toContain('hoog');

    await run(tl, teamChannel, '/digest', '');
    const digest = privateAnswers.at(-1)!.text;
    expect(digest).toMatch(/Onbevestigde signalen\*\n1\n/);
    expect(digest).toContain(`${code}: S-2 vertrouwelijk signaal onbevestigd`);
    expect(digest).not.toMatch(kindWord);
  });

  it('the safety chart does not mark confidential signals, and the closure post lists it as "vertrouwelijk signaal"', async () => {
    await run(gm, caseChannel, '/veiligheid', 'actueel 5 blijvend 5');
    await run(gm, caseChannel, '/veiligheid', 'actueel 4 blijvend 5');
    const seq = latestSeq();
    await run(gm, caseChannel, '/veiligheid', 'grafiek');
    const chart = [...fake.files.values()].find((f) => f.filename.endsWith('.png'))!;
    // S-1 and S-2 are both of kind incident: a marker would tell the channel so.
    expect(chart.alt).toContain('0 signalen over veiligheid of een incident');
    expect(since(seq).some((c) => body(c).includes('0 signalen over veiligheid'))).toBe(true);

    const closing = latestSeq();
    await run(gm, caseChannel, '/casus', 'afsluiten bevestig');
    const closed = since(closing).filter((c) => c.method === 'chat.postMessage' && c.args.channel === caseChannel);
    const closure = closed.map((c) => visibleText(c.args)).find((t) => t.includes('afgesloten'))!;
    expect(closure).toContain('S-2 vertrouwelijk signaal (niet bevestigd)');
    expect(closure).not.toMatch(kindWord);
  });

  it('no call of the whole session carried the content anywhere but to the gezinsmanager or the teamleider personally', () => {
    const carrying = fake.calls.filter((c) => has(body(c), allSecrets) || kindWord.test(JSON.stringify(c.args.blocks ?? c.args.text ?? '')));
    expect(carrying.length).toBeGreaterThan(0);
    expect(carrying.filter((c) => !personal(c)).map((c) => `${c.method} ${String(c.args.channel)}`)).toEqual([]);
    for (const f of fake.files.values()) expect(has(f.bytes, allSecrets)).toBe(false);
    // Answers only the typist sees never repeat the content either, not even to the gezinsmanager.
    for (const a of privateAnswers) expect(has(a.text, allSecrets)).toBe(false);
    for (const r of fake.responded) expect(has(JSON.stringify(r.body), allSecrets)).toBe(false);
  });
});
