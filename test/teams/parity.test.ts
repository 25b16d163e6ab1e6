/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads platform JSON loosely */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { first } from '../../db/connection.js';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import { auditLog, cases, meetings, members, outbox, referrals, safetyScores, sandboxMessages, signals } from '../../db/schema.js';
import { buildApp, type App } from '../../src/app.js';
import { caseByCode } from '../../src/cases/model.js';
import { ManualClock } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { testDatabaseUrl } from '../helpers/database.js';
import { FakeSlackApi, type StoredMessage } from '../fakes/slack-api.js';
import { SlackSim, type SimUser as SlackUser } from '../fakes/slack-sign.js';
import { sandboxClient, textOf } from '../sandbox/helpers.js';
import { signingSecret, visibleText } from '../slack/harness.js';
import { activityText, channel as teamsChannel, startTeams, users as teamsUsers, type TeamsRig } from './harness.js';

// Parity: one table of scenario steps, run against the sandbox (its HTTP API),
// Slack (signed requests to the real Bolt app, the fake Web API) and Teams
// (activities to the real Teams SDK app, the fake Bot Connector), each on its
// own fresh database with the same clock. The three must end with the same
// stored state (rows without ids and platform ids) and show the same facts.

const start = new Date('2026-03-02T09:00:00Z');
const code = 'PAR-2026-001';
const signalText = 'Vader dreigde de kinderen mee te nemen';

type Who = 'gm' | 'ha';
type Step =
  | { who: Who; say: string; mention?: Who }
  | { who: Who; press: 'Bevestigen' };

/** The scenario. `{ha}` in a line is an @-mention of the hoofdaannemer, written the platform's way. */
const scenario: Array<Step & { refused: boolean }> = [
  { who: 'gm', say: `casus nieuw ${code} Testgezin`, refused: false },
  { who: 'gm', say: 'casus lid {ha} hoofdaannemer', mention: 'ha', refused: false },
  { who: 'ha', say: `signaal veiligheid hoog ${signalText}`, refused: false },
  { who: 'ha', press: 'Bevestigen', refused: true },
  { who: 'gm', press: 'Bevestigen', refused: false },
  { who: 'gm', say: 'veiligheid actueel 5 blijvend 4 Afspraken worden deels nagekomen', refused: false },
  { who: 'ha', say: 'veiligheid actueel 2 blijvend 2', refused: true },
  { who: 'gm', say: 'inzet "Jeugdhulp Test" ha spic 11 verwezen 02-03-2026', refused: false },
  { who: 'ha', say: 'inzet gestart "Jeugdhulp Test" 02-03-2026', refused: false },
  { who: 'gm', say: 'overleg gehouden 02-03-2026 Startgesprek gevoerd, evaluatie over zes weken', refused: false },
  { who: 'gm', say: 'casus fase verbindne', refused: true },
];

const names: Record<Who, string> = { gm: 'Sanne de Wit', ha: 'Joris Bakker' };

/** What each platform must let the tests see, in the same terms. */
interface Driver {
  name: string;
  app: App;
  /** Runs one step; true when the sender was told it was refused. */
  run(step: Step): Promise<boolean>;
  /** The visible text of the S-1 message as it stands, mentions as names. */
  signalMessage(): Promise<{ text: string; buttons: string[] }>;
  /** The case card as it stands. */
  caseCard(): Promise<string>;
  /** Personal messages the gezinsmanager got. */
  directsToGm(): Promise<string[]>;
  close(): Promise<void>;
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'regiebot-parity-'));
}

async function sandboxDriver(): Promise<Driver> {
  const dir = tmp();
  const app = await buildApp({ settings: loadSettings({ DATABASE_URL: testDatabaseUrl(dir), LOG_LEVEL: 'silent' }), clock: new ManualClock(start), senderIntervalMs: 0 });
  const base = await app.listen(0, '127.0.0.1');
  const client = sandboxClient(base);
  const ids: Record<Who, string> = { gm: 'U-GM', ha: 'U-HA' };
  const general = ((await (await fetch(`${base}/sandbox/api/channels?userId=U-GM`)).json()) as { channels: Array<{ id: string }> }).channels[0]!.id;
  let here = general;
  const signalRow = async () => (await first(app.db.q.select().from(signals)))!;
  const stored = async (pred: (m: any) => boolean) => {
    const rows = (await app.db.q.select().from(sandboxMessages).orderBy(asc(sandboxMessages.id))) as any[];
    return rows.filter((r) => pred(r));
  };
  const plain = (t: string) => t.replace(/@(Sanne de Wit|Joris Bakker)/g, '$1');
  return {
    name: 'sandbox',
    app,
    async run(step) {
      const who = ids[step.who];
      if ('say' in step) {
        const text = step.say.replace('{ha}', '@Joris Bakker');
        const res = await client.command(who, here, `/${text}`);
        if (res.switchTo) here = res.switchTo;
        await app.flush();
        return res.reply.error;
      }
      const signal = await signalRow();
      const message = (await stored((r) => r.conversationId === here && r.userId === null && r.payload?.message?.title?.startsWith('Signaal S-1')))[0];
      const res = await client.action(who, here, 'signal.ack', String(signal.id), message?.id);
      await app.flush();
      return res.reply.error;
    },
    async signalMessage() {
      const row = (await stored((r) => r.conversationId === here && r.userId === null && r.payload?.message?.title?.startsWith('Signaal S-1')))[0];
      const m = row.payload.message;
      return { text: plain(textOf(m)), buttons: (m.actions ?? []).map((a: any) => a.label) };
    },
    async caseCard() {
      const row = (await stored((r) => r.conversationId === here && r.userId === null && r.payload?.message?.title?.startsWith(`Casus ${code}`)))[0];
      return plain(textOf(row.payload.message));
    },
    async directsToGm() {
      return (await stored((r) => r.conversationId === null && r.userId === 'U-GM')).map((r) => plain(textOf(r.payload.message)));
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function slackDriver(): Promise<Driver> {
  const dir = tmp();
  const fake = await FakeSlackApi.start();
  const app = await buildApp({
    settings: loadSettings({ DATABASE_URL: testDatabaseUrl(dir), SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'silent' }),
    clock: new ManualClock(start),
    senderIntervalMs: 0,
  });
  const base = await app.listen(0, '127.0.0.1');
  const slack = app.adapters.get('slack') as SlackAdapter;
  const sim = new SlackSim(`${base}/slack/events`, signingSecret, fake, () => slack.settled());
  const people: Record<Who, SlackUser> = { gm: { id: 'U0GM00001', name: names.gm }, ha: { id: 'U0HA00001', name: names.ha } };
  const general = fake.createChannel('algemeen', false, [people.gm.id, people.ha.id]);
  const caseChannel = async () => (await caseByCode(app.db.q, code))?.conversationId ?? general;
  const plain = (t: string) => t.replace(/<@(U0GM00001|U0HA00001)>/g, (_m, id: string) => (id === people.gm.id ? names.gm : names.ha)).replace(/:[a-z_]+: /g, '');
  const signalPost = async (): Promise<StoredMessage> => fake.messagesIn(await caseChannel()).find((m) => visibleText(m).includes('Signaal S-1'))!;
  return {
    name: 'slack',
    app,
    async run(step) {
      const user = people[step.who];
      fake.reset();
      let res;
      if ('say' in step) {
        const [word, ...rest] = step.say.replace('{ha}', `<@${people.ha.id}|${names.ha}>`).split(' ');
        res = await sim.command(user, await caseChannel(), `/${word}`, rest.join(' '));
      } else {
        res = await sim.press(user, await signalPost(), 'signal.ack');
      }
      await slack.settled();
      await app.flush();
      const privately = [res.json ? visibleText(res.json) : res.text, ...fake.responded.filter((r) => r.id === res.responseId).map((r) => visibleText(r.body))].join('\n');
      return privately.includes(':rotating_light:');
    },
    async signalMessage() {
      const m = await signalPost();
      const buttons = m.blocks.filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements.map((e: any) => e.text.text));
      return { text: plain(visibleText({ blocks: m.blocks })), buttons };
    },
    async caseCard() {
      return plain(visibleText({ blocks: fake.messagesIn(await caseChannel()).find((m) => visibleText(m).includes(`Casus ${code}`))!.blocks }));
    },
    async directsToGm() {
      return fake.messagesIn(`D${people.gm.id}`).map((m) => plain(visibleText(m)));
    },
    async close() {
      await app.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function teamsDriver(): Promise<Driver> {
  const rig: TeamsRig = await startTeams({ clock: new ManualClock(start) });
  const people = { gm: teamsUsers.gm, ha: teamsUsers.ha };
  const ch = { ...teamsChannel, id: '19:pariteit@thread.tacv2' };
  const signalActivity = () => rig.connector.messagesIn(ch.id).find((a) => a.conversationId === ch.id && activityText(a).includes('Signaal S-1'))!;
  return {
    name: 'teams',
    app: rig.app,
    async run(step) {
      const user = people[step.who];
      let res;
      if ('say' in step) {
        res = await rig.sim.message(user, ch, step.say.replace('{ha}', `@${names.ha}`), step.mention ? { mentions: [people[step.mention]] } : {});
      } else {
        res = await rig.sim.press(user, ch, signalActivity().id, 'Bevestigen');
      }
      await rig.app.flush();
      if (res.body?.type === 'application/vnd.microsoft.activity.message') return String(res.body.value).startsWith('🚨');
      const reply = rig.connector.calls.filter((c) => c.kind === 'send' && c.conversationId === `${ch.id};messageid=${res.activityId}`).at(-1);
      return activityText({ id: '', conversationId: '', updates: 0, activity: reply?.body }).startsWith('Alleen voor');
    },
    async signalMessage() {
      const a = signalActivity();
      const card = a.activity.attachments[0].content;
      return { text: activityText(a), buttons: (card.actions ?? []).map((x: any) => x.title) };
    },
    async caseCard() {
      return activityText(rig.connector.messagesIn(ch.id).find((a) => a.conversationId === ch.id && activityText(a).includes(`Casus ${code}`)));
    },
    async directsToGm() {
      const dmConversation = rig.connector.personal.get(people.gm.id);
      return dmConversation ? rig.connector.messagesIn(dmConversation).map((a) => activityText(a)) : [];
    },
    close: () => rig.close(),
  };
}

/** The stored state without ids, platform ids or anything a platform names differently. */
async function storedState(app: App) {
  const q = app.db.q;
  const strip = <T extends Record<string, unknown>>(rows: T[], drop: string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k))));
  return {
    cases: strip(await q.select().from(cases).orderBy(asc(cases.id)), ['id', 'platform', 'conversationId', 'createdAt', 'cardMessageId', 'teamId']),
    members: strip(await q.select().from(members).orderBy(asc(members.id)), ['id', 'caseId', 'platform', 'userId']),
    signals: strip(await q.select().from(signals).orderBy(asc(signals.id)), ['id', 'caseId', 'reporterId', 'ackById', 'closedById', 'messageId']),
    safetyScores: strip(await q.select().from(safetyScores).orderBy(asc(safetyScores.id)), ['id', 'caseId', 'byId']),
    referrals: strip(await q.select().from(referrals).orderBy(asc(referrals.id)), ['id', 'caseId']),
    meetings: strip(await q.select().from(meetings).orderBy(asc(meetings.id)), ['id', 'caseId', 'byId']),
    audit: (await q.select({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.id))).map((r) => r.action),
    outbox: await q.select({ kind: outbox.kind, status: outbox.status }).from(outbox).orderBy(asc(outbox.id)),
  };
}

describe('parity: the same scenario on the sandbox, Slack and Teams', () => {
  const drivers: Driver[] = [];
  const refusals = new Map<string, boolean[]>();

  beforeAll(async () => {
    drivers.push(await sandboxDriver(), await slackDriver(), await teamsDriver());
    for (const d of drivers) {
      const seen: boolean[] = [];
      for (const step of scenario) seen.push(await d.run(step));
      refusals.set(d.name, seen);
    }
  }, 60_000);

  afterAll(async () => {
    for (const d of drivers) await d.close();
  });

  it('refuses the same steps, and tells only the sender', () => {
    const expected = scenario.map((s) => s.refused);
    for (const d of drivers) expect({ platform: d.name, refused: refusals.get(d.name) }).toEqual({ platform: d.name, refused: expected });
  });

  it('stores the same state', async () => {
    const states = [];
    for (const d of drivers) states.push({ name: d.name, state: await storedState(d.app) });
    const [sandbox, ...others] = states;
    expect(sandbox!.state.signals).toHaveLength(1);
    expect(sandbox!.state.members.map((m) => [m.displayName, m.role])).toEqual([
      [names.gm, 'gezinsmanager'],
      [names.ha, 'hoofdaannemer'],
    ]);
    for (const o of others) expect({ platform: o.name, ...o.state }).toEqual({ platform: o.name, ...sandbox!.state });
  });

  it('shows the same facts: the acknowledgement line, no button left, the card, a personal message without the signal text', async () => {
    for (const d of drivers) {
      const signal = await d.signalMessage();
      expect({ platform: d.name, ack: /Bevestigd door Sanne de Wit op 02-03-2026 10:00/.test(signal.text), buttons: signal.buttons }).toEqual({ platform: d.name, ack: true, buttons: [] });
      expect(signal.text).toContain(signalText);
      const card = await d.caseCard();
      for (const fact of ['Sanne de Wit', 'Joris Bakker', 'Jeugdhulp Test']) expect({ platform: d.name, fact, shown: card.includes(fact) }).toEqual({ platform: d.name, fact, shown: true });
      const dms = await d.directsToGm();
      expect({ platform: d.name, dms: dms.length }).toEqual({ platform: d.name, dms: 1 });
      expect(dms[0]).toContain(code);
      expect(dms[0]).toContain('hoog');
      expect(dms[0]).not.toContain('Vader');
    }
  });
});
