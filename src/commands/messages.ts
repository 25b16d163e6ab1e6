import { roles } from '../actors.js';
import { catalog } from '../i18n/index.js';
import { charCount, referralRoleWords } from './tokens.js';
import { escalationTopics, resultStatuses, signalKinds, topics, urgencies } from './types.js';

// What the parser says when it refuses a line. The value lists are written out
// from the vocabulary (types.ts, tokens.ts), so a new value shows up here too.

/** Quoted tokens stay short: a pasted paragraph is not worth echoing back. */
const q = (w: string) => (charCount(w) > 40 ? `${[...w].slice(0, 39).join('')}…` : w);

/** 'hoofdaannemer (ha)': a role with a short referral word shows it. */
const shortOf = (role: string) => [...referralRoleWords].find(([word, short]) => word === role && short !== word)?.[1];
const roleList = roles.map((r) => (shortOf(r) ? `${r} (${shortOf(r)})` : r)).join(', ');
const commandList = topics.map((t) => `/${t}`).join(', ');
const statusList = resultStatuses.join(', ');
const kindList = signalKinds.join(', ');
const urgencyList = urgencies.join(', ');
const escalationTopicList = escalationTopics.join(', ');

export const say = catalog({
  nl: {
    empty: `Typ een commando, bijvoorbeeld /help. Mijn commando's: ${commandList}.`,
    unknownCommand: (w: string) => `"${q(w)}" is geen commando dat ik ken. Mijn commando's: ${commandList}.`,
    unknownSub: (t: string, w: string, options: string) => `"${q(w)}" past niet bij /${t}. Kies uit: ${options}.`,
    unknownCommandNear: (w: string, near: string) => `"${q(w)}" is geen commando dat ik ken. Bedoel je \`/${near}\`?`,
    unknownSubNear: (t: string, w: string, near: string) => `"${q(w)}" past niet bij /${t}. Bedoel je \`${near}\`?`,
    misspeltWord: (w: string, near: string) => `"${q(w)}" ken ik hier niet. Bedoel je \`${near}\`?`,
    missingSub: (t: string, options: string) => `Wat wil je doen met /${t}? Kies uit: ${options}.`,
    unexpected: (w: string) => `"${q(w)}" begrijp ik hier niet: er hoort niets meer achter.`,
    tooLong: (n: number, max: number) =>
      `Je tekst is te lang: ${n} tekens, het maximum is ${max}. Vat hier samen en zet het volledige verslag in het dossier.`,
    nameTooLong: (n: number, max: number) => `Die naam is te lang: ${n} tekens, het maximum is ${max}.`,
    unclosedQuote: (w: string) => `Het aanhalingsteken bij "${q(w)}" wordt niet gesloten. Zet een naam van meer woorden tussen twee aanhalingstekens.`,
    missingCode: 'Er ontbreekt een casuscode.',
    badCode: (w: string) =>
      `"${q(w)}" is geen geldige casuscode. Een casuscode heeft 3 tot 32 letters, cijfers of streepjes, met minstens één cijfer, bijvoorbeeld AMS-2041. Gebruik nooit een naam of BSN.`,
    codeWithoutDigit:
      'Een casuscode moet minstens één cijfer bevatten, zodat een code nooit een naam is. Gebruik een pseudoniem casusnummer, bijvoorbeeld: /casus nieuw AMS-2041. Er is niets vastgelegd.',
    missingMember: 'Noem de persoon met een @-vermelding, gevolgd door de rol.',
    badMention: (w: string) => `"${q(w)}" is geen @-vermelding. Typ @ en kies de persoon uit de lijst.`,
    missingRemoveMember: 'Noem de persoon die uit de casus gaat met een @-vermelding.',
    missingLeader: 'Noem de teamleider met een @-vermelding.',
    missingConsent: 'Er ontbreekt of het gezin toestemming gaf: ja, nee of deels.',
    badConsent: (w: string) => `"${q(w)}" is geen antwoord op de toestemming. Kies uit: ja, nee, deels.`,
    helpWithoutSpic: (kind: string) => `Hulp buiten de jeugdhulp (${kind}) heeft geen SPIC. Schrijf: /inzet <aanbieder> ${kind} verwezen <datum>.`,
    missingEscalationBody: 'Er ontbreekt waarheen de escalatie gaat: escalatietafel, zorgbemiddeling, deskundige of anders.',
    badEscalationBody: (w: string) => `"${q(w)}" ken ik niet als plek voor een escalatie. Kies uit: escalatietafel, zorgbemiddeling, deskundige, anders.`,
    missingWorkerProvider: 'Een hulpverlener hoort bij een aanbieder: typ die na de rol, bijvoorbeeld /casus lid @Noor hulpverlener Horizon.',
    missingHandover: 'Noem de nieuwe gezinsmanager met een @-vermelding.',
    missingRole: `Er ontbreekt een rol. Kies uit: ${roleList}.`,
    badRole: (w: string) => `"${q(w)}" is geen rol die ik ken. Kies uit: ${roleList}.`,
    missingPhase: 'Er ontbreekt een fase. Kies verbinden, ondersteunen of borgen.',
    badPhase: (w: string) => `"${q(w)}" is geen fase. Kies verbinden, ondersteunen of borgen.`,
    missingTeam: 'Er ontbreekt een teamnaam.',
    missingSignalText: 'Beschrijf het signaal: na de soort (en eventueel urgentie, oorzaak en vertrouwelijk) volgt een korte tekst.',
    missingKind: `Kies de soort signaal: ${kindList}.`,
    badKind: (w: string) => `"${q(w)}" is geen soort signaal. Kies uit: ${kindList}.`,
    badUrgency: (w: string) => `"${q(w)}" is geen urgentie. Kies uit: ${urgencyList}.`,
    badCause: (w: string) => `"${q(w)}" is geen oorzaak die ik ken. Kies oorzaak:gezin, oorzaak:hulp of oorzaak:samenwerking.`,
    missingSignalNumber: 'Er ontbreekt een signaalnummer, bijvoorbeeld S-3.',
    badSignalNumber: (w: string) => `"${q(w)}" is geen signaalnummer. Schrijf het als S-3 (of gewoon 3).`,
    current: 'actuele',
    lasting: 'blijvende',
    missingScore: (which: string) => `Er ontbreekt een score voor ${which} veiligheid: een heel getal van 0 tot en met 10.`,
    badScore: (which: string, w: string) =>
      `"${q(w)}" is geen geldige score voor ${which} veiligheid. Geef een heel getal van 0 tot en met 10.`,
    badDate: (w: string) =>
      `"${q(w)}" is geen geldige datum. Schrijf een datum als dd-mm-jjjj, jjjj-mm-dd, vandaag, gisteren of morgen.`,
    missingDate: 'Er ontbreekt een datum (dd-mm-jjjj, jjjj-mm-dd, vandaag, gisteren of morgen).',
    missingNewDate: 'Er ontbreekt de nieuwe datum: /overleg verzet <datum> <nieuwe-datum> [tijd].',
    missingSignalField: 'Zeg wat je wijzigt: soort, urgentie of oorzaak, en de nieuwe waarde.',
    badSignalField: (w: string) => `"${q(w)}" kun je bij een signaal niet wijzigen. Kies uit: soort, urgentie of oorzaak.`,
    missingValue: (field: string) => `Er ontbreekt de nieuwe waarde voor ${field}.`,
    missingWithdrawReason: 'Geef de reden waarom je het signaal intrekt, bijvoorbeeld: /signaal intrekken S-3 Per ongeluk in de verkeerde casus gemeld.',
    missingScoreWithdrawReason: 'Geef de reden waarom je de laatste score intrekt, bijvoorbeeld: /veiligheid intrekken Tikfout.',
    missingReferralField: 'Zeg wat je wijzigt: verwezen, start-uiterlijk, gestart, gestopt of spic, en de nieuwe waarde.',
    badReferralField: (w: string) => `"${q(w)}" kun je bij een verwijzing niet wijzigen. Kies uit: verwezen, start-uiterlijk, gestart, gestopt of spic.`,
    badTime: (w: string) => `"${q(w)}" is geen geldige tijd. Schrijf een tijd als hh:mm, bijvoorbeeld 14:30.`,
    missingProvider: 'Er ontbreekt een aanbieder. Zet een naam van meer woorden tussen aanhalingstekens, bijvoorbeeld "Jeugdhulp Noord".',
    missingSpic: 'Er ontbreekt "<ha|oa> spic <code>", bijvoorbeeld: ha spic 11.',
    badReferralRole: (w: string) => `"${q(w)}" moet ha (hoofdaannemer) of oa (onderaannemer) zijn, direct vóór "spic".`,
    missingSpicCode: 'Er ontbreekt een SPIC-code na "spic", bijvoorbeeld spic 11.',
    badSpic: (w: string) => `"${q(w)}" is geen SPIC-code: één woord van letters en cijfers, bijvoorbeeld 11 of 3B.`,
    missingReferred: 'Er ontbreekt "verwezen <datum>": de dag van de verwijzing.',
    twice: (w: string) => `"${q(w)}" staat er twee keer in.`,
    badInzetWord: (w: string) =>
      `"${q(w)}" begrijp ik hier niet. Na "spic <code>" volgen alleen "verwezen <datum>" en eventueel "start-uiterlijk <datum>".`,
    startBeforeReferral: (start: string, referred: string) =>
      `De uiterlijke startdatum (${start}) ligt vóór de verwijsdatum (${referred}).`,
    missingEndDate: 'Er ontbreekt de einddatum na de aanbieder (dd-mm-jjjj, jjjj-mm-dd, vandaag, gisteren of morgen).',
    heldInFuture: (d: string, today: string) =>
      `Een gehouden overleg kan niet in de toekomst liggen (${d}): kies vandaag (${today}) of eerder. Begint je besluit met een woord als "morgen"? Zet dan eerst de datum: /overleg gehouden vandaag …`,
    heldFormInFuture: (d: string, today: string) =>
      `Een gehouden overleg kan niet in de toekomst liggen (${d}): kies vandaag (${today}) of eerder. Een overleg plannen doe je met /overleg gepland <datum>.`,
    missingResultText: 'Beschrijf het resultaat: wat moet er over een tijd anders zijn voor het gezin?',
    missingResultNumber: 'Er ontbreekt een resultaatnummer, bijvoorbeeld R-3.',
    badResultNumber: (w: string) => `"${q(w)}" is geen resultaatnummer. Schrijf het als R-3 (of gewoon 3).`,
    missingStatus: `Er ontbreekt de voortgang. Kies uit: ${statusList}.`,
    badStatus: (w: string) => `"${q(w)}" is geen voortgang die ik ken. Kies uit: ${statusList}.`,
    missingEscalation: `Beschrijf het meningsverschil, eventueel na een onderwerp (${escalationTopicList}). Of kies doorzetten, besluit of lijst.`,
    missingEscalationText: (topic: string) => `Beschrijf het meningsverschil na het onderwerp "${q(topic)}".`,
    missingEscalationNumber: 'Er ontbreekt een escalatienummer, bijvoorbeeld E-2.',
    badEscalationNumber: (w: string) =>
      `"${q(w)}" is geen escalatienummer. Schrijf het als E-2 (of gewoon 2). Wil je een escalatie over een besluit melden? Begin dan met een onderwerp: /escalatie anders besluit …`,
    missingEscalationDecision: 'Schrijf het besluit achter het escalatienummer.',
    unknownHelpTopic: (w: string) => `Over "${q(w)}" heb ik geen hulp. Kies uit: ${commandList}.`,
    internal: 'Er ging iets mis bij het lezen van je commando. Er is niets veranderd; probeer het opnieuw of typ /help.',
  },
  en: {
    empty: `Type a command, for example /help. My commands: ${commandList}.`,
    unknownCommand: (w: string) => `"${q(w)}" is not a command I know. My commands: ${commandList}.`,
    unknownSub: (t: string, w: string, options: string) => `"${q(w)}" does not fit /${t}. Choose from: ${options}.`,
    unknownCommandNear: (w: string, near: string) => `"${q(w)}" is not a command I know. Did you mean \`/${near}\`?`,
    unknownSubNear: (t: string, w: string, near: string) => `"${q(w)}" does not fit /${t}. Did you mean \`${near}\`?`,
    misspeltWord: (w: string, near: string) => `I do not know "${q(w)}" here. Did you mean \`${near}\`?`,
    missingSub: (t: string, options: string) => `What do you want to do with /${t}? Choose from: ${options}.`,
    unexpected: (w: string) => `I do not understand "${q(w)}" here: nothing more belongs after it.`,
    tooLong: (n: number, max: number) =>
      `Your text is too long: ${n} characters, the maximum is ${max}. Summarise here and keep the full report in the file.`,
    nameTooLong: (n: number, max: number) => `That name is too long: ${n} characters, the maximum is ${max}.`,
    unclosedQuote: (w: string) => `The quote at "${q(w)}" is never closed. Put a name of several words between two double quotes.`,
    missingCode: 'A case code is missing.',
    badCode: (w: string) =>
      `"${q(w)}" is not a valid case code. A case code has 3 to 32 letters, digits or hyphens, with at least one digit, e.g. AMS-2041. Never use a name or BSN.`,
    codeWithoutDigit:
      'A case code must contain at least one digit, so that a code is never a name. Use a pseudonymous case number, e.g.: /casus nieuw AMS-2041. Nothing was recorded.',
    missingMember: 'Name the person with an @-mention, followed by the role.',
    badMention: (w: string) => `"${q(w)}" is not an @-mention. Type @ and pick the person from the list.`,
    missingRemoveMember: 'Name the person who leaves the case with an @-mention.',
    missingLeader: 'Name the team leader with an @-mention.',
    missingConsent: 'Whether the family gave consent is missing: ja, nee or deels.',
    badConsent: (w: string) => `"${q(w)}" is not an answer on consent. Choose from: ja, nee, deels.`,
    helpWithoutSpic: (kind: string) => `Help beyond youth care (${kind}) has no SPIC. Write: /inzet <aanbieder> ${kind} verwezen <datum>.`,
    missingEscalationBody: 'Where the escalation goes is missing: escalatietafel, zorgbemiddeling, deskundige or anders.',
    badEscalationBody: (w: string) => `I do not know "${q(w)}" as a place for an escalation. Choose from: escalatietafel, zorgbemiddeling, deskundige, anders.`,
    missingWorkerProvider: 'A provider’s worker belongs to a provider: type it after the role, for example /casus lid @Noor hulpverlener Horizon.',
    missingHandover: 'Name the new family manager with an @-mention.',
    missingRole: `A role is missing. Choose from: ${roleList}.`,
    badRole: (w: string) => `"${q(w)}" is not a role I know. Choose from: ${roleList}.`,
    missingPhase: 'A phase is missing. Choose verbinden, ondersteunen or borgen.',
    badPhase: (w: string) => `"${q(w)}" is not a phase. Choose verbinden, ondersteunen or borgen.`,
    missingTeam: 'A team name is missing.',
    missingSignalText: 'Describe the signal: after the kind (and optionally urgency, cause and vertrouwelijk) comes a short text.',
    missingKind: `Choose the kind of signal: ${kindList}.`,
    badKind: (w: string) => `"${q(w)}" is not a kind of signal. Choose from: ${kindList}.`,
    badUrgency: (w: string) => `"${q(w)}" is not an urgency. Choose from: ${urgencyList}.`,
    badCause: (w: string) => `"${q(w)}" is not a cause I know. Choose oorzaak:gezin, oorzaak:hulp or oorzaak:samenwerking.`,
    missingSignalNumber: 'A signal number is missing, e.g. S-3.',
    badSignalNumber: (w: string) => `"${q(w)}" is not a signal number. Write it as S-3 (or just 3).`,
    current: 'current',
    lasting: 'lasting',
    missingScore: (which: string) => `A score for ${which} safety is missing: a whole number from 0 to 10.`,
    badScore: (which: string, w: string) => `"${q(w)}" is not a valid score for ${which} safety. Give a whole number from 0 to 10.`,
    badDate: (w: string) => `"${q(w)}" is not a valid date. Write a date as dd-mm-jjjj, jjjj-mm-dd, vandaag, gisteren or morgen.`,
    missingDate: 'A date is missing (dd-mm-jjjj, jjjj-mm-dd, vandaag, gisteren or morgen).',
    missingNewDate: 'The new date is missing: /overleg verzet <datum> <nieuwe-datum> [tijd].',
    missingSignalField: 'Say what you change: soort, urgentie or oorzaak, and the new value.',
    badSignalField: (w: string) => `"${q(w)}" cannot be changed on a signal. Choose from: soort, urgentie or oorzaak.`,
    missingValue: (field: string) => `The new value for ${field} is missing.`,
    missingWithdrawReason: 'Give the reason you withdraw the signal, for example: /signaal intrekken S-3 Per ongeluk in de verkeerde casus gemeld.',
    missingScoreWithdrawReason: 'Give the reason you withdraw the latest score, for example: /veiligheid intrekken Tikfout.',
    missingReferralField: 'Say what you change: verwezen, start-uiterlijk, gestart, gestopt or spic, and the new value.',
    badReferralField: (w: string) => `"${q(w)}" cannot be changed on a referral. Choose from: verwezen, start-uiterlijk, gestart, gestopt or spic.`,
    badTime: (w: string) => `"${q(w)}" is not a valid time. Write a time as hh:mm, e.g. 14:30.`,
    missingProvider: 'A provider is missing. Put a name of several words between double quotes, e.g. "Jeugdhulp Noord".',
    missingSpic: '"<ha|oa> spic <code>" is missing, e.g.: ha spic 11.',
    badReferralRole: (w: string) => `"${q(w)}" must be ha (main provider) or oa (subcontractor), right before "spic".`,
    missingSpicCode: 'A SPIC code is missing after "spic", e.g. spic 11.',
    badSpic: (w: string) => `"${q(w)}" is not a SPIC code: one word of letters and digits, e.g. 11 or 3B.`,
    missingReferred: '"verwezen <datum>" is missing: the day of the referral.',
    twice: (w: string) => `"${q(w)}" appears twice.`,
    badInzetWord: (w: string) =>
      `I do not understand "${q(w)}" here. After "spic <code>" only "verwezen <datum>" and optionally "start-uiterlijk <datum>" follow.`,
    startBeforeReferral: (start: string, referred: string) =>
      `The latest start date (${start}) is before the referral date (${referred}).`,
    missingEndDate: 'The end date is missing after the provider (dd-mm-jjjj, jjjj-mm-dd, vandaag, gisteren or morgen).',
    heldInFuture: (d: string, today: string) =>
      `A meeting that was held cannot be in the future (${d}): choose today (${today}) or earlier. Do your decisions start with a word like "morgen"? Then put the date first: /overleg gehouden vandaag …`,
    heldFormInFuture: (d: string, today: string) =>
      `A meeting that was held cannot be in the future (${d}): choose today (${today}) or earlier. To schedule a meeting, use /overleg gepland <datum>.`,
    missingResultText: 'Describe the result: what should be different for the family after a while?',
    missingResultNumber: 'A result number is missing, e.g. R-3.',
    badResultNumber: (w: string) => `"${q(w)}" is not a result number. Write it as R-3 (or just 3).`,
    missingStatus: `The progress is missing. Choose from: ${statusList}.`,
    badStatus: (w: string) => `"${q(w)}" is not a progress I know. Choose from: ${statusList}.`,
    missingEscalation: `Describe the disagreement, optionally after a topic (${escalationTopicList}). Or choose doorzetten, besluit or lijst.`,
    missingEscalationText: (topic: string) => `Describe the disagreement after the topic "${q(topic)}".`,
    missingEscalationNumber: 'An escalation number is missing, e.g. E-2.',
    badEscalationNumber: (w: string) =>
      `"${q(w)}" is not an escalation number. Write it as E-2 (or just 2). Do you want to escalate about a decision? Then start with a topic: /escalatie anders besluit …`,
    missingEscalationDecision: 'Write the decision after the escalation number.',
    unknownHelpTopic: (w: string) => `I have no help about "${q(w)}". Choose from: ${commandList}.`,
    internal: 'Something went wrong reading your command. Nothing was changed; try again or type /help.',
  },
});

