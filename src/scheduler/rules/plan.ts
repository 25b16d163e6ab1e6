import { dayOf } from '../../clock.js';
import { catalog } from '../../i18n/index.js';
import { planFindings, type PlanFinding } from '../../results/checks.js';
import { morningOf } from '../moments.js';
import type { DueItem, Rule } from '../sweep.js';
import { caseTarget, mentionOf, postToCase, reachableCases } from '../target.js';

// The plan checks in the case channel, each finding once: a new overleg or a
// new "achter" makes a new finding (its key names the record it follows).

export const planTexts = catalog({
  nl: {
    noResults: (who: string) => `${who} het gezinsplan heeft nog geen resultaten, vier weken na de start van Ondersteunen & Volgen. Leg ze vast met /resultaat nieuw <tekst…>.`,
    stale: (n: number, who: string) => `${who} R-${n} heeft twee overleggen lang geen voortgang gekregen. Bespreek het bij het volgende overleg of zet het op vervallen.`,
    behind: (n: number, who: string) => `${who} R-${n} staat twee keer achter elkaar op "achter". Tijd om de aanpak te herzien, of te escaleren.`,
    title: 'Controle gezinsplan',
    digest: { 'no-results': 'geen resultaten in het plan', stale: (n: number) => `R-${n} zonder voortgang`, behind: (n: number) => `R-${n} twee keer achter` },
  },
  en: {
    noResults: (who: string) => `${who} the family plan still has no results, four weeks after Support & Follow began. Record them with /resultaat nieuw <tekst…>.`,
    stale: (n: number, who: string) => `${who} R-${n} had no progress across two meetings. Discuss it at the next meeting or drop it.`,
    behind: (n: number, who: string) => `${who} R-${n} was "behind" twice in a row. Time to rethink the approach, or to escalate.`,
    title: 'Family plan check',
    digest: { 'no-results': 'no results in the plan', stale: (n: number) => `R-${n} without progress`, behind: (n: number) => `R-${n} behind twice` },
  },
});

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
  async due(tx, now, settings, filter, memo) {
    // Like the other day-based reminders: not before the working morning.
    if (now < morningOf(dayOf(now))) return [];
    const reachable = (await reachableCases(tx, filter, memo)).byId;
    const items: DueItem[] = [];
    for (const f of await planFindings(tx, filter, dayOf(now), settings.PLAN_DUE_DAYS)) {
      const kase = reachable.get(f.caseId);
      if (!kase) continue;
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
          const text = f.kind === 'no-results' ? p.noResults(who) : f.kind === 'stale' ? p.stale(f.number, who) : p.behind(f.number, who);
          await postToCase(t, target, { title: p.title, text, tone: 'warning' }, at);
        },
      });
    }
    return items;
  },
};
