import { catalog } from '../i18n/index.js';

export const texts = catalog({
  nl: {
    provisionFailed: 'Het casuskanaal kon niet worden aangemaakt. Probeer het opnieuw, of maak zelf een kanaal en typ daar /casus koppel <code>.',
    unknownForm: 'Dit formulier bestaat niet.',
    channelFailed: 'Let op: het kanaal kon niet worden bijgewerkt. Nodig de persoon zelf uit of haal hem zelf uit het kanaal.',
    unknownAction: 'Deze knop werkt niet (meer). Typ het commando zelf; /help laat zien hoe.',
  },
  en: {
    provisionFailed: 'The case channel could not be created. Try again, or create a channel yourself and type /casus koppel <code> there.',
    unknownForm: 'This form does not exist.',
    channelFailed: 'Note: the channel could not be updated. Invite or remove the person yourself.',
    unknownAction: 'This button does not work (any more). Type the command; /help shows how.',
  },
});
