import { catalog, plural } from '../i18n/index.js';

// Words every timed message shares; each rule's own texts are in its
// concept's messages.ts (scheduledTexts). Mentions are passed in as
// `<@id>` strings. Direct messages carry the case code and the kind or
// urgency only, never free text of the case.

export const texts = catalog({
  nl: {
    nobody: '(niemand met die rol in de casus)',
    seeChannel: 'Bekijk het casuskanaal.',
    days: (n: number) => plural(n, 'dag', 'dagen'),
    weeks: (n: number) => plural(n, 'week', 'weken'),
  },
  en: {
    nobody: '(nobody with that role in the case)',
    seeChannel: 'See the case channel.',
    days: (n: number) => plural(n, 'day', 'days'),
    weeks: (n: number) => plural(n, 'week', 'weeks'),
  },
});
