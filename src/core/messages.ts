import { catalog } from '../i18n/index.js';

export const texts = catalog({
  nl: {
    unsupported: (what: string) => `"${what}" wordt nog niet ondersteund. Typ /help voor wat wel kan.`,
    provisionFailed: 'Het casuskanaal kon niet worden aangemaakt. Probeer het opnieuw, of maak zelf een kanaal en typ daar /casus koppel <code>.',
    unknownForm: 'Dit formulier bestaat niet.',
    unknownAction: 'Deze knop werkt niet (meer). Typ het commando zelf; /help laat zien hoe.',
  },
  en: {
    unsupported: (what: string) => `"${what}" is not supported yet. Type /help for what is.`,
    provisionFailed: 'The case channel could not be created. Try again, or create a channel yourself and type /casus koppel <code> there.',
    unknownForm: 'This form does not exist.',
    unknownAction: 'This button does not work (any more). Type the command; /help shows how.',
  },
});
