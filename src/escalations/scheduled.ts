import type { Tx } from '../../db/connection.js';
import { caseTarget, directAbout, leaderFor, mentionOf, postToCase, reachableCases } from '../cases/target.js';
import { addDays, dayOf, daysBetween, type Day } from '../clock.js';
import { plural } from '../i18n/index.js';
import type { Message } from '../kernel/message.js';
import { reachedBy } from '../scheduler/due.js';
import { morningOf } from '../scheduler/moments.js';
import type { DueItem, Rule } from '../scheduler/sweep.js';
import { addWorkdays } from '../scheduler/workdays.js';
import { texts } from './messages.js';
import { escalationByNumber, openEscalations, type EscalationRow } from './model.js';
import { whereOf } from './service.js';

// An escalation waiting for a decision (issue 21, item 6): "escalation costs a
// lot of time and energy and yields little" (seed 000). After
// ESCALATIE_HERINNER_WERKDAGEN working days without a decision the teamleider
// is reminded, in the case channel and personally, then every week, wherever
// the escalation lies (with the teamleider, or taken to the escalatietafel).
// Catch-up: after an outage only the latest reminder goes out.

const key = (escalationId: number, step: number) => `escalation-reminder:escalation:${escalationId}:step:${step}`;

/** The day of the first reminder, and the step due on `today` (0: the first; -1: none yet). */
export function escalationStep(createdOn: Day, today: Day, workdays: number): { first: Day; step: number } {
  const first = addWorkdays(createdOn, workdays);
  if (today < first) return { first, step: -1 };
  return { first, step: Math.floor(daysBetween(first, today) / 7) };
}

export const escalationRule: Rule = {
  name: 'escalation',
  keepsDue: true,
  async due(tx, now, settings, filter, memo, wake) {
    const reached = reachedBy(now, wake);
    const reachable = (await reachableCases(tx, filter, memo)).byId;
    const today = dayOf(now);
    const items: DueItem[] = [];
    for (const e of await openEscalations(tx, filter)) {
      const kase = reachable.get(e.caseId);
      if (!kase) continue;
      const { first, step } = escalationStep(dayOf(e.createdAt), today, settings.ESCALATIE_HERINNER_WERKDAGEN);
      if (step < 0) {
        wake?.at(e.caseId, morningOf(first));
        continue;
      }
      if (!reached(e.caseId, morningOf(addDays(first, step * 7)))) continue;
      // The next weekly reminder is the next moment this escalation changes by time alone.
      wake?.at(e.caseId, morningOf(addDays(first, (step + 1) * 7)));
      items.push({
        key: key(e.id, step),
        supersedes: Array.from({ length: step }, (_, i) => key(e.id, i)),
        scope: { caseId: e.caseId },
        caseCode: kase.code,
        recordId: e.id,
        deliver: (t, at) => remind(t, e, at),
      });
    }
    return items;
  },
};

async function remind(tx: Tx, e: EscalationRow, now: Date): Promise<void> {
  const target = await caseTarget(tx, e.caseId);
  // Decided meanwhile: nothing to remind of.
  const current = target && (await escalationByNumber(tx, e.caseId, e.number));
  if (!target || !current || current.decidedAt) return;
  const t = texts();
  const days = plural(daysBetween(dayOf(current.createdAt), dayOf(now)), t.day, t.days);
  const tl = await leaderFor(tx, target, now);
  const message: Message = {
    title: t.reminderTitle(current.number),
    text: t.reminder(tl ? `<@${tl.userId}>` : mentionOf(target, 'gezinsmanager'), current.number, t.topic[current.topic], whereOf(current), days).trim(),
    tone: 'warning',
  };
  const postId = await postToCase(tx, target, message, now);
  if (tl) await directAbout(tx, target, tl.userId, { title: t.reminderDirect(target.kase.code, current.number, days), text: t.seeChannel, tone: 'warning' }, now, postId);
}
