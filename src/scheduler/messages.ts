import { catalog, plural } from '../i18n/index.js';

// What people read when the scheduler speaks. Mentions are passed in as
// `<@id>` strings. Direct messages carry the case code and the kind or
// urgency only, never free text of the case.

export const texts = catalog({
  nl: {
    nobody: '(niemand met die rol in de casus)',
    noTeamleider: 'Er is geen teamleider in deze casus; voeg die toe met /casus lid <@gebruiker> teamleider.',
    seeChannel: 'Bekijk het casuskanaal.',
    days: (n: number) => plural(n, 'dag', 'dagen'),
    weeks: (n: number) => plural(n, 'week', 'weken'),

    // overleg
    reminder7Title: (d: string, n: number) => `Over ${plural(n, 'dag', 'dagen')}: uitvoerdersoverleg (${d})`,
    reminder7Planned: (gm: string, when: string) =>
      `${gm} het uitvoerdersoverleg is gepland op ${when}. Hieronder de agenda, rechtstreeks uit het dossier.`,
    reminder7Unplanned: (gm: string, d: string) =>
      `${gm} het zeswekelijkse uitvoerdersoverleg moet uiterlijk ${d} plaatsvinden en is nog niet gepland. Plan het met /overleg gepland <datum> [tijd]. Hieronder de agenda, rechtstreeks uit het dossier.`,
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

    // start of help
    startOverdueTitle: (provider: string, days: string) => `Start te laat: ${provider} (${days} wachten)`,
    startOverdue: (who: string, provider: string, referred: string, due: string, days: string) =>
      `${who} de hulp van ${provider} had uiterlijk ${due} moeten starten (verwezen op ${referred}). Het gezin wacht nu ${days}. Leg de start vast met /inzet gestart ${provider} [datum], of meld wat de start tegenhoudt met /signaal stagnatie oorzaak:hulp <tekst…>.`,
    startEscalationTitle: (provider: string, days: string) => `Escalatie: start ${provider} te laat (${days} wachten)`,
    startEscalation: (tl: string, provider: string, referred: string, days: string) =>
      `${tl} de hulp van ${provider} is nog niet gestart: verwezen op ${referred}, het gezin wacht nu ${days}. Dit staat in de teamdigest tot de start is vastgelegd.`,
    startEscalationDirect: (code: string, days: string) => `Casus ${code}: start van de hulp te laat (${days} wachten)`,

    // signals
    term: { acuut: (h: number) => `${h} uur`, hoog: (h: number) => `${h} uur`, workdays: (n: number) => plural(n, 'werkdag', 'werkdagen') },
    signalReminderTitle: (code: string, n: number) => `Herinnering: signaal S-${n} in casus ${code} is nog niet bevestigd`,
    signalReminder: (term: string) => `De termijn voor bevestiging (${term}) is verstreken. Bevestig het signaal in het casuskanaal.`,
    signalFields: { signal: 'Signaal', kind: 'Soort', urgency: 'Urgentie', filed: 'Gemeld' },
    signalEscalationTitle: (n: number) => `Escalatie: signaal S-${n} is niet bevestigd`,
    signalEscalation: (tl: string, gm: string, n: number, kind: string, urgency: string, at: string, term: string) =>
      `${tl} signaal S-${n} (${kind}, ${urgency}) van ${at} is na twee keer de bevestigingstermijn (${term}) nog niet bevestigd. ${gm}, bevestig het met de knop bij het signaal of met /signaal bevestig S-${n}.`,
    signalEscalationDirect: (code: string, n: number, urgency: string) => `Casus ${code}: signaal S-${n} (${urgency}) is niet bevestigd`,
    signalEscalationConfidential: (tl: string, gm: string, n: number, at: string, term: string) =>
      `${tl} vertrouwelijk signaal S-${n} van ${at} is na twee keer de bevestigingstermijn (${term}) nog niet bevestigd. ${gm}, bevestig het met de knop bij het signaal of met /signaal bevestig S-${n}.`,
    signalReminderConfidential: (term: string) =>
      `De termijn voor bevestiging (${term}) van een vertrouwelijk signaal is verstreken. Er is geen gezinsmanager; de teamleider leest de inhoud en kan het bevestigen.`,
    signalEscalationDirectText: 'Twee keer de bevestigingstermijn is verstreken. Bekijk het casuskanaal; je kunt het signaal ook zelf bevestigen.',

    // silence
    silenceTitle: 'Hoe staat het ervoor?',
    silence: (ha: string, days: string) =>
      `${ha} in deze casus is al ${days} niets vastgelegd vanuit de hulpverlening: geen signaal, score, inzet of overleg. Hoe staat het ervoor?`,
    silenceContext: 'Elk antwoord wordt vastgelegd als signaal. Meer te melden? Gebruik /signaal.',
    silenceOk: 'Loopt volgens plan',
    silenceStagnatie: 'Stagnatie melden',
    silenceZorg: 'Zorg over veiligheid',
    silenceOkText: 'Loopt volgens plan (antwoord op de vraag "Hoe staat het ervoor?").',
    silenceStagnatieText: 'Stagnatie gemeld als antwoord op de vraag "Hoe staat het ervoor?". Toelichting volgt.',
    silenceZorgText: 'Zorg over veiligheid gemeld als antwoord op de vraag "Hoe staat het ervoor?". Toelichting volgt.',
    silenceExplain: 'Licht het toe in het casuskanaal of met /signaal, zodat de gezinsmanager weet wat er speelt.',
    silenceAnswered: 'Dit antwoord is al gegeven op deze vraag. Er is niets veranderd.',
    silenceUnknown: 'Deze vraag hoort niet bij een casus die nog loopt.',

    // SPIC 11
    spicWeek5Title: 'SPIC 11: besluit wat er volgt',
    spicWeek5: (gm: string, provider: string, start: string, end: string) =>
      `${gm} de spoedhulp (SPIC 11) van ${provider} loopt sinds ${start} en eindigt op ${end}. Besluit deze week wat er daarna volgt, en leg het vervolg vast met /inzet.`,
    spicEndTitle: 'SPIC 11 afgelopen: besluit nodig',
    spicEnd: (who: string, provider: string, weeks: string, end: string) =>
      `${who} de ${weeks} spoedhulp (SPIC 11) van ${provider} zijn op ${end} afgelopen, en er is nog geen vervolg vastgelegd. Leg het vervolg vast met /inzet, of stop de spoedhulp met /inzet gestopt ${provider} <reden…>.`,
    spicEndDirect: (code: string) => `Casus ${code}: SPIC 11 afgelopen zonder vastgelegd vervolg`,
  },
  en: {
    nobody: '(nobody with that role in the case)',
    noTeamleider: 'There is no team leader in this case; add one with /casus lid <@gebruiker> teamleider.',
    seeChannel: 'See the case channel.',
    days: (n: number) => plural(n, 'day', 'days'),
    weeks: (n: number) => plural(n, 'week', 'weeks'),

    reminder7Title: (d: string, n: number) => `In ${plural(n, 'day', 'days')}: executors' meeting (${d})`,
    reminder7Planned: (gm: string, when: string) => `${gm} the executors' meeting is planned on ${when}. The agenda below comes straight from the record.`,
    reminder7Unplanned: (gm: string, d: string) =>
      `${gm} the six-weekly executors' meeting is due by ${d} and not planned yet. Plan it with /overleg gepland <datum> [tijd]. The agenda below comes straight from the record.`,
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

    startOverdueTitle: (provider: string, days: string) => `Start overdue: ${provider} (${days} of waiting)`,
    startOverdue: (who: string, provider: string, referred: string, due: string, days: string) =>
      `${who} the help of ${provider} was due to start by ${due} (referred on ${referred}). The family has now waited ${days}. Record the start with /inzet gestart ${provider} [datum], or report what holds it up with /signaal stagnatie oorzaak:hulp <tekst…>.`,
    startEscalationTitle: (provider: string, days: string) => `Escalation: start of ${provider} overdue (${days} of waiting)`,
    startEscalation: (tl: string, provider: string, referred: string, days: string) =>
      `${tl} the help of ${provider} has not started: referred on ${referred}, the family has now waited ${days}. This is listed in the team digest until the start is recorded.`,
    startEscalationDirect: (code: string, days: string) => `Case ${code}: start of help overdue (${days} of waiting)`,

    term: { acuut: (h: number) => `${h} h`, hoog: (h: number) => `${h} h`, workdays: (n: number) => plural(n, 'working day', 'working days') },
    signalReminderTitle: (code: string, n: number) => `Reminder: signal S-${n} in case ${code} is not acknowledged yet`,
    signalReminder: (term: string) => `The acknowledgement deadline (${term}) has passed. Acknowledge the signal in the case channel.`,
    signalFields: { signal: 'Signal', kind: 'Kind', urgency: 'Urgency', filed: 'Reported' },
    signalEscalationTitle: (n: number) => `Escalation: signal S-${n} is not acknowledged`,
    signalEscalation: (tl: string, gm: string, n: number, kind: string, urgency: string, at: string, term: string) =>
      `${tl} signal S-${n} (${kind}, ${urgency}) of ${at} is still not acknowledged after twice the deadline (${term}). ${gm}, acknowledge it with the button on the signal or with /signaal bevestig S-${n}.`,
    signalEscalationDirect: (code: string, n: number, urgency: string) => `Case ${code}: signal S-${n} (${urgency}) is not acknowledged`,
    signalEscalationConfidential: (tl: string, gm: string, n: number, at: string, term: string) =>
      `${tl} confidential signal S-${n} of ${at} is still not acknowledged after twice the deadline (${term}). ${gm}, acknowledge it with the button on the signal or with /signaal bevestig S-${n}.`,
    signalReminderConfidential: (term: string) =>
      `The acknowledgement deadline (${term}) of a confidential signal has passed. There is no family manager; the team leader reads its content and may acknowledge it.`,
    signalEscalationDirectText: 'Twice the acknowledgement deadline has passed. See the case channel; you may acknowledge the signal yourself.',

    silenceTitle: 'How are things going?',
    silence: (ha: string, days: string) =>
      `${ha} nothing has been recorded from the providers in this case for ${days}: no signal, score, referral or meeting. How are things going?`,
    silenceContext: 'Each answer is recorded as a signal. More to report? Use /signaal.',
    silenceOk: 'Going to plan',
    silenceStagnatie: 'Report stagnation',
    silenceZorg: 'Concern about safety',
    silenceOkText: 'Going to plan (answer to "How are things going?").',
    silenceStagnatieText: 'Stagnation reported in answer to "How are things going?". Details to follow.',
    silenceZorgText: 'Concern about safety reported in answer to "How are things going?". Details to follow.',
    silenceExplain: 'Explain in the case channel or with /signaal, so the family manager knows what is going on.',
    silenceAnswered: 'This answer was already given to this question. Nothing changed.',
    silenceUnknown: 'This question does not belong to a running case.',

    spicWeek5Title: 'SPIC 11: decide what follows',
    spicWeek5: (gm: string, provider: string, start: string, end: string) =>
      `${gm} the crisis help (SPIC 11) of ${provider} runs since ${start} and ends on ${end}. Decide this week what follows, and record the follow-up with /inzet.`,
    spicEndTitle: 'SPIC 11 ended: decision needed',
    spicEnd: (who: string, provider: string, weeks: string, end: string) =>
      `${who} the ${weeks} of crisis help (SPIC 11) of ${provider} ended on ${end}, and no follow-up is recorded. Record it with /inzet, or stop the crisis help with /inzet gestopt ${provider} <reden…>.`,
    spicEndDirect: (code: string) => `Case ${code}: SPIC 11 ended without a recorded follow-up`,
  },
});
