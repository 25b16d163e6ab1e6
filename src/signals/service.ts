import { eq } from 'drizzle-orm';
import { signals } from '../../db/schema.js';
import { holderOf } from '../cases/model.js';
import { linkNamedResults } from '../results/service.js';
import { formatMoment } from '../clock.js';
import { causes, signalKinds, urgencies, type Cause, type SignalKind, type Urgency } from '../commands/types.js';
import { answer, refusal } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';
import { words } from '../commands/words.js';
import type { Form, Reply } from '../kernel/message.js';
import { confidentialDirect, isAlarming, ownAckMark, signalDirect, signalMessage, signalState, texts } from './messages.js';
import { nextSignalNumber, signalById, signalByNumber, signalsOf, type SignalRow } from './model.js';
import { ackDeadlines, type AckDeadlines } from './scheduled.js';

export async function fileSignal(
  s: Scope,
  input: { kind: SignalKind; urgency: Urgency; cause?: Cause; confidential?: boolean; text: string },
): Promise<Reply> {
  const confidential = input.confidential === true;
  const number = await nextSignalNumber(s.tx, s.kase.id);
  // The gezinsmanager has seen what she files herself: it counts as acknowledged by her, so nothing waits for her.
  const own = s.me?.role === 'gezinsmanager' ? { ackById: s.ctx.actor.userId, ackByName: s.ctx.actor.displayName, ackAt: s.now } : {};
  const [row] = await s.tx
    .insert(signals)
    .values({
      caseId: s.kase.id,
      number,
      kind: input.kind,
      urgency: input.urgency,
      cause: input.cause ?? null,
      text: input.text,
      reporterId: s.ctx.actor.userId,
      reporterName: s.ctx.actor.displayName,
      reporterRole: s.me?.role ?? 'onbekend',
      createdAt: s.now,
      confidential,
      ...own,
    })
    .returning();
  const postId = await s.post(signalMessage(row!));
  await s.tx.update(signals).set({ messageId: postId }).where(eq(signals.id, row!.id));
  if (confidential) {
    // Linking would name the signal under a result, and the timeline is read by every member.
    await s.audit('signaal.gemeld', `S-${number} ${texts().confidentialWord}`);
    if (row!.ackAt) await s.audit('signaal.bevestigd', `S-${number} ${ownAckMark}`);
    await tellConfidential(s, row!, false, postId);
    const reply: Reply = {
      ...answer({ title: texts().filedConfidential(number), tone: 'success' }),
      typedShown: texts().typedShown(number),
      typedVisible: texts().typedVisible,
    };
    if (input.urgency === 'acuut') reply.message!.text = texts().acute;
    return reply;
  }
  await linkNamedResults(s.tx, s.kase.id, input.text, { signalId: row!.id }, s.now);
  await s.audit('signaal.gemeld', `S-${number} ${input.kind}/${input.urgency}${input.cause ? `/${input.cause}` : ''}`);
  if (row!.ackAt) await s.audit('signaal.bevestigd', `S-${number} ${ownAckMark}`);
  const gm = holderOf(s.members, 'gezinsmanager');
  if (gm && gm.userId !== s.ctx.actor.userId && isAlarming(input.kind, input.urgency)) {
    await s.direct(gm.userId, signalDirect(s.kase.code, row!, deadlineOf(ackDeadlines(row!, s.settings))), postId);
  }
  const reply = answer({ title: texts().filed(number), tone: 'success' });
  if (input.urgency === 'acuut') reply.message!.text = texts().acute;
  return reply;
}

/** The deadline a personal notice names: the moment the gezinsmanager is reminded, and the term. */
const deadlineOf = (due: AckDeadlines) => ({ at: due.remindAt, term: due.term });

/** Acknowledge by number (command) or by id (button). A second press changes nothing. */
export async function acknowledgeSignal(s: Scope, signal: SignalRow | undefined, number: number, response?: string): Promise<Reply> {
  const t = texts();
  if (!signal || signal.caseId !== s.kase.id) return refusal(t.notFound(number), t.notFound(number));
  if (signal.withdrawnAt) return answer({ title: t.alreadyWithdrawn(signal.number), tone: 'info' });
  if (signal.ackAt) {
    const msg = t.alreadyAcked(signal.number, signal.ackByName ?? '?', formatMoment(signal.ackAt));
    return { message: { title: msg, tone: 'info' } };
  }
  const [updated] = await s.tx
    .update(signals)
    .set({ ackById: s.ctx.actor.userId, ackByName: s.ctx.actor.displayName, ackAt: s.now, ackResponse: response ?? null })
    .where(eq(signals.id, signal.id))
    .returning();
  if (updated!.messageId !== null) await s.update(updated!.messageId, signalMessage(updated!));
  if (updated!.confidential) await tellConfidential(s, updated!, true, updated!.messageId ?? undefined);
  await s.audit('signaal.bevestigd', `S-${signal.number}`);
  return confidentialFollowUp(updated!, response, answer({ title: t.ackDone(signal.number), tone: 'success' }));
}

export async function acknowledgeByNumber(s: Scope, number: number, response?: string): Promise<Reply> {
  return acknowledgeSignal(s, await signalByNumber(s.tx, s.kase.id, number), number, response);
}

export async function acknowledgeById(s: Scope, id: number): Promise<Reply> {
  const signal = await signalById(s.tx, id);
  return acknowledgeSignal(s, signal, signal?.number ?? 0);
}

export async function closeSignal(s: Scope, number: number, outcome?: string): Promise<Reply> {
  const t = texts();
  const signal = await signalByNumber(s.tx, s.kase.id, number);
  if (!signal) return refusal(t.notFound(number), t.notFound(number));
  if (signal.withdrawnAt) return answer({ title: t.alreadyWithdrawn(number), tone: 'info' });
  if (signal.closedAt) return { message: { title: t.alreadyClosed(number), tone: 'info' } };
  const [updated] = await s.tx
    .update(signals)
    .set({
      closedAt: s.now,
      closedById: s.ctx.actor.userId,
      outcome: outcome ?? null,
      // Closing implies the signal was seen.
      ...(signal.ackAt ? {} : { ackAt: s.now, ackById: s.ctx.actor.userId, ackByName: s.ctx.actor.displayName }),
    })
    .where(eq(signals.id, signal.id))
    .returning();
  if (updated!.messageId !== null) await s.update(updated!.messageId, signalMessage(updated!));
  if (updated!.confidential) await tellConfidential(s, updated!, true, updated!.messageId ?? undefined);
  await s.audit('signaal.gesloten', `S-${number}`);
  return confidentialFollowUp(updated!, outcome, answer({ title: t.closedDone(number), tone: 'success' }));
}

/** What `/signaal wijzig` may correct, with its new value (`cause: null`: no cause). */
export type SignalChange = { field: 'soort'; value: SignalKind } | { field: 'urgentie'; value: Urgency } | { field: 'oorzaak'; value: Cause | null };

/** The signal a correction is about, or why it may not be corrected by this person. */
async function correctable(s: Scope, number: number): Promise<SignalRow | Reply> {
  const t = texts();
  const signal = await signalByNumber(s.tx, s.kase.id, number);
  if (!signal) return refusal(t.notFound(number), t.notFound(number));
  // Whoever may record it (the reporter) or the gezinsmanager.
  if (signal.reporterId !== s.ctx.actor.userId && s.me?.role !== 'gezinsmanager') return refusal(t.refusedTitle, t.notYours(number));
  return signal;
}

/** `/signaal wijzig`: the card, the deadlines (they follow the urgency) and the counts read the corrected signal. */
export async function changeSignal(s: Scope, number: number, change: SignalChange): Promise<Reply> {
  const t = texts();
  const w = words();
  const found = await correctable(s, number);
  if (!('id' in found)) return found;
  if (found.withdrawnAt) return refusal(t.withdrawnNoChange(number), t.withdrawnNoChange(number));
  const field = t.fieldName[change.field];
  const shown = (c: SignalChange['field'], v: string | null) =>
    v === null ? t.noCauseWord : c === 'soort' ? w.kind[v as SignalKind] : c === 'urgentie' ? w.urgency[v as Urgency] : w.cause[v as Cause];
  const current = change.field === 'soort' ? found.kind : change.field === 'urgentie' ? found.urgency : found.cause;
  if (current === change.value) return answer({ title: t.unchangedField(number, field, shown(change.field, current)), tone: 'info' });
  const set = change.field === 'soort' ? { kind: change.value } : change.field === 'urgentie' ? { urgency: change.value } : { cause: change.value };
  const [updated] = await s.tx.update(signals).set(set).where(eq(signals.id, found.id)).returning();
  if (updated!.messageId !== null) await s.update(updated!.messageId, signalMessage(updated!));
  const before = shown(change.field, current);
  const after = shown(change.field, change.value);
  if (updated!.confidential) {
    // The channel may not read a confidential signal's kind: it hears only that it changed.
    await s.post({ title: t.changedConfidentialPost(number, s.ctx.actor.displayName), tone: 'info' });
    await tellConfidential(s, updated!, true, updated!.messageId ?? undefined);
    await s.audit('signaal.gewijzigd', `S-${number} ${change.field} ${texts().confidentialWord}`);
  } else {
    await s.post({ title: t.changedPost(number, s.ctx.actor.displayName, field, before, after), tone: 'info' });
    await s.audit('signaal.gewijzigd', `S-${number} ${change.field} ${current ?? '-'} -> ${change.value ?? '-'}`);
  }
  return answer({ title: t.changeDone(number, field, before, after), tone: 'success' });
}

/**
 * `/signaal intrekken`: a signal filed by mistake leaves the card, the
 * deadlines and the counts; its post stays, marked withdrawn, and the
 * timeline keeps it with the reason. A confidential signal's reason may say
 * what it was about, so it goes to the confidants only, not to the timeline.
 */
export async function withdrawSignal(s: Scope, number: number, reason: string): Promise<Reply> {
  const t = texts();
  const found = await correctable(s, number);
  if (!('id' in found)) return found;
  if (found.withdrawnAt) return answer({ title: t.alreadyWithdrawn(number), tone: 'info' });
  const [updated] = await s.tx.update(signals).set({ withdrawnAt: s.now }).where(eq(signals.id, found.id)).returning();
  if (updated!.messageId !== null) await s.update(updated!.messageId, signalMessage(updated!));
  if (updated!.confidential) {
    await s.post({ title: t.withdrawnPost(number, s.ctx.actor.displayName), tone: 'info' });
    await tellConfidential(s, updated!, true, updated!.messageId ?? undefined, `${t.reason}: ${reason}`);
    await s.audit('signaal.ingetrokken', `S-${number} ${t.confidentialWord}`);
    return { ...answer({ title: t.withdrawnDone(number), tone: 'success' }), typedShown: t.typedShownFollowUp(number), typedVisible: t.typedVisibleFollowUp };
  }
  await s.post({ title: t.withdrawnPost(number, s.ctx.actor.displayName), fields: [{ label: t.reason, value: reason }], tone: 'info' });
  await s.audit('signaal.ingetrokken', `S-${number}`, reason);
  return answer({ title: t.withdrawnDone(number), tone: 'success' });
}

/** A response or outcome typed for a confidential signal is as private as its text. */
function confidentialFollowUp(row: SignalRow, typedText: string | undefined, reply: Reply): Reply {
  if (!row.confidential || !typedText) return reply;
  return { ...reply, typedShown: texts().typedShownFollowUp(row.number), typedVisible: texts().typedVisibleFollowUp };
}

/** Who may read a confidential signal's content. */
const confidants = ['gezinsmanager', 'teamleider'] as const;

/**
 * Sends a confidential signal in full to the gezinsmanager and the teamleider
 * personally, except to whoever caused it (they already know). `update`: after
 * an acknowledgement or closure, whose response and outcome the channel no
 * longer shows.
 */
async function tellConfidential(s: Scope, row: SignalRow, update: boolean, postId: number | undefined, note?: string): Promise<void> {
  const sent = new Set<string>([s.ctx.actor.userId]);
  for (const role of confidants) {
    const holder = holderOf(s.members, role);
    if (!holder || sent.has(holder.userId)) continue;
    sent.add(holder.userId);
    const message = confidentialDirect(s.kase.code, row, update, update ? undefined : deadlineOf(ackDeadlines(row, s.settings)));
    // Why it was withdrawn may say what it was about: the confidants read it here.
    if (note) message.lines = [...(message.lines ?? []), note];
    await s.direct(holder.userId, message, postId);
  }
}

export async function listSignals(s: Scope): Promise<Reply> {
  const t = texts();
  const w = words();
  const rows = await signalsOf(s.tx, s.kase.id);
  // Slack and the sandbox answer the typist only, so the gezinsmanager and the
  // teamleider may see a confidential signal's kind and urgency there. A Teams
  // answer is a reply in the channel's thread, which every member reads.
  const confidant = confidants.some((r) => r === s.me?.role) && s.ctx.actor.platform !== 'teams';
  const label = (r: SignalRow) => (r.confidential && !confidant ? t.confidentialWord : `${w.kind[r.kind]} · ${w.urgency[r.urgency]}${r.confidential ? ` · ${t.confidentialWord}` : ''}`);
  // The list is of open signals, as its help says; closed ones are only named, after them.
  const open = rows.filter((r) => !r.closedAt);
  const closed = rows.filter((r) => r.closedAt);
  return answer({
    title: t.listTitle(s.kase.code),
    ...(rows.length
      ? {
          ...(open.length ? {} : { text: t.listNoneOpen }),
          lines: [
            ...open.map((r) => `S-${r.number} · ${label(r)} · ${signalState(r)} · ${formatMoment(r.createdAt)}`),
            ...(closed.length ? [t.listClosed(closed.map((r) => `S-${r.number}`).join(', '))] : []),
          ],
        }
      : { text: t.listEmpty }),
  });
}

export function signalForm(): Form {
  const t = texts();
  const w = words();
  return {
    id: 'signaal',
    title: t.formTitle,
    submitLabel: t.formSubmit,
    fields: [
      { name: 'soort', label: t.kind, type: 'select', required: true, options: signalKinds.map((k) => ({ value: k, label: w.kind[k] })) },
      {
        name: 'urgentie',
        label: t.urgency,
        type: 'select',
        required: true,
        initial: 'normaal',
        options: urgencies.map((u) => ({ value: u, label: w.urgency[u] })),
      },
      {
        name: 'oorzaak',
        label: t.cause,
        type: 'select',
        required: false,
        options: causes.map((c) => ({ value: c, label: w.cause[c] })),
      },
      {
        name: 'vertrouwelijk',
        label: t.confidential,
        type: 'select',
        // Left empty it means "nee", so a form from before this field still files an ordinary signal.
        required: false,
        initial: 'nee',
        options: [
          { value: 'nee', label: t.confidentialNo },
          { value: 'ja', label: t.confidentialYes },
        ],
      },
      { name: 'tekst', label: t.text, type: 'textarea', required: true, hint: t.textHint },
    ],
  };
}
