import { catalog } from '../i18n/index.js';

// What any adapter says at its door, before or instead of the core's answer.
// Platform-specific words (Slack's error codes, Teams' Graph limits) stay in
// the adapter's own catalogue.

export const inboundTexts = catalog({
  nl: {
    failureTitle: 'Er ging iets mis',
    failure: 'Dit is niet gelukt en er is niets veranderd. Probeer het nog eens; blijft het misgaan, meld het dan aan de beheerder.',
    notAllowed: 'Niet toegestaan',
    otherWorkspace: 'Deze Slack-werkruimte is niet gekoppeld aan deze regiebot. Er is niets vastgelegd.',
    otherTenant: 'Niet toegestaan: deze Teams-omgeving is niet gekoppeld aan regiebot.',
    handledBefore: 'Dit is al verwerkt.',
    done: 'Gedaan.',
    unknownUser: 'Onbekende gebruiker',
    unknownUserLower: 'onbekende gebruiker',
    you: 'jou',
    theSender: 'de afzender',
    forSender: (name: string) => `Voor ${name}`,
    onlyFor: (name: string) => `Alleen voor ${name}`,
    onlyForSender: (name: string) => `Alleen voor ${name}: er is niets veranderd`,
    filledInBy: (name: string) => `Ingevuld door ${name}`,
    staleButtonTitle: 'Deze knop werkt niet (meer)',
    staleButton: 'Typ de opdracht, of vraag /help.',
    formFailedTitle: 'Het formulier kon niet worden geopend',
    formFailed: (form: string) => `Probeer het nog eens, of typ de opdracht voluit (zie /help ${form}).`,
    invalidInput: 'Ongeldige invoer.',
    fillIn: (label: string) => `Vul "${label}" in.`,
  },
  en: {
    failureTitle: 'Something went wrong',
    failure: 'This did not work and nothing changed. Try again; if it keeps failing, tell the administrator.',
    notAllowed: 'Not allowed',
    otherWorkspace: 'This Slack workspace is not linked to this regiebot. Nothing was recorded.',
    otherTenant: 'Not allowed: this Teams tenant is not linked to regiebot.',
    handledBefore: 'This was handled already.',
    done: 'Done.',
    unknownUser: 'Unknown user',
    unknownUserLower: 'unknown user',
    you: 'you',
    theSender: 'the sender',
    forSender: (name: string) => `For ${name}`,
    onlyFor: (name: string) => `Only for ${name}`,
    onlyForSender: (name: string) => `Only for ${name}: nothing changed`,
    filledInBy: (name: string) => `Filled in by ${name}`,
    staleButtonTitle: 'This button does not work (any more)',
    staleButton: 'Type the command, or ask /help.',
    formFailedTitle: 'The form could not be opened',
    formFailed: (form: string) => `Try again, or type the command in full (see /help ${form}).`,
    invalidInput: 'Invalid input.',
    fillIn: (label: string) => `Fill in "${label}".`,
  },
});
