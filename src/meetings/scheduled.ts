import { overlegStates } from './attention.js';
import { addDays, dayOf, daysBetween, formatDay, formatTime, zonedTime } from '../clock.js';
import type { Day } from '../commands/types.js';
import { buildAgenda } from './agenda.js';
import { texts as meetingTexts, scheduledTexts } from './messages.js';
import type { NextOverleg } from './model.js';
import type { Message } from '../kernel/message.js';
import { isClaimed, ledgerKeys } from '../scheduler/ledger.js';
import { texts as sharedTexts } from '../scheduler/messages.js';
import { morningOf } from '../scheduler/moments.js';
import type { DueItem, Rule } from '../scheduler/sweep.js';
import { reachedBy } from '../scheduler/due.js';
import { caseTarget, directAbout, leaderFor, mentionOf, postToCase, reachableCases } from '../cases/target.js';

/** The scheduler's shared words with this concept's own. */
const texts = () => ({ ...sharedTexts(), ...scheduledTexts() });

// The six-weekly uitvoerdersoverleg. For the next overleg of a case (due day D:
// the planned day, or six weeks after the last one held, or before the first
// one six weeks after help started or the phase became ondersteunen):
//   D-7 09:00  reminder with the automatic agenda, in the case channel
//   D-1 09:00  reminder, in the case channel (with the agenda if the 7-day one was never sent)
//   D+3 09:00  no overleg held: alert the gezinsmanager in the case channel
//   D+10 09:00 still none: alert the teamleider (channel and direct message)
// Catch-up: only the latest step whose moment has passed is sent; it claims
// the earlier steps. A reminder is only sent before D itself. When D moves
// (planned, re-planned, an overleg held), the keys move with it.

const ESCALATE_GM_DAYS = 3;
const ESCALATE_TL_DAYS = 10;

function when(next: NextOverleg): string {
  if (next.planned && formatTime(next.planned) !== '00:00') return meetingTexts().at(next.planned);
  return formatDay(next.due);
}

export const overlegRule: Rule = {
  name: 'overleg',
  keepsDue: true,
  async due(tx, now, settings, filter, memo, wake) {
    const reached = reachedBy(now, wake);
    const list = (await reachableCases(tx, filter, memo)).list;
    const states = await overlegStates(tx, filter, list, settings.OVERLEG_INTERVAL_DAYS);
    const items: DueItem[] = [];
    for (const kase of list) {
      const next = states.get(kase.id)?.next;
      if (!next) continue;
      const d: Day = next.due;
      const k7 = ledgerKeys.overlegReminder(7, kase.id, d);
      const k1 = ledgerKeys.overlegReminder(1, kase.id, d);
      const kGm = ledgerKeys.overlegOverdue('gm', kase.id, d);
      const kTl = ledgerKeys.overlegOverdue('tl', kase.id, d);
      const base = { scope: { caseId: kase.id }, caseCode: kase.code, recordId: kase.id };
      if (reached(kase.id, morningOf(addDays(d, ESCALATE_TL_DAYS)))) {
        items.push({ ...base, key: kTl, supersedes: [kGm, k1, k7], deliver: (t, at) => overdue(t, kase.id, next, 'tl', at) });
      } else if (reached(kase.id, morningOf(addDays(d, ESCALATE_GM_DAYS)))) {
        items.push({ ...base, key: kGm, supersedes: [k1, k7], deliver: (t, at) => overdue(t, kase.id, next, 'gm', at) });
      } else if (reached(kase.id, morningOf(addDays(d, -1))) && now < zonedTime(d)) {
        items.push({
          ...base,
          key: k1,
          supersedes: [k7],
          deliver: async (t, at) => reminder(t, kase.id, next, 1, !(await isClaimed(t, k7)), at, settings.OVERLEG_INTERVAL_DAYS),
        });
      } else if (reached(kase.id, morningOf(addDays(d, -7))) && now < morningOf(addDays(d, -1))) {
        items.push({ ...base, key: k7, deliver: (t, at) => reminder(t, kase.id, next, 7, true, at, settings.OVERLEG_INTERVAL_DAYS) });
      }
    }
    return items;
  },
};

async function reminder(
  tx: Parameters<Rule['due']>[0],
  caseId: number,
  next: NextOverleg,
  step: 7 | 1,
  withAgenda: boolean,
  now: Date,
  intervalDays: number,
): Promise<void> {
  const target = await caseTarget(tx, caseId);
  if (!target) return;
  const t = texts();
  const gm = mentionOf(target, 'gezinsmanager');
  const planned = next.basis === 'gepland';
  const today = dayOf(now);
  let message: Message;
  if (step === 7) {
    message = {
      title: t.reminder7Title(formatDay(next.due), daysBetween(today, next.due)),
      text: planned ? t.reminder7Planned(gm, when(next)) : t.reminder7Unplanned(gm, formatDay(next.due)),
      tone: 'info',
    };
  } else {
    message = {
      title: t.reminder1Title(formatDay(next.due)),
      text: planned ? t.reminder1Planned(gm, when(next)) : t.reminder1Unplanned(gm, formatDay(next.due)),
      tone: planned ? 'info' : 'warning',
    };
  }
  if (withAgenda) {
    const agenda = await buildAgenda(tx, target.kase, today, intervalDays);
    message.fields = agenda.fields ?? [];
    message.context = agenda.title;
  }
  await postToCase(tx, target, message, now);
}

async function overdue(tx: Parameters<Rule['due']>[0], caseId: number, next: NextOverleg, level: 'gm' | 'tl', now: Date): Promise<void> {
  const target = await caseTarget(tx, caseId);
  if (!target) return;
  const t = texts();
  const late = t.days(daysBetween(next.due, dayOf(now)));
  const gm = mentionOf(target, 'gezinsmanager');
  if (level === 'gm') {
    await postToCase(tx, target, { title: t.overdueTitle(late), text: t.overdueGm(gm, formatDay(next.due), late), tone: 'warning' }, now);
    return;
  }
  const tl = await leaderFor(tx, target, now);
  const message: Message = {
    title: t.overdueTlTitle(late),
    text: t.overdueTl(tl ? `<@${tl.userId}>` : '', gm, formatDay(next.due), late).trim(),
    tone: 'danger',
  };
  const postId = await postToCase(tx, target, message, now);
  if (tl) await directAbout(tx, target, tl.userId, { title: t.overdueTlDirect(target.kase.code, late), text: t.seeChannel, tone: 'danger' }, now, postId);
}
