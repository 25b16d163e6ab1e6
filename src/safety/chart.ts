import { and, asc, desc, eq, gte, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { meetings, safetyScores, signals } from '../../db/schema.js';
import { renderSafetyChart } from '../charts/safety.js';
import { sparkline } from '../charts/sparkline.js';
import { dayOf, formatDay, formatMoment, zonedTime } from '../clock.js';
import type { Day } from '../commands/types.js';
import { answer } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';
import { catalog } from '../i18n/index.js';
import type { Message, Reply } from '../kernel/message.js';
import { SAFE_LEVEL, type ScoreRow } from './model.js';

// `/veiligheid grafiek`: the case's Actuele and Blijvende Veiligheid over time,
// as a picture in the case channel with a Dutch sentence that says what it
// shows (the text alternative). With fewer than two scores there is no line to
// draw, and the asker gets a message instead of an empty picture.

const texts = catalog({
  nl: {
    title: (code: string) => `Verloop veiligheid ${code}`,
    posted: 'De grafiek van de veiligheidsscores staat in het casuskanaal.',
    noChartTitle: 'Nog geen grafiek',
    none: 'Deze casus heeft nog geen veiligheidsscores. Een grafiek heeft er minstens twee nodig.',
    one: (a: number, b: number, day: string) =>
      `Deze casus heeft één score (actueel ${a}, blijvend ${b} op ${day}). Een verloop heeft minstens twee scores nodig.`,
    how: 'Score met /veiligheid actueel <0-10> blijvend <0-10> [toelichting].',
    requested: (who: string, at: string) => `Opgevraagd door ${who} · ${at}`,
    alt: (code: string, from: string, to: string, n: number) => `Grafiek van de veiligheid van ${code} van ${from} tot ${to}, ${n} scores.`,
    series: (label: string, first: number, last: number, low: number, lowDay: string, below: number) =>
      `${label}: van ${first} naar ${last}; laagste punt ${low} op ${lowDay}; ${below === 0 ? 'nooit' : `${below} keer`} onder de ${SAFE_LEVEL}.`,
    actueel: 'Actuele veiligheid',
    blijvend: 'Blijvende veiligheid',
    markers: (meetingCount: number, signalCount: number) =>
      `In deze periode ${meetingCount === 1 ? '1 overleg' : `${meetingCount} overleggen`} en ${
        signalCount === 1 ? '1 signaal' : `${signalCount} signalen`
      } over veiligheid of een incident.`,
    spark: (a: string, b: string) => `actueel ${a} · blijvend ${b}`,
  },
  en: {
    title: (code: string) => `Safety over time ${code}`,
    posted: 'The chart of the safety scores is in the case channel.',
    noChartTitle: 'No chart yet',
    none: 'This case has no safety scores yet. A chart needs at least two.',
    one: (a: number, b: number, day: string) => `This case has one score (current ${a}, lasting ${b} on ${day}). A trend needs at least two scores.`,
    how: 'Score with /veiligheid actueel <0-10> blijvend <0-10> [note].',
    requested: (who: string, at: string) => `Requested by ${who} · ${at}`,
    alt: (code: string, from: string, to: string, n: number) => `Chart of the safety of ${code} from ${from} to ${to}, ${n} scores.`,
    series: (label: string, first: number, last: number, low: number, lowDay: string, below: number) =>
      `${label}: from ${first} to ${last}; lowest ${low} on ${lowDay}; ${below === 0 ? 'never' : below === 1 ? 'once' : `${below} times`} below ${SAFE_LEVEL}.`,
    actueel: 'Current safety',
    blijvend: 'Lasting safety',
    markers: (meetingCount: number, signalCount: number) =>
      `In this period ${meetingCount === 1 ? '1 meeting' : `${meetingCount} meetings`} and ${
        signalCount === 1 ? '1 signal' : `${signalCount} signals`
      } about safety or an incident.`,
    spark: (a: string, b: string) => `current ${a} · lasting ${b}`,
  },
});

/** Signals that put a mark on the chart. */
const markedKinds = ['veiligheid', 'incident'] as const;

/** All scores of a case that stand (not withdrawn), oldest first. */
export async function scoresOf(tx: Tx, caseId: number): Promise<ScoreRow[]> {
  return tx
    .select()
    .from(safetyScores)
    .where(and(eq(safetyScores.caseId, caseId), isNull(safetyScores.withdrawnAt)))
    .orderBy(asc(safetyScores.at), asc(safetyScores.id));
}

export interface SafetyChartData {
  scores: ScoreRow[];
  /** Days an overleg was held, from the first score's day on. */
  meetings: Day[];
  /** Signals of kind veiligheid or incident, from the first score's day on. */
  signals: Array<{ at: Date; kind: string; number: number }>;
}

export async function safetyChartData(tx: Tx, caseId: number): Promise<SafetyChartData> {
  const scores = await scoresOf(tx, caseId);
  const first = scores[0];
  if (!first) return { scores, meetings: [], signals: [] };
  const from = dayOf(first.at);
  const held = (
    await tx
      .select({ heldOn: meetings.heldOn })
      .from(meetings)
      .where(and(eq(meetings.caseId, caseId), isNotNull(meetings.heldOn), gte(meetings.heldOn, from)))
      .orderBy(asc(meetings.heldOn), asc(meetings.id))
  ).map((m) => m.heldOn!);
  const marked = await tx
    .select({ at: signals.createdAt, kind: signals.kind, number: signals.number })
    .from(signals)
    .where(
      and(
        eq(signals.caseId, caseId),
        inArray(signals.kind, [...markedKinds]),
        eq(signals.confidential, false),
        isNull(signals.withdrawnAt),
        gte(signals.createdAt, zonedTime(from)),
      ),
    )
    .orderBy(asc(signals.createdAt));
  return { scores, meetings: held, signals: marked };
}

/** The text alternative: period, first and last score, lowest point, how often under the 6, the markers. */
export function safetyChartAlt(code: string, data: SafetyChartData): string {
  const t = texts();
  const { scores } = data;
  const series = (label: string, key: 'actueel' | 'blijvend'): string => {
    let low = scores[0]!;
    for (const s of scores) if (s[key] < low[key]) low = s;
    const below = scores.filter((s) => s[key] < SAFE_LEVEL).length;
    return t.series(label, scores[0]![key], scores.at(-1)![key], low[key], formatDay(dayOf(low.at)), below);
  };
  return [
    t.alt(code, formatDay(dayOf(scores[0]!.at)), formatDay(dayOf(scores.at(-1)!.at)), scores.length),
    series(t.actueel, 'actueel'),
    series(t.blijvend, 'blijvend'),
    t.markers(data.meetings.length, data.signals.length),
  ].join(' ');
}

/**
 * The chart as a channel message, or undefined with fewer than two scores.
 * Exported for anyone who wants the picture without the command.
 */
export async function safetyChartMessage(tx: Tx, kase: { id: number; code: string }, now: Date): Promise<Message | undefined> {
  const data = await safetyChartData(tx, kase.id);
  if (data.scores.length < 2) return undefined;
  const chart = renderSafetyChart({
    code: kase.code,
    scores: data.scores.map((s) => ({ at: s.at, actueel: s.actueel, blijvend: s.blijvend })),
    meetings: data.meetings,
    signals: data.signals.map((s) => ({ at: s.at })),
  });
  const alt = safetyChartAlt(kase.code, data);
  return {
    title: texts().title(kase.code),
    text: alt,
    image: { png: chart.png.toString('base64'), alt, filename: `veiligheid-${kase.code}-${dayOf(now)}.png` },
    tone: 'info',
  };
}

/** `/veiligheid grafiek` */
export async function safetyChart(s: Scope): Promise<Reply> {
  const t = texts();
  const message = await safetyChartMessage(s.tx, s.kase, s.now);
  if (!message) {
    const scores = await scoresOf(s.tx, s.kase.id);
    const only = scores[0];
    const text = only ? t.one(only.actueel, only.blijvend, formatDay(dayOf(only.at))) : t.none;
    return answer({ title: t.noChartTitle, text, lines: [t.how], tone: 'info' });
  }
  const who = s.ctx.actor.userId;
  message.context = t.requested(`<@${who}>`, formatMoment(s.now));
  message.names = { [who]: s.ctx.actor.displayName };
  await s.post(message);
  return answer({ title: t.posted, tone: 'success' });
}

/** Newest `count` scores, oldest first. */
async function lastScores(tx: Tx, caseId: number, count: number): Promise<ScoreRow[]> {
  return (
    await tx
      .select()
      .from(safetyScores)
      .where(and(eq(safetyScores.caseId, caseId), isNull(safetyScores.withdrawnAt)))
      .orderBy(desc(safetyScores.at), desc(safetyScores.id))
      .limit(count)
  ).reverse();
}

/** 'actueel ▃▄▆▆ · blijvend ▂▃▃▄' for scores oldest first; undefined with fewer than two. */
export function scoreSparklines(scores: Array<Pick<ScoreRow, 'actueel' | 'blijvend'>>): string | undefined {
  if (scores.length < 2) return undefined;
  return texts().spark(sparkline(scores.map((s) => s.actueel)), sparkline(scores.map((s) => s.blijvend)));
}

/** The case card's one-line sparkline of the last `count` scores; undefined with fewer than two. */
export async function caseSparkline(tx: Tx, caseId: number, count = 8): Promise<string | undefined> {
  return scoreSparklines(await lastScores(tx, caseId, count));
}
