import { catalog } from '../i18n/index.js';

export const texts = catalog({
  nl: {
    unavailableTitle: 'Niet vastgelegd',
    notDoneTitle: 'Niet gelukt',
    posted: 'Geplaatst',
    unavailable:
      'De database van regiebot is even niet bereikbaar. Dit is niet vastgelegd en er is niets veranderd. Probeer het over een paar minuten opnieuw.',
  },
  en: {
    unavailableTitle: 'Not recorded',
    notDoneTitle: 'Not done',
    posted: 'Posted',
    unavailable: "regiebot's database cannot be reached right now. This was not recorded and nothing changed. Try again in a few minutes.",
  },
});
