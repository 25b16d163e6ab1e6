import { catalog, plural } from '../i18n/index.js';

// Agreements (afspraken): who does what by when (seed 003: "wie houdt dat bij?").

export const texts = catalog({
  nl: {
    added: (n: number, owner: string, due: string) => `Afspraak A-${n}: ${owner}, uiterlijk ${due}`,
    addedReply: (n: number) => `Afspraak A-${n} is vastgelegd.`,
    addedReminder: (due: string) => `De eigenaar krijgt op ${due} 's ochtends een herinnering.`,
    result: 'Hoort bij',
    by: 'Gemaakt door',
    notMember: (who: string) =>
      `${who} is geen lid van deze casus. Een afspraak is voor een lid: voeg die eerst toe met /casus lid <@gebruiker> <rol>, of kies een ander lid.`,
    pastDate: (date: string, today: string) => `${date} ligt in het verleden. Een afspraak krijgt een datum vanaf vandaag (${today}).`,
    unknownResult: (n: number) => `Resultaat R-${n} bestaat niet in deze casus. Bekijk de resultaten met /resultaat lijst, of laat R-${n} weg.`,
    notFound: (n: number) => `Afspraak A-${n} bestaat niet in deze casus. Bekijk de afspraken met /afspraak lijst.`,
    notYours: (n: number) => `Afspraak A-${n} kan alleen de eigenaar, de gezinsmanager of de hoofdaannemer afvinken.`,
    alreadyDone: (n: number, day: string) => `Afspraak A-${n} is al op ${day} afgevinkt. Er is niets veranderd.`,
    done: (n: number) => `Afspraak A-${n} is nagekomen`,
    doneReply: (n: number) => `Afspraak A-${n} is afgevinkt.`,
    note: 'Toelichting',
    agreement: 'Afspraak',
    listTitle: (code: string) => `Afspraken van casus ${code}`,
    listEmpty: 'Nog geen afspraken. Leg er een vast met /afspraak <@wie> <datum> <tekst…>.',
    line: (n: number, owner: string, due: string, text: string, state: string) => `A-${n} ${owner}, uiterlijk ${due}: ${text} (${state})`,
    open: 'open',
    late: (days: number) => `${plural(days, 'dag', 'dagen')} over de datum`,
    doneOn: (day: string) => `afgevinkt op ${day}`,
    /** The card: how many are open, and how many of those are late. */
    counts: (open: number, late: number) => `${open} open${late ? `, waarvan ${late} te laat` : ''}`,
    none: 'geen open afspraken',
    agendaTitle: 'Open afspraken',
  },
  en: {
    added: (n: number, owner: string, due: string) => `Agreement A-${n}: ${owner}, by ${due}`,
    addedReply: (n: number) => `Agreement A-${n} is recorded.`,
    addedReminder: (due: string) => `Its owner gets a reminder on the morning of ${due}.`,
    result: 'Serves',
    by: 'Made by',
    notMember: (who: string) => `${who} is not a member of this case. An agreement is for a member: add them first with /casus lid <@gebruiker> <rol>, or choose another member.`,
    pastDate: (date: string, today: string) => `${date} lies in the past. An agreement gets a date from today (${today}) on.`,
    unknownResult: (n: number) => `Result R-${n} does not exist in this case. See the results with /resultaat lijst, or leave R-${n} out.`,
    notFound: (n: number) => `Agreement A-${n} does not exist in this case. See the agreements with /afspraak lijst.`,
    notYours: (n: number) => `Only the owner, the family manager or the main provider can tick off agreement A-${n}.`,
    alreadyDone: (n: number, day: string) => `Agreement A-${n} was already ticked off on ${day}. Nothing changed.`,
    done: (n: number) => `Agreement A-${n} is done`,
    doneReply: (n: number) => `Agreement A-${n} is ticked off.`,
    note: 'Note',
    agreement: 'Agreement',
    listTitle: (code: string) => `Agreements of case ${code}`,
    listEmpty: 'No agreements yet. Record one with /afspraak <@wie> <datum> <tekst…>.',
    line: (n: number, owner: string, due: string, text: string, state: string) => `A-${n} ${owner}, by ${due}: ${text} (${state})`,
    open: 'open',
    late: (days: number) => `${plural(days, 'day', 'days')} past the date`,
    doneOn: (day: string) => `ticked off on ${day}`,
    counts: (open: number, late: number) => `${open} open${late ? `, ${late} of them late` : ''}`,
    none: 'no open agreements',
    agendaTitle: 'Open agreements',
  },
});

/** What the sweep says (scheduled.ts). The personal reminder carries the case code and A-n only, never the text. */
export const scheduledTexts = catalog({
  nl: {
    reminderTitle: (code: string, n: number) => `Herinnering: afspraak A-${n} in casus ${code} staat voor vandaag`,
    reminderText: (n: number) => `Bekijk de afspraak in het casuskanaal. Is het gedaan? Vink het af met /afspraak klaar A-${n}.`,
    lateTitle: (n: number, workdays: number) => `Afspraak A-${n} is ${plural(workdays, 'werkdag', 'werkdagen')} over de datum`,
    lateText: (who: string, n: number, due: string) =>
      `${who} afspraak A-${n} had op ${due} klaar moeten zijn en staat nog open. Is het gedaan, vink het af met /afspraak klaar A-${n}; zo niet, bespreek het bij het volgende overleg.`,
  },
  en: {
    reminderTitle: (code: string, n: number) => `Reminder: agreement A-${n} in case ${code} is due today`,
    reminderText: (n: number) => `See the agreement in the case channel. Is it done? Tick it off with /afspraak klaar A-${n}.`,
    lateTitle: (n: number, workdays: number) => `Agreement A-${n} is ${plural(workdays, 'working day', 'working days')} past its date`,
    lateText: (who: string, n: number, due: string) =>
      `${who} agreement A-${n} was due on ${due} and is still open. If it is done, tick it off with /afspraak klaar A-${n}; if not, discuss it at the next meeting.`,
  },
});

/** The parser's words for `/afspraak` (src/core/parse.ts). */
export const parseTexts = catalog({
  nl: {
    missingOwner: 'Noem wie de afspraak nakomt, met een @-vermelding, bijvoorbeeld: /afspraak @Joris 12-12-2026 belt de school.',
    badOwner: (w: string) => `"${w}" is geen @-vermelding van een persoon. Begin met wie de afspraak nakomt, bijvoorbeeld @Joris.`,
    missingDate: 'Er ontbreekt een datum na de persoon: uiterlijk wanneer? Bijvoorbeeld 12-12-2026 of morgen.',
    missingText: 'Beschrijf de afspraak: wat gebeurt er? Bijvoorbeeld: belt de school over het verzuim.',
    missingNumber: 'Er ontbreekt een afspraaknummer, bijvoorbeeld A-2.',
    badNumber: (w: string) => `"${w}" is geen afspraaknummer. Schrijf het als A-2 (of gewoon 2).`,
  },
  en: {
    missingOwner: 'Name who keeps the agreement, with an @-mention, e.g.: /afspraak @Joris 12-12-2026 calls the school.',
    badOwner: (w: string) => `"${w}" is not an @-mention of a person. Start with who keeps the agreement, e.g. @Joris.`,
    missingDate: 'A date is missing after the person: by when? E.g. 12-12-2026 or morgen.',
    missingText: 'Describe the agreement: what will happen? E.g.: calls the school about the absence.',
    missingNumber: 'An agreement number is missing, e.g. A-2.',
    badNumber: (w: string) => `"${w}" is not an agreement number. Write it as A-2 (or just 2).`,
  },
});
