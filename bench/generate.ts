// The benchmark's data generator: a SQLite file with N open cases and a year
// of invented history, written through prepared statements in big
// transactions. Case codes are invented (BENCH-000001); nothing here is real.
//
// Per case, on average: 20 signals, 5 safety scores, 2 referrals, 4 meetings,
// 3-4 members, the pinned card and the outbox posts those signals caused (all
// delivered), and with --audit one audit row per recorded event (off by
// default: nothing measured reads the audit log, and it costs a third of the
// generation time). The state is realistic enough for the sweep
// and the digest to do real work: recent signals often unacknowledged (and a
// few old ones forgotten), some referrals waiting past their start norm, some
// overleggen planned (a few of them in the past and never recorded as held),
// a few SPIC 11 crisis windows running.
//
// Usage: tsx bench/generate.ts --cases 10000 --out /tmp/bench.db [--now 2026-11-23T09:30:00Z] [--seed 1] [--audit]

import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import { openDatabase } from '../db/connection.js';
import { addDays, DAY, dayOf, HOUR, setTimeZone, zonedTime } from '../src/clock.js';
import { ledgerKeys } from '../src/scheduler/ledger.js';
import { digestMomentOf } from '../src/digests/scheduled.js';
import { loadSettings } from '../src/config.js';

export const TEAMS = 200;

/** Slack channel id of case `i` (1-based): the fake Slack API creates its channels in this order. */
export const caseChannel = (i: number): string => `C${String(i).padStart(8, '0')}`;
/** Slack channel id of team `t` (1-based), after the case channels. */
export const teamChannel = (t: number, cases: number): string => caseChannel(cases + t);
/** The `ts` of the pinned card message of case `i` (the fake Slack API is seeded with it). */
export const cardTs = (i: number): string => `${1_600_000_000 + i}.000000`;
const signalTs = (i: number, n: number): string => `${1_600_000_000 + i}.${String(n).padStart(6, '0')}`;

/** People: per team 12 gezinsmanagers and a teamleider; providers' workers shared across teams. */
export const gmOf = (team: number, caseIndex: number): string => `UG${String(team).padStart(3, '0')}${String(caseIndex % 12).padStart(2, '0')}`;
export const tlOf = (team: number): string => `UT${String(team).padStart(3, '0')}`;
export const haOf = (caseIndex: number): string => `UH${String(caseIndex % 400).padStart(4, '0')}`;
export const oaOf = (caseIndex: number): string => `UO${String(caseIndex % 300).padStart(4, '0')}`;

const providers = [
  'Horizon',
  'Levvel',
  'Spirit',
  'Altra',
  'Pluryn',
  'iHub',
  'Lijn5',
  'Arkin Jeugd',
  'De Bascule',
  'Youz',
  'Kenter',
  'Timon',
  'Cordaan',
  'Jeugdformaat',
  'Intermetzo',
  'Triade',
  'Gezinshuis Plus',
  'Het Spalier',
  'Sterk Huis',
  'Vigere',
];

const signalTexts = [
  'school meldt verzuim sinds twee weken',
  'moeder zegt afspraken af, niet bereikbaar',
  'wachtlijst voor traumabehandeling loopt op',
  'vader weer in beeld, spanning thuis opgelopen',
  'kinderen vertellen over ruzie in het weekend',
  'goede week: vaste bedtijden gehaald',
  'gezin weigert de gezinscoach binnen te laten',
  'huisarts bezorgd over gewicht jongste kind',
  'aanmelding bij specialistische GGZ vertraagd',
  'plan van aanpak besproken, moeder werkt mee',
  'incident op straat, politie ingeschakeld',
  'oudste zoon verblijft tijdelijk bij oma',
];

const kindLabel: Record<string, string> = { veiligheid: 'veiligheid', zorg: 'zorg', stagnatie: 'stagnatie', incident: 'incident', positief: 'positief' };
const causes = ['gezin', 'hulp', 'samenwerking'] as const;

/** Small, fast, deterministic PRNG. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  cases: number;
  file: string;
  now: Date;
  seed?: number;
  teams?: number;
  /** Write one audit row per recorded event (default false: nothing measured reads the audit log). */
  audit?: boolean;
}

export interface GenerateResult {
  file: string;
  cases: number;
  now: string;
  ms: number;
  bytes: number;
  rows: Record<string, number>;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const settings = loadSettings({ LOG_LEVEL: 'silent' });
  setTimeZone(settings.TIMEZONE);
  const teamCount = options.teams ?? TEAMS;
  const N = options.cases;
  const now = options.now.getTime();
  const rnd = mulberry32(options.seed ?? 20261123);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const between = (a: number, b: number) => a + rnd() * (b - a);
  const day = (ms: number) => dayOf(new Date(ms));
  const writeAudit = options.audit ?? false;

  const db = await openDatabase(`file:${options.file}`);
  const sqlite = (db.q as unknown as { $client: Database.Database }).$client;
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('cache_size = -200000');
  // Bulk load without the secondary indexes, then build them once from the
  // sorted data: the same indexes the migration made, several times faster.
  const indexes = sqlite
    .prepare("select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('members','signals','safety_scores','referrals','meetings','outbox','audit_log')")
    .all() as Array<{ name: string; sql: string }>;
  for (const ix of indexes) sqlite.exec(`drop index "${ix.name}"`);

  const ins = {
    team: sqlite.prepare('insert into teams (id, name, platform, conversation_id, created_at) values (?, ?, ?, ?, ?)'),
    kase: sqlite.prepare(
      'insert into cases (id, code, title, phase, phase_since, team_id, platform, conversation_id, status, spic, created_at, card_message_id) values (?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    member: sqlite.prepare('insert into members (case_id, platform, user_id, display_name, role, active, added_at) values (?, ?, ?, ?, ?, 1, ?)'),
    signal: sqlite.prepare(
      `insert into signals (case_id, number, kind, urgency, cause, text, reporter_id, reporter_name, reporter_role, created_at,
        ack_by_id, ack_by_name, ack_at, ack_response, closed_at, closed_by_id, outcome, message_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    score: sqlite.prepare('insert into safety_scores (case_id, actueel, blijvend, note, by_id, at) values (?, ?, ?, null, ?, ?)'),
    referral: sqlite.prepare(
      `insert into referrals (case_id, provider, provider_key, role, spic, referred_on, start_due, started_on, stopped_on, stop_reason, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    meeting: sqlite.prepare('insert into meetings (case_id, planned_at, held_on, decisions, by_id, created_at) values (?, ?, ?, ?, ?, ?)'),
    outbox: sqlite.prepare(
      `insert into outbox (id, created_at, platform, kind, conversation_id, user_id, case_id, related_id, payload, status, attempts, next_attempt_at, platform_message_id, sent_at)
       values (?, ?, 'slack', 'post', ?, null, ?, null, ?, 'sent', 1, ?, ?, ?)`,
    ),
    audit: sqlite.prepare('insert into audit_log (at, platform, actor_id, action, case_id, summary) values (?, ?, ?, ?, ?, ?)'),
    delivery: sqlite.prepare('insert or ignore into deliveries (key, at) values (?, ?)'),
  };
  const rows: Record<string, number> = { teams: 0, cases: 0, members: 0, signals: 0, safety_scores: 0, referrals: 0, meetings: 0, outbox: 0, audit_log: 0, deliveries: 0 };
  const audit = (at: number, actor: string, action: string, caseId: number, summary: string) => {
    if (!writeAudit) return;
    ins.audit.run(at, 'slack', actor, action, caseId, summary);
    rows.audit_log!++;
  };
  let outboxId = 0;

  const writeTeams = sqlite.transaction(() => {
    for (let t = 1; t <= teamCount; t++) {
      ins.team.run(t, `Team ${String(t).padStart(3, '0')}`, 'slack', teamChannel(t, N), now - 400 * DAY);
      rows.teams!++;
    }
    // This week's digests went out on their day already (the sweep figures
    // are for an ordinary minute; the digest has a benchmark of its own).
    const moment = digestMomentOf(new Date(now), settings);
    if (now >= moment.at.getTime()) {
      for (let t = 1; t <= teamCount; t++) {
        ins.delivery.run(ledgerKeys.digest(t, moment.week), moment.at.getTime());
        rows.deliveries!++;
      }
    }
  });
  writeTeams();

  const writeCase = (i: number) => {
    const team = ((i - 1) % teamCount) + 1;
    const ageDays = between(30, 365);
    const created = now - ageDays * DAY;
    const phaseRoll = rnd();
    const phase = phaseRoll < 0.12 ? 'verbinden' : phaseRoll < 0.9 ? 'ondersteunen' : 'borgen';
    const phaseSince = phase === 'verbinden' ? created : created + Math.min(ageDays - 1, between(14, 50)) * DAY;
    const gm = gmOf(team, i);
    const tl = tlOf(team);
    const ha = haOf(i);
    const oa = rnd() < 0.5 ? oaOf(i) : undefined;
    const spic = rnd() < 0.02 ? '11' : pick(['4', '5', '6', '7', '8']);
    const cardId = ++outboxId;
    ins.kase.run(i, `BENCH-${String(i).padStart(6, '0')}`, phase, phaseSince, team, 'slack', caseChannel(i), 'open', spic, created, cardId);
    rows.cases!++;
    audit(created, gm, 'casus.aangemaakt', i, `BENCH-${i}`);
    ins.outbox.run(cardId, created, caseChannel(i), i, cardPayload(i), created, cardTs(i), created + 500);
    rows.outbox!++;

    const referredHa = created + between(3, Math.min(25, ageDays - 1)) * DAY;
    const memberRows: Array<[string, string, string, number]> = [
      [gm, `Gezinsmanager ${gm.slice(1)}`, 'gezinsmanager', created],
      [ha, `Trajectbegeleider ${ha.slice(1)}`, 'hoofdaannemer', referredHa],
      [tl, `Teamleider ${team}`, 'teamleider', created],
    ];
    if (oa) memberRows.push([oa, `Hulpverlener ${oa.slice(1)}`, 'onderaannemer', referredHa + 20 * DAY]);
    for (const [userId, name, role, at] of memberRows) {
      ins.member.run(i, 'slack', userId, name, role, Math.min(at, now - HOUR));
      rows.members!++;
      audit(Math.min(at, now - HOUR), gm, 'casus.lid', i, role);
    }

    // Signals: spread over the case's life, the newest often still open.
    const times: number[] = [];
    for (let n = 0; n < 20; n++) times.push(created + rnd() * (now - created - 10 * 60_000));
    times.sort((a, b) => a - b);
    times.forEach((at, idx) => {
      const number = idx + 1;
      const kRoll = rnd();
      const kind = kRoll < 0.15 ? 'veiligheid' : kRoll < 0.45 ? 'zorg' : kRoll < 0.65 ? 'stagnatie' : kRoll < 0.75 ? 'incident' : 'positief';
      const uRoll = rnd();
      const urgency = kind === 'positief' ? 'laag' : uRoll < 0.03 ? 'acuut' : uRoll < 0.2 ? 'hoog' : uRoll < 0.75 ? 'normaal' : 'laag';
      const cause = kind === 'stagnatie' ? pick(causes) : null;
      const rRoll = rnd();
      const [reporter, reporterRole] =
        rRoll < 0.55 ? [ha, 'hoofdaannemer'] : rRoll < 0.75 ? [oa ?? ha, oa ? 'onderaannemer' : 'hoofdaannemer'] : rRoll < 0.95 ? [gm, 'gezinsmanager'] : [tl, 'teamleider'];
      const age = now - at;
      // The gezinsmanager's own signals need no acknowledgement.
      const acked = reporterRole !== 'gezinsmanager' && rnd() < (age > 21 * DAY ? 0.97 : age > 2 * DAY ? 0.75 : 0.4);
      const ackAt = acked ? Math.min(now - 60_000, at + between(0.2, 30) * HOUR) : null;
      const closed = rnd() < (age > 30 * DAY ? 0.85 : 0.15);
      const closedAt = closed ? Math.min(now - 60_000, (ackAt ?? at) + between(1, 20) * DAY) : null;
      const postId = ++outboxId;
      ins.signal.run(
        i,
        number,
        kind,
        urgency,
        cause,
        pick(signalTexts),
        reporter,
        reporterRole === 'gezinsmanager' ? `Gezinsmanager ${gm.slice(1)}` : `Hulpverlener ${reporter.slice(1)}`,
        reporterRole,
        Math.round(at),
        acked ? gm : closed ? gm : null,
        acked || closed ? `Gezinsmanager ${gm.slice(1)}` : null,
        ackAt !== null ? Math.round(ackAt) : closedAt !== null ? Math.round(closedAt) : null,
        acked && rnd() < 0.5 ? 'gezien, ik bel het gezin vandaag' : null,
        closedAt !== null ? Math.round(closedAt) : null,
        closed ? gm : null,
        closed ? 'besproken en opgepakt' : null,
        postId,
      );
      rows.signals!++;
      ins.outbox.run(postId, Math.round(at), caseChannel(i), i, signalPayload(number, kind, urgency, reporter), Math.round(at), signalTs(i, number), Math.round(at) + 400);
      rows.outbox!++;
      audit(Math.round(at), reporter, 'signaal.gemeld', i, `S-${number} ${kind}/${urgency}`);
      if (ackAt !== null) audit(Math.round(ackAt), gm, 'signaal.bevestigd', i, `S-${number}`);
      if (closedAt !== null) audit(Math.round(closedAt), gm, 'signaal.gesloten', i, `S-${number}`);
    });

    // Safety scores: five, over the case's life.
    let actueel = 4 + Math.floor(rnd() * 5);
    let blijvend = 3 + Math.floor(rnd() * 5);
    for (let n = 0; n < 5; n++) {
      const at = Math.round(created + ((n + rnd()) / 5) * (now - created - HOUR));
      actueel = Math.max(1, Math.min(10, actueel + Math.floor(rnd() * 5) - 2));
      blijvend = Math.max(1, Math.min(10, blijvend + Math.floor(rnd() * 5) - 2));
      ins.score.run(i, actueel, blijvend, gm, at);
      rows.safety_scores!++;
      audit(at, gm, 'veiligheid.gescoord', i, `${actueel}/${blijvend}`);
    }

    // Referrals: the hoofdaannemer early in the case, an onderaannemer later.
    const referral = (role: 'ha' | 'oa', referredAt: number, spicCode: string) => {
      const provider = pick(providers);
      const referredOn = day(referredAt);
      const startDue = addDays(referredOn, settings.START_NORM_DAYS);
      const waited = (now - referredAt) / DAY;
      let startedOn: string | null = null;
      let stoppedOn: string | null = null;
      if (spicCode === '11') {
        // A crisis window: started within the last eight weeks.
        const startAt = now - between(1, 56) * DAY;
        if (startAt > referredAt) startedOn = day(startAt);
      } else {
        const startAfter = between(5, 60);
        const startChance = waited > 60 ? 0.93 : waited > 28 ? 0.75 : 0.5;
        if (startAfter < waited && rnd() < startChance) startedOn = day(referredAt + startAfter * DAY);
        if (startedOn && waited > 200 && rnd() < 0.1) stoppedOn = day(referredAt + between(startAfter + 30, waited) * DAY);
      }
      ins.referral.run(i, provider, provider.toLowerCase(), role, spicCode, referredOn, startDue, startedOn, stoppedOn, stoppedOn ? 'doelen behaald' : null, Math.round(referredAt));
      rows.referrals!++;
      audit(Math.round(referredAt), gm, 'inzet.verwezen', i, `${role} spic ${spicCode}`);
      if (startedOn) audit(Math.round(referredAt + DAY), ha, 'inzet.gestart', i, role);
    };
    referral('ha', spic === '11' ? Math.min(referredHa, now - 60 * DAY) : referredHa, spic);
    referral('oa', created + between(0.3, 0.97) * (now - created), pick(['2', '3', '4']));

    // Overleggen: held about every six weeks; the next one often planned.
    const lastHeldAt = now - between(1, 55) * DAY;
    let heldCount = 0;
    for (let k = 2; k >= 0; k--) {
      const heldAt = Math.max(created + DAY, lastHeldAt - k * settings.OVERLEG_INTERVAL_DAYS * DAY);
      ins.meeting.run(i, null, day(heldAt), 'afspraken vastgelegd, zie plan', gm, Math.round(heldAt));
      rows.meetings!++;
      heldCount++;
      audit(Math.round(heldAt), gm, 'overleg.gehouden', i, `overleg ${heldCount}`);
    }
    const plannedDay = day(now + between(-4, 30) * DAY);
    const plannedAt = rnd() < 0.8 ? zonedTime(plannedDay, '10:00').getTime() : null;
    ins.meeting.run(i, plannedAt, plannedAt ? null : day(lastHeldAt - 3 * settings.OVERLEG_INTERVAL_DAYS * DAY), plannedAt ? null : 'eerste overleg', gm, Math.round(plannedAt ? now - between(5, 30) * DAY : created + DAY));
    rows.meetings!++;
    audit(Math.round(now - 5 * DAY), gm, plannedAt ? 'overleg.gepland' : 'overleg.gehouden', i, 'overleg');
  };

  const batch = 2000;
  for (let start = 1; start <= N; start += batch) {
    const end = Math.min(N, start + batch - 1);
    sqlite.transaction(() => {
      for (let i = start; i <= end; i++) writeCase(i);
    })();
  }
  for (const ix of indexes) sqlite.exec(ix.sql);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await db.close();
  return {
    file: options.file,
    cases: N,
    now: new Date(now).toISOString(),
    ms: Math.round(performance.now() - started),
    bytes: statSync(options.file).size,
    rows,
  };
}

function cardPayload(i: number): string {
  return JSON.stringify({
    title: `Casus BENCH-${String(i).padStart(6, '0')}`,
    fields: [
      { label: 'Fase', value: 'ondersteunen' },
      { label: 'Regie op veiligheid', value: '<@UG00000>' },
      { label: 'Regie op zorg', value: '<@UH0000>' },
      { label: 'Open signalen', value: 'geen' },
      { label: 'Veiligheid', value: 'actueel 6, blijvend 5' },
      { label: 'Inzet', value: 'Horizon (HA, SPIC 7): gestart' },
      { label: 'Volgend overleg', value: '01-12-2026' },
    ],
    tone: 'info',
    pin: true,
  });
}

function signalPayload(n: number, kind: string, urgency: string, reporter: string): string {
  return JSON.stringify({
    title: `Signaal S-${n}: ${kindLabel[kind]} (${urgency})`,
    text: 'uitgevonden tekst',
    fields: [{ label: 'Gemeld door', value: `<@${reporter}> (hulpverlener)` }],
    tone: urgency === 'hoog' || kind === 'stagnatie' ? 'warning' : 'info',
    names: { [reporter]: `Hulpverlener ${reporter.slice(1)}` },
    actions: [{ id: 'signal.ack', label: 'Bevestig', value: String(n), style: 'primary' }],
  });
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const cases = Number(argValue('cases') ?? '1000');
  const out = argValue('out');
  if (!out || !Number.isInteger(cases) || cases <= 0) {
    process.stderr.write('usage: tsx bench/generate.ts --cases <n> --out <file.db> [--now <iso>] [--seed <n>] [--audit]\n');
    process.exit(2);
  }
  const nowArg = argValue('now');
  const result = await generate({
    cases,
    file: out,
    now: nowArg ? new Date(nowArg) : new Date(),
    ...(argValue('seed') ? { seed: Number(argValue('seed')) } : {}),
    audit: process.argv.includes('--audit'),
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
