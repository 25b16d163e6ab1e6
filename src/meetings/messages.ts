import { formatMoment, formatTime } from '../clock.js';
import { catalog, plural } from '../i18n/index.js';

export const texts = catalog({
  nl: {
    planned: (d: string) => `Uitvoerdersoverleg gepland op ${d}`,
    plannedDone: 'Het overleg is gepland en in het casuskanaal aangekondigd.',
    held: (d: string) => `Uitvoerdersoverleg gehouden op ${d}`,
    heldDone: 'Het overleg en de besluiten zijn vastgelegd.',
    decisions: 'Besluiten',
    review: 'Resultaten besproken',
    linkedResults: 'Gekoppeld aan',
    unchanged: '(ongewijzigd)',
    formTitle: 'Overleg vastleggen',
    formSubmit: 'Vastleggen',
    formDate: 'Datum van het overleg',
    formHint: 'Noem R-1, R-2… in een besluit om het aan dat resultaat te koppelen.',
    formOverflow: 'Niet alle open resultaten passen in dit formulier. Leg de voortgang van de andere vast met /resultaat voortgang <R-n> <op-koers|achter|behaald|vervallen> [toelichting…]. Niet in dit formulier:',
    next: (d: string) => `Volgend overleg uiterlijk ${d}.`,
    agendaTitle: (code: string) => `Agenda uitvoerdersoverleg, casus ${code}`,
    due: (d: string) => `Gepland of verwacht op ${d}.`,
    noneDue: 'Er is nog geen overleg verwacht: de termijn telt vanaf de start van de hulp of de fase Ondersteunen & Volgen.',
    openResults: 'Het plan: open resultaten',
    noOpenResults: 'geen open resultaten; voeg ze toe met /resultaat nieuw <tekst…>',
    resultStatus: (status: string, day: string, note?: string) => `${status} sinds ${day}${note ? ` (${note})` : ''}`,
    openSignals: 'Open signalen',
    newSignals: 'Signalen sinds het vorige overleg',
    scores: 'Veiligheid',
    scoreChange: (a0: number, a1: number, b0: number, b1: number) => `actueel ${a0} → ${a1}, blijvend ${b0} → ${b1} sinds het vorige overleg`,
    scoreNow: (a: number, b: number) => `actueel ${a}, blijvend ${b}`,
    noScores: 'nog niet gescoord',
    referrals: 'Inzet',
    lastDecisions: 'Besluiten van de vorige keer',
    none: 'geen',
    pastPlanned: 'Die datum ligt in het verleden. Plan een overleg op vandaag of later.',
    futureHeld: (d: string, today: string) =>
      `Een overleg kan niet in de toekomst gehouden zijn (${d}): kies vandaag (${today}) of eerder. Gebruik /overleg gepland voor een toekomstig overleg.`,
    plannedStays: (when: string, d: string) =>
      `Het overleg dat gepland staat op ${when} blijft gepland. Gaat het niet door, zeg het dan af met /overleg afgezegd ${d}.`,
    twiceHeld: (d: string) => `Let op: op ${d} was al een overleg vastgelegd als gehouden; dit is het tweede op die dag. Was het hetzelfde overleg, dan staat het nu twee keer in het dossier.`,
    noneOnDay: (d: string) => `Er staat geen overleg gepland op ${d}. Plan er een met /overleg gepland <datum> [tijd].`,
    noneOnDayButOthers: (d: string, planned: string) => `Er staat geen overleg gepland op ${d}. Gepland: ${planned}.`,
    moved: (from: string, to: string) => `Uitvoerdersoverleg verzet van ${from} naar ${to}`,
    movedDone: (to: string) => `Het overleg is verzet naar ${to} en in het casuskanaal aangekondigd.`,
    notMoved: (when: string) => `Het overleg staat al gepland op ${when}. Er is niets veranderd.`,
    cancelled: (when: string) => `Uitvoerdersoverleg van ${when} gaat niet door`,
    cancelledDone: (when: string) => `Het overleg van ${when} is afgezegd en dat is in het casuskanaal gemeld.`,
    reason: 'Reden',
    at: (d: Date) => `${formatMoment(d).split(' ')[0]} om ${formatTime(d)}`,
    rhythmSet: (weeks: number) => `Het uitvoerdersoverleg van deze casus is voortaan elke ${weeks} weken`,
    rhythmSame: (weeks: number) => `Het overleg staat al op elke ${weeks} weken. Er is niets veranderd.`,
    rhythmNext: (d: string, planned: boolean) => (planned ? `Het volgende overleg is gepland op ${d}.` : `Het volgende overleg is uiterlijk ${d}.`),
    openAgreements: 'Open afspraken',
    noOpenAgreements: 'geen open afspraken',
    formAgreementOwner: (i: number) => `Afspraak ${i}: wie`,
    formAgreementDate: (i: number) => `Afspraak ${i}: uiterlijk`,
    formAgreementText: (i: number) => `Afspraak ${i}: wat`,
    agreementsMade: 'Afspraken gemaakt',
  },
  en: {
    planned: (d: string) => `Executors' meeting planned on ${d}`,
    plannedDone: 'The meeting is planned and announced in the case channel.',
    held: (d: string) => `Executors' meeting held on ${d}`,
    heldDone: 'The meeting and its decisions are recorded.',
    decisions: 'Decisions',
    review: 'Results reviewed',
    linkedResults: 'Linked to',
    unchanged: '(unchanged)',
    formTitle: 'Record the meeting',
    formSubmit: 'Record',
    formDate: 'Date of the meeting',
    formHint: 'Name R-1, R-2… in a decision to link it to that result.',
    formOverflow: 'Not every open result fits in this form. Record the progress of the others with /resultaat voortgang <R-n> <op-koers|achter|behaald|vervallen> [toelichting…]. Not in this form:',
    next: (d: string) => `Next meeting due by ${d}.`,
    agendaTitle: (code: string) => `Agenda of the executors' meeting, case ${code}`,
    due: (d: string) => `Planned or expected on ${d}.`,
    noneDue: 'No meeting is due yet: the interval counts from the start of help or the Support & Follow phase.',
    openResults: 'The plan: open results',
    noOpenResults: 'no open results; add them with /resultaat nieuw <tekst…>',
    resultStatus: (status: string, day: string, note?: string) => `${status} since ${day}${note ? ` (${note})` : ''}`,
    openSignals: 'Open signals',
    newSignals: 'Signals since the previous meeting',
    scores: 'Safety',
    scoreChange: (a0: number, a1: number, b0: number, b1: number) => `current ${a0} → ${a1}, lasting ${b0} → ${b1} since the previous meeting`,
    scoreNow: (a: number, b: number) => `current ${a}, lasting ${b}`,
    noScores: 'not scored yet',
    referrals: 'Referrals',
    lastDecisions: 'Decisions of last time',
    none: 'none',
    pastPlanned: 'That date is in the past. Plan a meeting today or later.',
    futureHeld: (d: string, today: string) =>
      `A meeting cannot have been held in the future (${d}): choose today (${today}) or earlier. Use /overleg gepland for a future meeting.`,
    plannedStays: (when: string, d: string) =>
      `The meeting planned on ${when} stays planned. If it will not take place, cancel it with /overleg afgezegd ${d}.`,
    twiceHeld: (d: string) => `Note: a meeting was already recorded as held on ${d}; this is the second one that day. If it was the same meeting, the record now holds it twice.`,
    noneOnDay: (d: string) => `No meeting is planned on ${d}. Plan one with /overleg gepland <datum> [tijd].`,
    noneOnDayButOthers: (d: string, planned: string) => `No meeting is planned on ${d}. Planned: ${planned}.`,
    moved: (from: string, to: string) => `Executors' meeting moved from ${from} to ${to}`,
    movedDone: (to: string) => `The meeting is moved to ${to} and announced in the case channel.`,
    notMoved: (when: string) => `The meeting is already planned on ${when}. Nothing changed.`,
    cancelled: (when: string) => `Executors' meeting of ${when} will not take place`,
    cancelledDone: (when: string) => `The meeting of ${when} is cancelled and the case channel was told.`,
    reason: 'Reason',
    at: (d: Date) => `${formatMoment(d).split(' ')[0]} at ${formatTime(d)}`,
    rhythmSet: (weeks: number) => `This case's executors' meeting is now every ${weeks} weeks`,
    rhythmSame: (weeks: number) => `The meeting is already every ${weeks} weeks. Nothing changed.`,
    rhythmNext: (d: string, planned: boolean) => (planned ? `The next meeting is planned on ${d}.` : `The next meeting is due by ${d}.`),
    openAgreements: 'Open agreements',
    noOpenAgreements: 'no open agreements',
    formAgreementOwner: (i: number) => `Agreement ${i}: who`,
    formAgreementDate: (i: number) => `Agreement ${i}: by`,
    formAgreementText: (i: number) => `Agreement ${i}: what`,
    agreementsMade: 'Agreements made',
  },
});

/** The texts of this concept's timed rules (scheduled.ts). Mentions are passed in as `<@id>` strings; direct messages carry the case code and the kind or urgency only, never free text of the case. */
export const scheduledTexts = catalog({
  nl: {
    reminder7Title: (d: string, n: number) => `Over ${plural(n, 'dag', 'dagen')}: uitvoerdersoverleg (${d})`,
    reminder7Planned: (gm: string, when: string) =>
      `${gm} het uitvoerdersoverleg is gepland op ${when}. Hieronder de agenda, rechtstreeks uit het dossier.`,
    reminder7Unplanned: (gm: string, d: string) =>
      `${gm} het uitvoerdersoverleg moet uiterlijk ${d} plaatsvinden en is nog niet gepland. Plan het met /overleg gepland <datum> [tijd]. Hieronder de agenda, rechtstreeks uit het dossier.`,
    reminder1Title: (d: string) => `Morgen: uitvoerdersoverleg (${d})`,
    reminder1Planned: (gm: string, when: string) =>
      `${gm} morgen is het uitvoerdersoverleg (${when}). Leg na afloop de besluiten vast met /overleg gehouden <besluiten…>.`,
    reminder1Unplanned: (gm: string, d: string) =>
      `${gm} morgen (${d}) is de uiterste datum voor het uitvoerdersoverleg, en er is nog niets gepland. Plan het met /overleg gepland <datum> [tijd].`,
    overdueTitle: (days: string) => `Uitvoerdersoverleg ${days} te laat`,
    overdueGm: (gm: string, d: string, days: string) =>
      `${gm} het uitvoerdersoverleg was verwacht op ${d}, ${days} geleden, en er is geen gehouden overleg vastgelegd. Leg het vast met /overleg gehouden [datum] <besluiten…>, of plan het met /overleg gepland <datum>.`,
    overdueTlTitle: (days: string) => `Escalatie: uitvoerdersoverleg ${days} te laat`,
    overdueTl: (tl: string, gm: string, d: string, days: string) =>
      `${tl} het uitvoerdersoverleg van ${d} is ${days} later nog niet gehouden. De gezinsmanager (${gm}) is eerder herinnerd. Spreek samen af hoe het overleg er alsnog komt.`,
    overdueTlDirect: (code: string, days: string) => `Casus ${code}: uitvoerdersoverleg ${days} te laat`,
  },
  en: {
    reminder7Title: (d: string, n: number) => `In ${plural(n, 'day', 'days')}: executors' meeting (${d})`,
    reminder7Planned: (gm: string, when: string) => `${gm} the executors' meeting is planned on ${when}. The agenda below comes straight from the record.`,
    reminder7Unplanned: (gm: string, d: string) =>
      `${gm} the executors' meeting is due by ${d} and not planned yet. Plan it with /overleg gepland <datum> [tijd]. The agenda below comes straight from the record.`,
    reminder1Title: (d: string) => `Tomorrow: executors' meeting (${d})`,
    reminder1Planned: (gm: string, when: string) =>
      `${gm} the executors' meeting is tomorrow (${when}). Afterwards, record the decisions with /overleg gehouden <besluiten…>.`,
    reminder1Unplanned: (gm: string, d: string) =>
      `${gm} tomorrow (${d}) is the last day for the executors' meeting, and nothing is planned. Plan it with /overleg gepland <datum> [tijd].`,
    overdueTitle: (days: string) => `Executors' meeting ${days} overdue`,
    overdueGm: (gm: string, d: string, days: string) =>
      `${gm} the executors' meeting was due on ${d}, ${days} ago, and no meeting held is recorded. Record it with /overleg gehouden [datum] <besluiten…>, or plan it with /overleg gepland <datum>.`,
    overdueTlTitle: (days: string) => `Escalation: executors' meeting ${days} overdue`,
    overdueTl: (tl: string, gm: string, d: string, days: string) =>
      `${tl} the executors' meeting due on ${d} has still not been held ${days} later. The family manager (${gm}) was reminded before. Agree together how the meeting will still happen.`,
    overdueTlDirect: (code: string, days: string) => `Case ${code}: executors' meeting ${days} overdue`,
  },
});

/** The parser's words for `/overleg ritme` (src/core/parse.ts). */
export const rhythmParseTexts = catalog({
  nl: {
    missingWeeks: 'Er ontbreekt het aantal weken, van 2 tot 12, bijvoorbeeld: /overleg ritme 4.',
    badWeeks: (w: string) => `"${w}" is geen aantal weken van 2 tot 12. Schrijf een heel getal, bijvoorbeeld: /overleg ritme 4.`,
  },
  en: {
    missingWeeks: 'The number of weeks is missing, from 2 to 12, e.g.: /overleg ritme 4.',
    badWeeks: (w: string) => `"${w}" is not a number of weeks from 2 to 12. Write a whole number, e.g.: /overleg ritme 4.`,
  },
});
