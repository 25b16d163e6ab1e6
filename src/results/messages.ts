import type { ResultStatus } from '../commands/types.js';
import { catalog } from '../i18n/index.js';

export const texts = catalog({
  nl: {
    status: {
      open: 'nog geen voortgang',
      'op-koers': 'op koers',
      achter: 'achter',
      behaald: 'behaald',
      vervallen: 'vervallen',
    } satisfies Record<ResultStatus | 'open', string>,
    added: (n: number) => `Resultaat R-${n} toegevoegd aan het gezinsplan`,
    progress: (n: number, status: string) => `Resultaat R-${n}: ${status}`,
    note: 'Toelichting',
    result: 'Resultaat',
    listTitle: (code: string) => `Resultaten van het gezinsplan, casus ${code}`,
    listEmpty: 'Nog geen resultaten. Voeg ze toe met /resultaat nieuw <tekst…>.',
    notFound: (n: number) => `Resultaat R-${n} bestaat niet in deze casus. Bekijk de resultaten met /resultaat lijst.`,
    links: (signals: string[], meetings: string[]) =>
      [signals.length ? `signalen ${signals.join(', ')}` : '', meetings.length ? `overleg ${meetings.join(', ')}` : ''].filter(Boolean).join('; '),
    linked: 'Gekoppeld aan',
    unchanged: (n: number, status: string) => `R-${n} staat al op ${status} met deze toelichting. Er is niets veranderd.`,
    reworded: (n: number) => `Resultaat R-${n} is anders verwoord`,
    sameText: (n: number) => `R-${n} heeft deze tekst al. Er is niets veranderd.`,
    settled: (n: number, status: string) => `R-${n} is al ${status}. Een afgerond resultaat verandert niet meer; voeg zo nodig een nieuw resultaat toe.`,
  },
  en: {
    status: { open: 'no progress yet', 'op-koers': 'on track', achter: 'behind', behaald: 'reached', vervallen: 'dropped' },
    added: (n: number) => `Result R-${n} added to the family plan`,
    progress: (n: number, status: string) => `Result R-${n}: ${status}`,
    note: 'Note',
    result: 'Result',
    listTitle: (code: string) => `Results of the family plan, case ${code}`,
    listEmpty: 'No results yet. Add them with /resultaat nieuw <tekst…>.',
    notFound: (n: number) => `Result R-${n} does not exist in this case. See the results with /resultaat lijst.`,
    links: (signals: string[], meetings: string[]) =>
      [signals.length ? `signals ${signals.join(', ')}` : '', meetings.length ? `meeting ${meetings.join(', ')}` : ''].filter(Boolean).join('; '),
    linked: 'Linked to',
    unchanged: (n: number, status: string) => `R-${n} already is ${status} with this note. Nothing changed.`,
    reworded: (n: number) => `Result R-${n} was reworded`,
    sameText: (n: number) => `R-${n} already has this text. Nothing changed.`,
    settled: (n: number, status: string) => `R-${n} is already ${status}. A settled result no longer changes; add a new result if needed.`,
  },
});

/** The plan checks' texts (scheduled.ts), in the case channel and the digest. */
export const planTexts = catalog({
  nl: {
    noResults: (who: string, days: number, since: string) =>
      `${who} het gezinsplan heeft nog geen resultaten, ${days} dagen nadat de casus op ${since} begon. De norm is een plan binnen een maand. Leg de resultaten vast met /resultaat nieuw <tekst…>.`,
    stale: (n: number, who: string) => `${who} R-${n} heeft twee overleggen lang geen voortgang gekregen. Bespreek het bij het volgende overleg of zet het op vervallen.`,
    behind: (n: number, who: string) => `${who} R-${n} staat twee keer achter elkaar op "achter". Tijd om de aanpak te herzien, of te escaleren.`,
    title: 'Controle gezinsplan',
    digest: { 'no-results': 'geen resultaten in het plan', stale: (n: number) => `R-${n} zonder voortgang`, behind: (n: number) => `R-${n} twee keer achter` },
  },
  en: {
    noResults: (who: string, days: number, since: string) =>
      `${who} the family plan still has no results, ${days} days after the case began on ${since}. The norm is a plan within one month. Record the results with /resultaat nieuw <tekst…>.`,
    stale: (n: number, who: string) => `${who} R-${n} had no progress across two meetings. Discuss it at the next meeting or drop it.`,
    behind: (n: number, who: string) => `${who} R-${n} was "behind" twice in a row. Time to rethink the approach, or to escalate.`,
    title: 'Family plan check',
    digest: { 'no-results': 'no results in the plan', stale: (n: number) => `R-${n} without progress`, behind: (n: number) => `R-${n} behind twice` },
  },
});
