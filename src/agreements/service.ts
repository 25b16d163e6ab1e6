import { and, eq, inArray } from 'drizzle-orm';
import { agreements, results } from '../../db/schema.js';
import { dayOf, daysBetween, formatDay } from '../clock.js';
import { namedResults } from '../commands/tokens.js';
import type { Day } from '../commands/types.js';
import type { Field, Message, Reply } from '../kernel/message.js';
import { answer, refusal } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';
import { truncateGraphemes } from '../text/truncate.js';
import { texts } from './messages.js';
import { agreementByNumber, agreementsOf, isLate, nextAgreementNumber, openAgreementsOf, type AgreementRow } from './model.js';

export interface NewAgreement {
  ownerId: string;
  /** The name the platform gave with the mention, to say who was meant when it is not a member. */
  ownerLabel?: string;
  dueOn: Day;
  text: string;
}

export type CheckedAgreement = { ok: true; input: NewAgreement; ownerName: string; result?: { id: number; number: number } } | { ok: false; error: string };

/**
 * Whether an agreement may be stored, before anything is written (the review
 * form checks all of its agreements first): the owner must be a member, the
 * date today or later, and an R-n it names must exist (it links to the first).
 */
export async function checkAgreement(s: Scope, input: NewAgreement): Promise<CheckedAgreement> {
  const t = texts();
  const owner = s.members.find((m) => m.active && m.userId === input.ownerId);
  if (!owner) return { ok: false, error: t.notMember(input.ownerLabel ?? `<@${input.ownerId}>`) };
  if (input.dueOn < s.today) return { ok: false, error: t.pastDate(formatDay(input.dueOn), formatDay(s.today)) };
  const named = namedResults(input.text);
  if (!named.length) return { ok: true, input, ownerName: owner.displayName };
  const found = await s.tx
    .select({ id: results.id, number: results.number })
    .from(results)
    .where(and(eq(results.caseId, s.kase.id), inArray(results.number, named)));
  const missing = named.find((n) => !found.some((r) => r.number === n));
  if (missing !== undefined) return { ok: false, error: t.unknownResult(missing) };
  const result = found.find((r) => r.number === named[0]);
  return result ? { ok: true, input, ownerName: owner.displayName, result } : { ok: true, input, ownerName: owner.displayName };
}

/** Stores a checked agreement; the caller posts it. */
export async function storeAgreement(s: Scope, checked: Extract<CheckedAgreement, { ok: true }>, meetingId?: number): Promise<AgreementRow> {
  const { input, result } = checked;
  const number = await nextAgreementNumber(s.tx, s.kase.id);
  const [row] = await s.tx
    .insert(agreements)
    .values({
      caseId: s.kase.id,
      number,
      ownerId: input.ownerId,
      ownerName: checked.ownerName,
      dueOn: input.dueOn,
      text: input.text,
      resultId: result?.id ?? null,
      meetingId: meetingId ?? null,
      byId: s.ctx.actor.userId,
      createdAt: s.now,
    })
    .returning();
  await s.audit('afspraak.nieuw', `A-${number} ${input.dueOn}${result ? ` R-${result.number}` : ''}${meetingId ? ` overleg #${meetingId}` : ''}`);
  return row!;
}

/** The channel message of a new agreement. */
export function agreementMessage(row: AgreementRow, result: number | undefined, by: { userId: string; displayName: string }): Message {
  const t = texts();
  const fields: Field[] = [];
  if (result !== undefined) fields.push({ label: t.result, value: `R-${result}` });
  fields.push({ label: t.by, value: `<@${by.userId}>` });
  return {
    title: t.added(row.number, `<@${row.ownerId}>`, formatDay(row.dueOn)),
    text: row.text,
    fields,
    tone: 'info',
    names: { [by.userId]: by.displayName, [row.ownerId]: row.ownerName },
  };
}

export async function addAgreement(s: Scope, input: NewAgreement): Promise<Reply> {
  const t = texts();
  const checked = await checkAgreement(s, input);
  if (!checked.ok) return refusal(checked.error, checked.error);
  const row = await storeAgreement(s, checked);
  await s.post(agreementMessage(row, checked.result?.number, s.ctx.actor));
  // When the owner is reminded is the actor's to know; the channel reads the agreement itself.
  return answer({ title: t.addedReply(row.number), text: t.addedReminder(formatDay(row.dueOn)), tone: 'success' });
}

/** The owner, the gezinsmanager or the hoofdaannemer ticks it off. */
export async function completeAgreement(s: Scope, number: number, note?: string): Promise<Reply> {
  const t = texts();
  const row = await agreementByNumber(s.tx, s.kase.id, number);
  if (!row) return refusal(t.notFound(number), t.notFound(number));
  const role = s.me?.role;
  if (row.ownerId !== s.ctx.actor.userId && role !== 'gezinsmanager' && role !== 'hoofdaannemer') return refusal(t.notYours(number), t.notYours(number));
  if (row.doneAt) return answer({ title: t.alreadyDone(number, formatDay(dayOf(row.doneAt))), tone: 'info' });
  await s.tx
    .update(agreements)
    .set({ doneAt: s.now, doneById: s.ctx.actor.userId, doneNote: note ?? null })
    .where(eq(agreements.id, row.id));
  const fields: Field[] = [{ label: t.agreement, value: truncateGraphemes(row.text, 200) }];
  if (note) fields.push({ label: t.note, value: note });
  await s.post({ title: t.done(number), fields, tone: 'success', context: `<@${s.ctx.actor.userId}>`, names: { [s.ctx.actor.userId]: s.ctx.actor.displayName } });
  await s.audit('afspraak.klaar', `A-${number}`);
  return answer({ title: t.doneReply(number), tone: 'success' });
}

/** One line per agreement: owner, date, text and where it stands. */
export function agreementLine(a: AgreementRow, today: Day, maxText?: number): string {
  const t = texts();
  const state = a.doneAt ? t.doneOn(formatDay(dayOf(a.doneAt))) : isLate(a, today) ? t.late(daysBetween(a.dueOn, today)) : t.open;
  return t.line(a.number, `<@${a.ownerId}>`, formatDay(a.dueOn), maxText ? truncateGraphemes(a.text, maxText) : a.text, state);
}

/** Names for the mentions in agreement lines (shown in the reader's platform). */
export function ownerNames(rows: AgreementRow[]): Record<string, string> {
  return Object.fromEntries(rows.map((a) => [a.ownerId, a.ownerName]));
}

export async function listAgreements(s: Scope): Promise<Reply> {
  const t = texts();
  const rows = await agreementsOf(s.tx, s.kase.id);
  // Open ones first, by date; then the ticked-off ones.
  const sorted = [...rows.filter((a) => !a.doneAt).sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.number - b.number), ...rows.filter((a) => a.doneAt)];
  return answer({
    title: t.listTitle(s.kase.code),
    ...(rows.length ? { lines: sorted.map((a) => agreementLine(a, s.today)), names: ownerNames(rows) } : { text: t.listEmpty }),
  });
}

/** For the card: "3 open, waarvan 1 te laat", or that there are none. */
export async function agreementCounts(tx: Scope['tx'], caseId: number, today: Day): Promise<string | undefined> {
  const t = texts();
  const open = await openAgreementsOf(tx, caseId);
  if (!open.length) return (await agreementsOf(tx, caseId)).length ? t.none : undefined;
  return t.counts(open.length, open.filter((a) => isLate(a, today)).length);
}

/** For the agenda: the open agreements with owner and date. */
export async function agendaAgreements(tx: Scope['tx'], caseId: number, today: Day, maxText: number): Promise<{ lines: string[]; names: Record<string, string> }> {
  const open = await openAgreementsOf(tx, caseId);
  return { lines: open.map((a) => agreementLine(a, today, maxText)), names: ownerNames(open) };
}
