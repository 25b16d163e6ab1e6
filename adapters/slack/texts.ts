import { catalog } from '../../src/i18n/index.js';

// Words the Slack adapter itself says at its door, before the core is asked.

export const slackTexts = catalog({
  nl: {
    replayTitle: 'Al verwerkt',
    replayText: 'Dit verzoek is al eerder ontvangen en verwerkt. Er is niets opnieuw vastgelegd.',
    ledgerTitle: 'Niet vastgelegd',
    ledgerText: 'Het verzoek kon nu niet worden vastgelegd; er is niets veranderd. Probeer het over een paar seconden opnieuw.',
    refusedTitle: 'Slack weigert dit',
  },
  en: {
    replayTitle: 'Already handled',
    replayText: 'This request was received and handled before. Nothing was recorded again.',
    ledgerTitle: 'Not recorded',
    ledgerText: 'The request could not be recorded just now; nothing changed. Try again in a few seconds.',
    refusedTitle: 'Slack refuses this',
  },
});
