import { eq, inArray } from 'drizzle-orm';
import { meetings, resultLinks, resultProgress, results, signals } from '../../db/schema.js';
import type { Tx } from '../../db/connection.js';
import { formatDay } from '../clock.js';
import type { ResultStatus } from '../commands/types.js';
import { answer, refusal } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';
import type { Message, Reply } from '../kernel/message.js';
import { texts } from './messages.js';
import { namedResults } from '../commands/tokens.js';
import { isFinal, linksOf, nextResultNumber, progressOf, resultByNumber, resultsOf, type ResultRow } from './model.js';

export async function addResult(s: Scope, text: string): Promise<Reply> {
  const t = texts();
  const number = await nextResultNumber(s.tx, s.kase.id);
  await s.tx.insert(results).values({ caseId: s.kase.id, number, text, byId: s.ctx.actor.userId, createdAt: s.now });
  await s.post({ title: t.added(number), text, tone: 'info', context: `<@${s.ctx.actor.userId}>` });
  await s.audit('resultaat.nieuw', `R-${number}`);
  return answer({ title: t.added(number), tone: 'success' });
}

/** `/resultaat wijzig`: a result worded badly gets new words; its number, status and links stay. */
export async function rewordResult(s: Scope, number: number, text: string): Promise<Reply> {
  const t = texts();
  const result = await resultByNumber(s.tx, s.kase.id, number);
  if (!result) return refusal(t.notFound(number), t.notFound(number));
  if (result.text === text) return answer({ title: t.sameText(number), tone: 'info' });
  await s.tx.update(results).set({ text, updatedAt: s.now }).where(eq(results.id, result.id));
  await s.post({ title: t.reworded(number), fields: [{ label: t.result, value: text }], tone: 'info', context: `<@${s.ctx.actor.userId}>` });
  await s.audit('resultaat.gewijzigd', `R-${number}`);
  return answer({ title: t.reworded(number), tone: 'success' });
}

/** Records progress; `meetingId` when it was reviewed at an overleg. */
export async function recordProgress(
  s: Scope,
  result: ResultRow,
  status: ResultStatus,
  note: string | undefined,
  meetingId?: number,
): Promise<'recorded' | 'unchanged' | 'settled'> {
  if (isFinal(result.status) && result.status !== status) return 'settled';
  const [last] = await progressOf(s.tx, [result.id]);
  if (last && last.status === status && (last.note ?? undefined) === note && meetingId === undefined) return 'unchanged';
  await s.tx
    .insert(resultProgress)
    .values({ resultId: result.id, caseId: s.kase.id, status, note: note ?? null, byId: s.ctx.actor.userId, at: s.now, meetingId: meetingId ?? null });
  await s.tx.update(results).set({ status, updatedAt: s.now }).where(eq(results.id, result.id));
  await s.audit('resultaat.voortgang', `R-${result.number} ${status}${meetingId ? ` overleg #${meetingId}` : ''}`);
  return 'recorded';
}

export async function progress(s: Scope, number: number, status: ResultStatus, note?: string): Promise<Reply> {
  const t = texts();
  const result = await resultByNumber(s.tx, s.kase.id, number);
  if (!result) return refusal(t.notFound(number), t.notFound(number));
  const outcome = await recordProgress(s, result, status, note);
  if (outcome === 'settled') return refusal(t.settled(number, t.status[result.status]), t.settled(number, t.status[result.status]));
  if (outcome === 'unchanged') return answer({ title: t.unchanged(number, t.status[status]), tone: 'info' });
  const message: Message = {
    title: t.progress(number, t.status[status]),
    fields: [{ label: t.result, value: result.text }],
    tone: status === 'achter' ? 'warning' : status === 'behaald' ? 'success' : 'info',
    context: `<@${s.ctx.actor.userId}>`,
  };
  if (note) message.fields!.push({ label: t.note, value: note });
  await s.post(message);
  return answer({ title: t.progress(number, t.status[status]), tone: 'success' });
}

/** Links a signal or an overleg decision to every R-n its text names (existing results only). */
export async function linkNamedResults(
  tx: Tx,
  caseId: number,
  text: string,
  target: { signalId?: number; meetingId?: number },
  now: Date,
  alreadyLinked: ReadonlySet<number> = new Set(),
): Promise<number[]> {
  const numbers = namedResults(text).filter((n) => !alreadyLinked.has(n));
  if (!numbers.length) return [];
  const found = (await resultsOf(tx, caseId)).filter((r) => numbers.includes(r.number));
  for (const r of found) {
    await tx
      .insert(resultLinks)
      .values({ resultId: r.id, caseId, signalId: target.signalId ?? null, meetingId: target.meetingId ?? null, createdAt: now });
  }
  return found.map((r) => r.number);
}

/** Each result with its status and what is linked to it. */
export async function resultLines(tx: Tx, caseId: number, withLinks = true): Promise<string[]> {
  const t = texts();
  const rows = await resultsOf(tx, caseId);
  const links = withLinks ? await linksOf(tx, rows.map((r) => r.id)) : [];
  const signalNumbers = new Map(
    links.some((l) => l.signalId)
      ? (
          await tx
            .select({ id: signals.id, number: signals.number })
            .from(signals)
            .where(inArray(signals.id, links.map((l) => l.signalId ?? 0)))
        ).map((r) => [r.id, r.number])
      : [],
  );
  const meetingDays = new Map(
    links.some((l) => l.meetingId)
      ? (
          await tx
            .select({ id: meetings.id, heldOn: meetings.heldOn })
            .from(meetings)
            .where(inArray(meetings.id, links.map((l) => l.meetingId ?? 0)))
        ).map((r) => [r.id, r.heldOn])
      : [],
  );
  return rows.map((r) => {
    const mine = links.filter((l) => l.resultId === r.id);
    const sigs = mine.filter((l) => l.signalId).map((l) => `S-${signalNumbers.get(l.signalId!)}`);
    const meets = mine
      .map((l) => (l.meetingId ? meetingDays.get(l.meetingId) : undefined))
      .filter((d): d is string => Boolean(d))
      .map(formatDay);
    const linked = sigs.length || meets.length ? ` (${t.linked.toLowerCase()}: ${t.links(sigs, meets)})` : '';
    return `R-${r.number} ${r.text}: ${t.status[r.status]}${linked}`;
  });
}

export async function listResults(s: Scope): Promise<Reply> {
  const t = texts();
  const lines = await resultLines(s.tx, s.kase.id);
  return answer({ title: t.listTitle(s.kase.code), ...(lines.length ? { lines } : { text: t.listEmpty }) });
}
