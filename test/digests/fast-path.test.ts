import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db, type Tx } from '../../db/connection.js';
import { cases, referrals, signals, teams } from '../../db/schema.js';
import type { TeamRow } from '../../src/basisteams/service.js';
import { teamWeeksChart, type TeamWeek } from '../../src/charts/team.js';
import { addDays, DAY, dayOf, mondayOf, setTimeZone, zonedTime } from '../../src/clock.js';
import { loadSettings } from '../../src/config.js';
import { buildDigest } from '../../src/digests/build.js';
import { digestWithChart, teamWeeks } from '../../src/digests/chart.js';
import { testDatabaseUrl } from '../helpers/database.js';

// The posted digest takes a fast path: the chart's weekly counts summed by the
// database, the PNG drawn on the thread pool while the text is built. Here it
// is compared with the straightforward computation over a generated set of
// cases: every signal and referral of the team read, each moment turned into
// its day, counted week by week in JavaScript, and the chart drawn on this
// thread. The twelve weeks span the end of summer time (25 October 2026), and
// many moments fall exactly on, or a millisecond before, a Monday midnight.

const settings = loadSettings({ LOG_LEVEL: 'silent' });
const now = zonedTime('2026-11-23', '08:30');
let dir: string;
let db: Db;
let team: TeamRow;

/** A small deterministic generator (mulberry32): the same cases on every run and both databases. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  setTimeZone(settings.TIMEZONE);
  dir = mkdtempSync(join(tmpdir(), 'regiebot-digest-fast-'));
  db = await openDatabase(testDatabaseUrl(dir, 'fast'));
  const rnd = random(19);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const [north] = await db.q.insert(teams).values({ name: 'Noord', platform: 'sandbox', conversationId: 'team-noord', createdAt: new Date(now.getTime() - 400 * DAY) }).returning();
  const [south] = await db.q.insert(teams).values({ name: 'Zuid', platform: 'sandbox', conversationId: 'team-zuid', createdAt: new Date(now.getTime() - 400 * DAY) }).returning();
  team = north!;
  // Monday midnights of the window and a little before it: the edges where a day is decided.
  const mondays = Array.from({ length: 16 }, (_, i) => zonedTime(addDays(mondayOf(dayOf(now)), -7 * i)).getTime());
  const moment = (): number => {
    const r = rnd();
    if (r < 0.15) return pick(mondays);
    if (r < 0.25) return pick(mondays) - 1;
    return now.getTime() - Math.floor(rnd() * 110 * DAY);
  };
  const day = (): string => dayOf(new Date(moment()));
  let n = 0;
  for (let i = 1; i <= 60; i++) {
    // Most in Noord; some in Zuid and some closed, which the chart must leave out.
    const teamId = i % 7 === 0 ? south!.id : north!.id;
    const status = i % 11 === 0 ? ('closed' as const) : ('open' as const);
    const [kase] = await db.q
      .insert(cases)
      .values({ code: `GEN-${100 + i}`, phase: pick(['verbinden', 'ondersteunen'] as const), phaseSince: new Date(now.getTime() - 120 * DAY), teamId, platform: 'sandbox', conversationId: `gen-${i}`, status })
      .returning();
    const signalRows = Array.from({ length: Math.floor(rnd() * 12) }, (_, k) => {
      const created = moment();
      const closed = rnd() < 0.6 ? created + Math.floor(rnd() * 40 * DAY) : null;
      return {
        caseId: kase!.id,
        number: k + 1,
        kind: pick(['veiligheid', 'zorg', 'stagnatie', 'incident', 'positief'] as const),
        urgency: pick(['acuut', 'hoog', 'normaal', 'laag'] as const),
        text: 'uitgevonden tekst',
        reporterId: 'U-HA',
        reporterName: 'Joris Bakker',
        reporterRole: pick(['hoofdaannemer', 'onderaannemer', 'gezinsmanager']),
        createdAt: new Date(created),
        ...(closed !== null && closed < now.getTime() ? { closedAt: new Date(rnd() < 0.2 ? pick(mondays) : closed) } : {}),
        ...(rnd() < 0.5 ? { ackAt: new Date(created + 3_600_000) } : {}),
      };
    });
    if (signalRows.length) await db.q.insert(signals).values(signalRows);
    const referralRows = Array.from({ length: Math.floor(rnd() * 4) }, () => {
      const referredOn = day();
      const startDue = rnd() < 0.3 ? addDays(mondayOf(referredOn), 6) : addDays(referredOn, Math.floor(rnd() * 40));
      return {
        caseId: kase!.id,
        provider: `Aanbieder ${++n}`,
        providerKey: `aanbieder-${n}`,
        role: pick(['ha', 'oa'] as const),
        spic: pick(['7', '11']),
        referredOn,
        startDue,
        ...(rnd() < 0.5 ? { startedOn: rnd() < 0.3 ? addDays(mondayOf(startDue), 6) : addDays(referredOn, Math.floor(rnd() * 60)) } : {}),
        ...(rnd() < 0.2 ? { stoppedOn: addDays(referredOn, Math.floor(rnd() * 80)) } : {}),
        createdAt: new Date(`${referredOn}T10:00:00Z`),
      };
    });
    if (referralRows.length) await db.q.insert(referrals).values(referralRows);
  }
}, 60_000);

afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The straightforward count: every row of the team's open cases, each moment turned into its day, week by week. */
async function weeksByHand(tx: Tx, teamId: number): Promise<TeamWeek[]> {
  const ids = (await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.teamId, teamId), eq(cases.status, 'open')))).map((c) => c.id);
  const sigs = (await tx.select().from(signals).where(inArray(signals.caseId, ids))).map((s) => ({ created: dayOf(s.createdAt), closed: s.closedAt ? dayOf(s.closedAt) : null }));
  const refs = await tx.select().from(referrals).where(inArray(referrals.caseId, ids));
  const thisMonday = mondayOf(dayOf(now));
  return Array.from({ length: 12 }, (_, i) => {
    const weekStart = addDays(thisMonday, -7 * (11 - i));
    const weekEnd = addDays(weekStart, 6);
    return {
      weekStart,
      openSignals: sigs.filter((s) => s.created <= weekEnd && (!s.closed || s.closed > weekEnd)).length,
      overdueStarts: refs.filter((r) => r.startDue < weekEnd && (!r.startedOn || r.startedOn > weekEnd) && (!r.stoppedOn || r.stoppedOn > weekEnd)).length,
    };
  });
}

function pixels(base64: string): Buffer {
  return PNG.sync.read(Buffer.from(base64, 'base64')).data;
}

describe('the digest as posted, fast path against the straightforward computation', () => {
  it('counts the same open signals and overdue starts in each of the twelve weeks', async () => {
    const expected = await weeksByHand(db.q, team.id);
    // Not a trivial comparison: the generated cases give counts that change from week to week.
    expect(new Set(expected.map((w) => w.openSignals)).size).toBeGreaterThan(3);
    expect(expected.some((w) => w.overdueStarts > 0)).toBe(true);
    expect(await teamWeeks(db.q, team.id, now)).toEqual(expected);
  });

  it('posts the same text, fields, chart picture and text alternative', async () => {
    const posted = await digestWithChart(db.q, team, now, settings);
    const text = await buildDigest(db.q, team, now, settings);
    const chart = teamWeeksChart(await weeksByHand(db.q, team.id));
    expect({ ...posted, image: undefined }).toEqual({ ...text, image: undefined, context: `${text.context} · ${chart.alt}` });
    expect(posted.image?.alt).toBe(chart.alt);
    expect(posted.image?.filename).toBe('weekoverzicht-noord.png');
    expect(pixels(posted.image!.png).equals(pixels(chart.png))).toBe(true);
    // Byte for byte: the chart pool's threads (src/charts/pool.ts) draw what this thread would have.
    expect(posted.image!.png).toBe(chart.png);
    expect(posted.lines?.length).toBeGreaterThan(5);
  });

  it('a team without open cases gets the same answer both ways, twelve empty weeks', async () => {
    const [empty] = await db.q.insert(teams).values({ name: 'Leeg', platform: 'sandbox', conversationId: 'team-leeg' }).returning();
    expect(await teamWeeks(db.q, empty!.id, now)).toEqual(await weeksByHand(db.q, empty!.id));
    expect((await teamWeeks(db.q, empty!.id, now)).every((w) => w.openSignals === 0 && w.overdueStarts === 0)).toBe(true);
  });
});
