import { formatDay } from '../clock.js';
import { catalog, plural } from '../i18n/index.js';
import type { Message } from '../kernel/message.js';
import { isSpic11, statusOf, waitingDays, type ReferralRow } from './model.js';
import type { Day, HelpKind } from '../commands/types.js';

export const texts = catalog({
  nl: {
    referred: (p: string) => `Inzet: verwezen naar ${p}`,
    started: (p: string) => `Inzet: ${p} is gestart`,
    stopped: (p: string) => `Inzet: ${p} is gestopt`,
    role: 'Rol',
    ha: 'hoofdaannemer (regie op zorg)',
    oa: 'onderaannemer',
    spic: 'SPIC',
    spicOptional: 'SPIC (mag leeg bij een onderaannemer)',
    noSpic: 'geen eigen SPIC (onder het arrangement van de hoofdaannemer)',
    kind: { volwassenenzorg: 'volwassenenzorg', schuldhulp: 'schuldhulp', 'lokaal-team': 'lokaal team', overig: 'overige hulp' } satisfies Record<HelpKind, string>,
    beyond: 'Hulp buiten de jeugdhulp',
    referredOn: 'Verwezen op',
    startDue: 'Start uiterlijk',
    startedOn: 'Gestart op',
    waited: 'Wachttijd',
    reason: 'Reden',
    spic11: 'SPIC 11: spoedhulp voor zes weken. Besluit op tijd wat daarna volgt.',
    days: (n: number) => plural(n, 'dag', 'dagen'),
    statusWacht: (n: number, due: string) => `wacht ${plural(n, 'dag', 'dagen')}, start uiterlijk ${due}`,
    statusTeLaat: (n: number, due: string) => `start te laat: ${plural(n, 'dag', 'dagen')} gewacht (uiterlijk ${due})`,
    statusLoopt: (d: string, n: number) => `loopt sinds ${d} (na ${plural(n, 'dag', 'dagen')} wachten)`,
    statusGestopt: (d: string) => `gestopt op ${d}`,
    done: 'De inzet is vastgelegd en in het casuskanaal geplaatst.',
    noPlanYet: 'Let op: het gezinsplan heeft nog geen resultaten. Leg vast wat de inzet moet bereiken met /resultaat nieuw <tekst…>.',
    spic11Start: (hours: number, due: string) =>
      `SPIC 11: de spoedhulp start binnen ${hours} uur, uiterlijk ${due}. Is de start dan niet vastgelegd, dan worden de gezinsmanager en de hoofdaannemer gealarmeerd, na ${hours * 2} uur ook de teamleider.`,
    unknownProvider: (p: string) => `Er is geen verwijzing naar "${p}" in deze casus. Leg die eerst vast met /inzet <aanbieder> <ha|oa> spic <code> verwezen <datum>.`,
    alreadyStarted: (p: string, d: string) => `${p} is al gestart op ${d}. Er is niets veranderd. Een verkeerde datum corrigeer je met /inzet wijzig ${p} gestart <datum>.`,
    alreadyStopped: (p: string, d: string) => `${p} is al gestopt op ${d}. Er is niets veranderd. Een verkeerde datum corrigeer je met /inzet wijzig ${p} gestopt <datum>.`,
    futureReferral: (d: string, today: string) => `De verwijsdatum ${d} ligt in de toekomst. Een verwijzing leg je vast als die gedaan is: kies vandaag (${today}) of eerder.`,
    futureStart: (d: string, today: string) => `De startdatum ${d} ligt in de toekomst. Leg de start vast als die er is: kies vandaag (${today}) of eerder.`,
    futureStop: (p: string, d: string, today: string) =>
      `De einddatum ${d} ligt in de toekomst. Kies vandaag (${today}) of eerder, of kondig een gepland einde aan met /inzet afronden ${p} ${d}.`,
    startAfterStop: 'De startdatum ligt na de einddatum. Controleer de datum.',
    referralAfterStart: 'De verwijsdatum ligt na de start of het einde. Controleer de datum.',
    onlyGm: (field: string) => `Alleen de gezinsmanager mag ${field} van een verwijzing wijzigen.`,
    unchangedField: (p: string, field: string, value: string) => `${field} van ${p} is al ${value}. Er is niets veranderd.`,
    changedPost: (p: string, who: string, field: string, before: string, after: string) => `Inzet ${p} gecorrigeerd door ${who}: ${field} ${before} → ${after}`,
    changeDone: (p: string, field: string, before: string, after: string) => `Inzet ${p}: ${field} gewijzigd van ${before} naar ${after}.`,
    status: 'Stand nu',
    notSet: 'niet vastgelegd',
    fieldName: { verwezen: 'de verwijsdatum', 'start-uiterlijk': 'de uiterste startdatum', gestart: 'de startdatum', gestopt: 'de einddatum', spic: 'het SPIC-profiel' },
    notYourReferral: (p: string) => `Alleen de gezinsmanager of een medewerker van ${p} mag de start of het einde van deze inzet vastleggen.`,
    duplicate: (p: string) => `Er loopt al een verwijzing naar ${p} in deze casus. Leg de start vast met /inzet gestart ${p}.`,
    startBeforeReferral: 'De startdatum ligt vóór de verwijsdatum. Controleer de datum.',
    stopBeforeReferral: 'De einddatum ligt vóór de verwijsdatum. Controleer de datum.',
    plannedStop: (p: string, d: string) => `Inzet: ${p} stopt op ${d}`,
    plannedStopDirect: (code: string, p: string, d: string) => `Casus ${code}: ${p} kondigt het einde van de hulp aan op ${d}.`,
    statusStopt: (d: string) => `loopt, stopt op ${d}`,
    formTitle: 'Inzet vastleggen',
    formSubmit: 'Vastleggen',
    formMissingProvider: 'Vul de naam van de aanbieder in.',
    formBadRole: 'Kies hoofdaannemer of onderaannemer.',
    formMissingSpic: 'Vul de SPIC-code in, bijvoorbeeld 11 of 3B.',
    formMissingReferred: 'Vul de dag van de verwijzing in.',
    provider: 'Aanbieder',
  },
  en: {
    referred: (p: string) => `Referral: referred to ${p}`,
    started: (p: string) => `Referral: ${p} has started`,
    stopped: (p: string) => `Referral: ${p} has stopped`,
    role: 'Role',
    ha: 'main provider (regie op zorg)',
    oa: 'subcontractor',
    spic: 'SPIC',
    spicOptional: 'SPIC (may be empty for a subcontractor)',
    noSpic: 'no SPIC of its own (under the main provider’s arrangement)',
    kind: { volwassenenzorg: 'adult care', schuldhulp: 'debt help', 'lokaal-team': 'local team', overig: 'other help' },
    beyond: 'Help beyond youth care',
    referredOn: 'Referred on',
    startDue: 'Start due',
    startedOn: 'Started on',
    waited: 'Waiting time',
    reason: 'Reason',
    spic11: 'SPIC 11: crisis help for six weeks. Decide in time what follows.',
    days: (n: number) => plural(n, 'day', 'days'),
    statusWacht: (n: number, due: string) => `waiting ${plural(n, 'day', 'days')}, start due ${due}`,
    statusTeLaat: (n: number, due: string) => `start overdue: waited ${plural(n, 'day', 'days')} (due ${due})`,
    statusLoopt: (d: string, n: number) => `running since ${d} (after ${plural(n, 'day', 'days')} of waiting)`,
    statusGestopt: (d: string) => `stopped on ${d}`,
    done: 'The referral is recorded and posted in the case channel.',
    noPlanYet: 'Note: the family plan has no results yet. Record what the help must achieve with /resultaat nieuw <tekst…>.',
    spic11Start: (hours: number, due: string) =>
      `SPIC 11: the crisis help starts within ${hours} hours, by ${due}. If no start is recorded by then, the family manager and the main provider are alerted, after ${hours * 2} hours the team leader too.`,
    unknownProvider: (p: string) => `There is no referral to "${p}" in this case. Record it first with /inzet <aanbieder> <ha|oa> spic <code> verwezen <datum>.`,
    alreadyStarted: (p: string, d: string) => `${p} already started on ${d}. Nothing changed. Correct a wrong date with /inzet wijzig ${p} gestart <datum>.`,
    alreadyStopped: (p: string, d: string) => `${p} already stopped on ${d}. Nothing changed. Correct a wrong date with /inzet wijzig ${p} gestopt <datum>.`,
    futureReferral: (d: string, today: string) => `The referral date ${d} lies in the future. Record a referral once it is made: choose today (${today}) or earlier.`,
    futureStart: (d: string, today: string) => `The start date ${d} lies in the future. Record the start once it happened: choose today (${today}) or earlier.`,
    futureStop: (p: string, d: string, today: string) =>
      `The end date ${d} lies in the future. Choose today (${today}) or earlier, or announce a planned end with /inzet afronden ${p} ${d}.`,
    startAfterStop: 'The start date is after the end date. Check the date.',
    referralAfterStart: 'The referral date is after the start or the end. Check the date.',
    onlyGm: (field: string) => `Only the family manager may change ${field} of a referral.`,
    unchangedField: (p: string, field: string, value: string) => `${field} of ${p} already is ${value}. Nothing changed.`,
    changedPost: (p: string, who: string, field: string, before: string, after: string) => `Referral ${p} corrected by ${who}: ${field} ${before} → ${after}`,
    changeDone: (p: string, field: string, before: string, after: string) => `Referral ${p}: ${field} changed from ${before} to ${after}.`,
    status: 'Status now',
    notSet: 'not recorded',
    fieldName: { verwezen: 'the referral date', 'start-uiterlijk': 'the start-due date', gestart: 'the start date', gestopt: 'the end date', spic: 'the SPIC profile' },
    notYourReferral: (p: string) => `Only the family manager or a worker of ${p} may record the start or end of this referral.`,
    duplicate: (p: string) => `There already is a running referral to ${p} in this case. Record its start with /inzet gestart ${p}.`,
    startBeforeReferral: 'The start date is before the referral date. Check the date.',
    stopBeforeReferral: 'The end date is before the referral date. Check the date.',
    plannedStop: (p: string, d: string) => `Referral: ${p} ends on ${d}`,
    plannedStopDirect: (code: string, p: string, d: string) => `Case ${code}: ${p} announces the end of its help on ${d}.`,
    statusStopt: (d: string) => `running, ends on ${d}`,
    formTitle: 'Record a referral',
    formSubmit: 'Record',
    formMissingProvider: 'Fill in the name of the provider.',
    formBadRole: 'Choose main provider or subcontractor.',
    formMissingSpic: 'Fill in the SPIC code, for example 11 or 3B.',
    formMissingReferred: 'Fill in the day of the referral.',
    provider: 'Provider',
  },
});

export function referralStatusLine(r: ReferralRow, today: Day): string {
  const t = texts();
  const days = waitingDays(r, today);
  switch (statusOf(r, today)) {
    case 'wacht':
      return t.statusWacht(days, formatDay(r.startDue));
    case 'te-laat':
      return t.statusTeLaat(days, formatDay(r.startDue));
    case 'loopt':
      return r.stoppedOn ? `${t.statusLoopt(formatDay(r.startedOn!), days)}; ${t.statusStopt(formatDay(r.stoppedOn))}` : t.statusLoopt(formatDay(r.startedOn!), days);
    case 'gestopt':
      return t.statusGestopt(formatDay(r.stoppedOn!));
  }
}

export type ReferralEvent = 'referred' | 'started' | 'stopped' | 'planned-stop';

export function referralMessage(r: ReferralRow, event: ReferralEvent, today: Day): Message {
  const t = texts();
  const titles: Record<ReferralEvent, string> = {
    referred: t.referred(r.provider),
    started: t.started(r.provider),
    stopped: t.stopped(r.provider),
    'planned-stop': t.plannedStop(r.provider, formatDay(r.stoppedOn ?? today)),
  };
  const title = titles[event];
  const fields = [
    { label: t.role, value: r.role === 'ha' ? t.ha : r.role === 'oa' ? t.oa : t.kind[r.role] },
    ...(isYouthCare(r) ? [{ label: t.spic, value: r.spic ?? t.noSpic }] : []),
    { label: t.referredOn, value: formatDay(r.referredOn) },
  ];
  if (event === 'referred') fields.push({ label: t.startDue, value: formatDay(r.startDue) });
  if (r.startedOn) fields.push({ label: t.startedOn, value: formatDay(r.startedOn) });
  const ending = event === 'stopped' || event === 'planned-stop';
  if (!ending) fields.push({ label: t.waited, value: t.days(waitingDays(r, today)) });
  if (ending && r.stopReason) fields.push({ label: t.reason, value: r.stopReason });
  const message: Message = { title, fields, tone: ending ? 'warning' : 'info' };
  if (r.spic && isSpic11(r.spic)) message.context = t.spic11;
  return message;
}

/** The texts of this concept's timed rules (scheduled.ts). Mentions are passed in as `<@id>` strings; direct messages carry the case code and the kind or urgency only, never free text of the case. */
export const scheduledTexts = catalog({
  nl: {
    startOverdueTitle: (provider: string, days: string) => `Start te laat: ${provider} (${days} wachten)`,
    startOverdue: (who: string, provider: string, referred: string, due: string, days: string) =>
      `${who} de hulp van ${provider} had uiterlijk ${due} moeten starten (verwezen op ${referred}). Het gezin wacht nu ${days}. Leg de start vast met /inzet gestart ${provider} [datum], of meld wat de start tegenhoudt met /signaal stagnatie oorzaak:hulp <tekst…>.`,
    startEscalationTitle: (provider: string, days: string) => `Escalatie: start ${provider} te laat (${days} wachten)`,
    startEscalation: (tl: string, provider: string, referred: string, days: string) =>
      `${tl} de hulp van ${provider} is nog niet gestart: verwezen op ${referred}, het gezin wacht nu ${days}. Dit staat in de teamdigest tot de start is vastgelegd.`,
    startEscalationDirect: (code: string, provider: string, days: string) => `Casus ${code}: start van ${provider} te laat (${days} wachten)`,
    spicWeek5Title: 'SPIC 11: besluit wat er volgt',
    spicWeek5: (gm: string, provider: string, start: string, end: string) =>
      `${gm} de spoedhulp (SPIC 11) van ${provider} loopt sinds ${start} en eindigt op ${end}. Besluit deze week wat er daarna volgt, en leg het vervolg vast met /inzet.`,
    spicEndTitle: 'SPIC 11 afgelopen: besluit nodig',
    spicEnd: (who: string, provider: string, weeks: string, end: string) =>
      `${who} de ${weeks} spoedhulp (SPIC 11) van ${provider} zijn op ${end} afgelopen, en er is nog geen vervolg vastgelegd. Leg het vervolg vast met /inzet, of stop de spoedhulp met /inzet gestopt ${provider} <reden…>.`,
    spicEndDirect: (code: string) => `Casus ${code}: SPIC 11 afgelopen zonder vastgelegd vervolg`,
    spic11StartTitle: (provider: string, hours: number) => `SPIC 11: ${provider} is na ${hours} uur niet gestart`,
    spic11StartTlTitle: (provider: string, hours: number) => `Escalatie SPIC 11: ${provider} is na ${hours} uur niet gestart`,
    spic11StartLate: (who: string, provider: string, due: string, hours: number) =>
      `${who} de spoedhulp (SPIC 11) van ${provider} had uiterlijk ${due} moeten starten en er is na ${hours} uur geen start vastgelegd. Het kind is ernstig en acuut bedreigd: regel de start vandaag. Leg de start vast met /inzet gestart ${provider}, of meld wat de start tegenhoudt met /signaal stagnatie acuut oorzaak:hulp <tekst…>.`,
    spic11StartDirect: (code: string, hours: number) => `Casus ${code}: SPIC 11 na ${hours} uur niet gestart`,
  },
  en: {
    startOverdueTitle: (provider: string, days: string) => `Start overdue: ${provider} (${days} of waiting)`,
    startOverdue: (who: string, provider: string, referred: string, due: string, days: string) =>
      `${who} the help of ${provider} was due to start by ${due} (referred on ${referred}). The family has now waited ${days}. Record the start with /inzet gestart ${provider} [datum], or report what holds it up with /signaal stagnatie oorzaak:hulp <tekst…>.`,
    startEscalationTitle: (provider: string, days: string) => `Escalation: start of ${provider} overdue (${days} of waiting)`,
    startEscalation: (tl: string, provider: string, referred: string, days: string) =>
      `${tl} the help of ${provider} has not started: referred on ${referred}, the family has now waited ${days}. This is listed in the team digest until the start is recorded.`,
    startEscalationDirect: (code: string, provider: string, days: string) => `Case ${code}: start of ${provider} overdue (${days} of waiting)`,
    spicWeek5Title: 'SPIC 11: decide what follows',
    spicWeek5: (gm: string, provider: string, start: string, end: string) =>
      `${gm} the crisis help (SPIC 11) of ${provider} runs since ${start} and ends on ${end}. Decide this week what follows, and record the follow-up with /inzet.`,
    spicEndTitle: 'SPIC 11 ended: decision needed',
    spicEnd: (who: string, provider: string, weeks: string, end: string) =>
      `${who} the ${weeks} of crisis help (SPIC 11) of ${provider} ended on ${end}, and no follow-up is recorded. Record it with /inzet, or stop the crisis help with /inzet gestopt ${provider} <reden…>.`,
    spicEndDirect: (code: string) => `Case ${code}: SPIC 11 ended without a recorded follow-up`,
    spic11StartTitle: (provider: string, hours: number) => `SPIC 11: ${provider} has not started after ${hours} hours`,
    spic11StartTlTitle: (provider: string, hours: number) => `Escalation SPIC 11: ${provider} has not started after ${hours} hours`,
    spic11StartLate: (who: string, provider: string, due: string, hours: number) =>
      `${who} the crisis help (SPIC 11) of ${provider} was due to start by ${due} and no start is recorded after ${hours} hours. The child is under serious and acute threat: arrange the start today. Record it with /inzet gestart ${provider}, or report what holds it up with /signaal stagnatie acuut oorzaak:hulp <tekst…>.`,
    spic11StartDirect: (code: string, hours: number) => `Case ${code}: SPIC 11 not started after ${hours} hours`,
  },
});

/** Youth care (ha, oa) as opposed to help beyond it (volwassenenzorg, schuldhulp, …). */
export function isYouthCare(r: Pick<ReferralRow, 'role'>): boolean {
  return r.role === 'ha' || r.role === 'oa';
}

/** "HA, SPIC 7", "OA" (an OA under the HA's arrangement has no SPIC of its own) or "schuldhulp": how a referral is labelled in lists. */
export function referralLabel(r: Pick<ReferralRow, 'role' | 'spic'>): string {
  if (r.role !== 'ha' && r.role !== 'oa') return texts().kind[r.role];
  return r.spic ? `${r.role.toUpperCase()}, SPIC ${r.spic}` : r.role.toUpperCase();
}
