import type { Tx } from '../../db/connection.js';
import { unacknowledgedSignals, type SignalLite } from './attention.js';
import { dayOf, formatMoment, HOUR, sameTimeOn } from '../clock.js';
import type { Settings } from '../config.js';
import { words } from '../commands/words.js';
import type { Action, Message } from '../kernel/message.js';
import { signalById } from './model.js';
import { ledgerKeys } from '../scheduler/ledger.js';
import { texts as sharedTexts } from '../scheduler/messages.js';
import type { DueItem, Rule } from '../scheduler/sweep.js';
import { reachedBy } from '../scheduler/due.js';
import { caseTarget, directAbout, holder, leaderFor, mentionOf, postToCase, reachableCases } from '../cases/target.js';
import { addWorkdays, type HolidayOptions } from '../scheduler/workdays.js';
import { scheduledTexts, texts as signalTexts } from './messages.js';

/** The scheduler's shared words with this concept's own. */
const texts = () => ({ ...sharedTexts(), ...scheduledTexts() });

// Unanswered signals. Each open signal nobody acknowledged has a deadline by
// urgency: acuut SLA_ACUUT_HOURS (1 h), hoog SLA_HOOG_HOURS (4 h), normaal
// SLA_NORMAAL_WORKDAYS (2), laag SLA_LAAG_WORKDAYS (5). Hours are clock
// hours. Working days are Monday to Friday without Dutch public holidays
// (workdays.ts): the deadline is the same local time on the n-th working day
// after the day the signal was filed. At the deadline the gezinsmanager gets
// a direct message; at twice the deadline the teamleider, directly and in the
// case channel. Catch-up: when both moments passed unseen, only the
// escalation is sent. Signals the gezinsmanager filed herself wait for no one.

export interface AckDeadlines {
  remindAt: Date;
  escalateAt: Date;
  /** The deadline as people read it: '4 uur', '2 werkdagen'. */
  term: string;
}

export function ackDeadlines(
  signal: Pick<SignalLite, 'urgency' | 'createdAt'>,
  settings: Pick<Settings, 'SLA_ACUUT_HOURS' | 'SLA_HOOG_HOURS' | 'SLA_NORMAAL_WORKDAYS' | 'SLA_LAAG_WORKDAYS'>,
  holidays: HolidayOptions = {},
): AckDeadlines {
  const t = texts();
  const created = signal.createdAt;
  switch (signal.urgency) {
    case 'acuut':
    case 'hoog': {
      const h = signal.urgency === 'acuut' ? settings.SLA_ACUUT_HOURS : settings.SLA_HOOG_HOURS;
      return {
        remindAt: new Date(created.getTime() + h * HOUR),
        escalateAt: new Date(created.getTime() + 2 * h * HOUR),
        term: t.term[signal.urgency](h),
      };
    }
    case 'normaal':
    case 'laag': {
      const n = signal.urgency === 'normaal' ? settings.SLA_NORMAAL_WORKDAYS : settings.SLA_LAAG_WORKDAYS;
      const filed = dayOf(created);
      return {
        remindAt: sameTimeOn(addWorkdays(filed, n, holidays), created),
        escalateAt: sameTimeOn(addWorkdays(filed, 2 * n, holidays), created),
        term: t.term.workdays(n),
      };
    }
  }
}

export const signalRule: Rule = {
  name: 'signal',
  keepsDue: true,
  async due(tx, now, settings, filter, memo, wake) {
    const reached = reachedBy(now, wake);
    const reachableById = (await reachableCases(tx, filter, memo)).byId;
    const items: DueItem[] = [];
    for (const s of await unacknowledgedSignals(tx, filter)) {
      const kase = reachableById.get(s.caseId);
      if (!kase) continue;
      const d = ackDeadlines(s, settings);
      const base = { scope: { caseId: kase.id }, caseCode: kase.code, recordId: s.id };
      const reminderKey = ledgerKeys.signalReminder(s.id);
      if (reached(kase.id, d.escalateAt)) {
        items.push({ ...base, key: ledgerKeys.signalEscalation(s.id), supersedes: [reminderKey], deliver: (t, at) => escalate(t, s.id, d, at) });
      } else if (reached(kase.id, d.remindAt)) {
        items.push({ ...base, key: reminderKey, deliver: (t, at) => remind(t, s.id, d, at) });
      }
    }
    return items;
  },
};

/** The signal's own Bevestigen button in a personal notice: pressed there, it acknowledges as the one in the channel does. */
const ackAction = (signalId: number): Action => ({ id: 'signal.ack', label: signalTexts().ack, value: String(signalId), style: 'primary' });

/** The per-item recheck: a signal acknowledged, closed or withdrawn since the sweep read it waits for no one. */
async function stillWaiting(tx: Tx, signalId: number) {
  const signal = await signalById(tx, signalId);
  return signal && !signal.ackAt && !signal.closedAt && !signal.withdrawnAt ? signal : undefined;
}

async function remind(tx: Tx, signalId: number, d: AckDeadlines, now: Date): Promise<void> {
  const signal = await stillWaiting(tx, signalId);
  const target = signal && (await caseTarget(tx, signal.caseId));
  if (!signal || !target) return;
  const t = texts();
  const w = words();
  const message: Message = {
    title: t.signalReminderTitle(target.kase.code, signal.number),
    text: t.signalReminder(d.term),
    fields: [
      { label: t.signalFields.kind, value: w.kind[signal.kind] },
      { label: t.signalFields.urgency, value: w.urgency[signal.urgency] },
      { label: t.signalFields.filed, value: formatMoment(signal.createdAt) },
    ],
    tone: 'warning',
  };
  const gm = holder(target, 'gezinsmanager');
  if (gm) {
    // The gezinsmanager may acknowledge it: her reminder names when it goes to the teamleider and carries its own button.
    message.fields!.push({ label: t.signalFields.deadline, value: t.signalReminderDeadline(formatMoment(d.escalateAt)) });
    message.actions = [ackAction(signal.id)];
    await directAbout(tx, target, gm.userId, message, now, signal.messageId ?? undefined);
  } else if (signal.confidential) {
    // Without a gezinsmanager the reminder goes to the channel, which may not read a confidential signal's kind.
    message.text = t.signalReminderConfidential(d.term);
    message.fields = [{ label: t.signalFields.filed, value: formatMoment(signal.createdAt) }];
    await postToCase(tx, target, message, now);
  } else await postToCase(tx, target, message, now);
}

async function escalate(tx: Tx, signalId: number, d: AckDeadlines, now: Date): Promise<void> {
  const signal = await stillWaiting(tx, signalId);
  const target = signal && (await caseTarget(tx, signal.caseId));
  if (!signal || !target) return;
  const t = texts();
  const w = words();
  const tl = await leaderFor(tx, target, now);
  const tlMention = tl ? `<@${tl.userId}>` : '';
  const message: Message = {
    title: t.signalEscalationTitle(signal.number),
    text: (signal.confidential
      ? t.signalEscalationConfidential(tlMention, mentionOf(target, 'gezinsmanager'), signal.number, formatMoment(signal.createdAt), d.term)
      : t.signalEscalation(
          tlMention,
          mentionOf(target, 'gezinsmanager'),
          signal.number,
          w.kind[signal.kind],
          w.urgency[signal.urgency],
          formatMoment(signal.createdAt),
          d.term,
        )
    ).trim(),
    tone: 'danger',
  };
  const postId = await postToCase(tx, target, message, now);
  if (tl) {
    await directAbout(
      tx,
      target,
      tl.userId,
      {
        title: t.signalEscalationDirect(target.kase.code, signal.number, w.urgency[signal.urgency]),
        text: t.signalEscalationDirectText,
        fields: [
          { label: t.signalFields.kind, value: w.kind[signal.kind] },
          { label: t.signalFields.urgency, value: w.urgency[signal.urgency] },
        ],
        tone: 'danger',
        // The teamleider may acknowledge it too (signaal.bevestig).
        actions: [ackAction(signal.id)],
      },
      now,
      postId,
    );
  }
}
