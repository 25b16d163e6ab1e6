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
    settled: (n: number, status: string) => `R-${n} is already ${status}. A settled result no longer changes; add a new result if needed.`,
  },
});
