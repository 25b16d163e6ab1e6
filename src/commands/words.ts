import type { Role } from '../actors.js';
import type { Cause, Phase, SignalKind, Urgency } from './types.js';
import { catalog } from '../i18n/index.js';

/** The domain's words, as users read them. */
export const words = catalog({
  nl: {
    role: {
      gezinsmanager: 'gezinsmanager',
      hoofdaannemer: 'hoofdaannemer',
      hulpverlener: 'hulpverlener',
      onderaannemer: 'onderaannemer',
      teamleider: 'teamleider',
      gedragsdeskundige: 'gedragsdeskundige',
      spoedhulp: 'spoedhulp',
    } satisfies Record<Role, string>,
    phase: {
      verbinden: 'Verbinden & Motiveren',
      ondersteunen: 'Ondersteunen & Volgen',
      borgen: 'Generaliseren & Borgen',
    } satisfies Record<Phase, string>,
    kind: {
      veiligheid: 'veiligheid',
      zorg: 'zorg',
      stagnatie: 'stagnatie',
      incident: 'incident',
      positief: 'positief',
    } satisfies Record<SignalKind, string>,
    urgency: { acuut: 'acuut', hoog: 'hoog', normaal: 'normaal', laag: 'laag' } satisfies Record<Urgency, string>,
    cause: { gezin: 'gezin', hulp: 'hulp', samenwerking: 'samenwerking' } satisfies Record<Cause, string>,
    day: 'dag',
    days: 'dagen',
    none: 'geen',
    unknown: 'onbekend',
  },
  en: {
    role: {
      gezinsmanager: 'family manager',
      hoofdaannemer: 'main provider',
      hulpverlener: 'provider’s worker',
      onderaannemer: 'subcontractor',
      teamleider: 'team leader',
      gedragsdeskundige: 'behavioural expert',
      spoedhulp: 'crisis worker',
    },
    phase: {
      verbinden: 'Connect & Motivate',
      ondersteunen: 'Support & Follow',
      borgen: 'Generalise & Secure',
    },
    kind: { veiligheid: 'safety', zorg: 'concern', stagnatie: 'stagnation', incident: 'incident', positief: 'positive' },
    urgency: { acuut: 'acute', hoog: 'high', normaal: 'normal', laag: 'low' },
    cause: { gezin: 'family', hulp: 'help', samenwerking: 'cooperation' },
    day: 'day',
    days: 'days',
    none: 'none',
    unknown: 'unknown',
  },
});
