import { dayOf, daysBetween, formatDay } from '../clock.js';
import type { Day } from '../commands/types.js';
import { planFindings, type PlanFinding } from './checks.js';
import { planTexts } from './messages.js';
import { morningOf } from '../scheduler/moments.js';
import type { DueItem, Rule } from '../scheduler/sweep.js';
import { caseTarget, mentionOf, postToCase, reachableCases } from '../cases/target.js';

// The plan checks in the case channel, each finding once: a new overleg or a
// new "achter" makes a new finding (its key names the record it follows).

export function planKey(f: PlanFinding): string {
  switch (f.kind) {
    case 'no-results':
      return `plan-no-results:case:${f.caseId}:since:${f.since}`;
    case 'stale':
      return `plan-stale:result:${f.resultId}:meeting:${f.lastMeetingId}`;
    case 'behind':
      return `plan-behind:result:${f.resultId}:progress:${f.lastProgressId}`;
  }
}

export function planDigestLine(f: PlanFinding): string {
  const d = planTexts().digest;
  return f.kind === 'no-results' ? d['no-results'] : f.kind === 'stale' ? d.stale(f.number) : d.behind(f.number);
}

export const planRule: Rule = {
  name: 'plan',
  keepsDue: true,
  async due(tx, now, settings, filter, memo, wake) {
    // Like the other day-based reminders: not before the working morning.
    const morning = morningOf(dayOf(now));
    const beforeMorning = now < morning;
    if (beforeMorning && !wake) return [];
    const reachable = (await reachableCases(tx, filter, memo)).byId;
    const items: DueItem[] = [];
    const upcoming = (caseId: number, day: Day) => wake?.at(caseId, morningOf(day));
    for (const f of await planFindings(tx, filter, dayOf(now), settings.PLAN_DUE_DAYS, upcoming)) {
      const kase = reachable.get(f.caseId);
      if (!kase) continue;
      // Found before 09:00: it goes out at 09:00 (it may have gone out before; the ledger knows).
      if (beforeMorning) {
        wake?.at(f.caseId, morning);
        continue;
      }
      items.push({
        key: planKey(f),
        scope: { caseId: f.caseId },
        caseCode: kase.code,
        recordId: f.kind === 'no-results' ? f.caseId : f.resultId,
        deliver: async (t, at) => {
          const target = await caseTarget(t, f.caseId);
          if (!target) return;
          const p = planTexts();
          const gm = mentionOf(target, 'gezinsmanager');
          const who = f.kind === 'no-results' ? gm : `${gm} ${mentionOf(target, 'hoofdaannemer')}`;
          const text = f.kind === 'no-results' ? p.noResults(who, daysBetween(f.since, dayOf(at)), formatDay(f.since)) : f.kind === 'stale' ? p.stale(f.number, who) : p.behind(f.number, who);
          await postToCase(t, target, { title: p.title, text, tone: 'warning' }, at);
        },
      });
    }
    return items;
  },
};
