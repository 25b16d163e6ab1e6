import { catalog } from '../i18n/index.js';

export const texts = catalog({
  nl: {
    unsupported: (what: string) => `"${what}" wordt nog niet ondersteund. Typ /help voor wat wel kan.`,
    provisionFailed: 'Het casuskanaal kon niet worden aangemaakt. Probeer het opnieuw, of maak zelf een kanaal en typ daar /casus koppel <code>.',
    unknownForm: 'Dit formulier bestaat niet.',
    channelFailed: 'Let op: het kanaal kon niet worden bijgewerkt. Nodig de persoon zelf uit of haal hem zelf uit het kanaal.',
    exportTitle: (code: string) => `Dossierexport casus ${code}`,
    exportText: 'Het volledige dossier van deze casus, om te bewaren bij de GI voordat de bewaartermijn de vrije tekst wist.',
    exportDone: (file: string) => `De export ${file} staat als bestand in het casuskanaal.`,
    unknownAction: 'Deze knop werkt niet (meer). Typ het commando zelf; /help laat zien hoe.',
  },
  en: {
    unsupported: (what: string) => `"${what}" is not supported yet. Type /help for what is.`,
    provisionFailed: 'The case channel could not be created. Try again, or create a channel yourself and type /casus koppel <code> there.',
    unknownForm: 'This form does not exist.',
    channelFailed: 'Note: the channel could not be updated. Invite or remove the person yourself.',
    exportTitle: (code: string) => `Dossier export of case ${code}`,
    exportText: "The case's full record, to keep at the institution before the retention period erases its free text.",
    exportDone: (file: string) => `The export ${file} is posted as a file in the case channel.`,
    unknownAction: 'This button does not work (any more). Type the command; /help shows how.',
  },
});
