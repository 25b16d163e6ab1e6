import { formatMoment } from '../clock.js';
import type { Cause, SignalKind, Urgency } from '../commands/types.js';
import { words } from '../commands/words.js';
import { catalog, plural } from '../i18n/index.js';
import type { Message, Tone } from '../kernel/message.js';
import type { SignalRow } from './model.js';

export const texts = catalog({
  nl: {
    title: (n: number, kind: string, urgency: string) => `Signaal S-${n}: ${kind} (${urgency})`,
    by: 'Gemeld door',
    cause: 'Oorzaak',
    ack: 'Bevestigen',
    acked: (who: string, at: string) => `Bevestigd door ${who} op ${at}`,
    ownAcked: 'Gemeld door de gezinsmanager zelf: geldt als bevestigd.',
    response: 'Reactie',
    closed: (at: string) => `Gesloten op ${at}`,
    outcome: 'Uitkomst',
    waiting: 'Wacht op bevestiging door de gezinsmanager.',
    acute: 'Acuut gevaar? Bel 112, of Veilig Thuis: 0800-2000. Dit bericht vervangt geen telefoontje.',
    directTitle: (code: string, urgency: string) => `Nieuw signaal in casus ${code} (${urgency})`,
    directText: 'Lees het signaal in het casuskanaal en bevestig het, daar of met de knop hieronder.',
    directSignal: 'Signaal',
    directDeadline: 'Bevestigen vóór',
    directDeadlineValue: (at: string, term: string) => `${at} (termijn ${term})`,
    filed: (n: number) => `Signaal S-${n} is vastgelegd en in het casuskanaal geplaatst.`,
    ackDone: (n: number) => `Signaal S-${n} is bevestigd.`,
    alreadyAcked: (n: number, who: string, at: string) => `Signaal S-${n} was al bevestigd door ${who} op ${at}. Er is niets veranderd.`,
    closedDone: (n: number) => `Signaal S-${n} is gesloten.`,
    alreadyClosed: (n: number) => `Signaal S-${n} was al gesloten. Er is niets veranderd.`,
    notFound: (n: number) => `Signaal S-${n} bestaat niet in deze casus. Bekijk de signalen met /signaal lijst.`,
    listTitle: (code: string) => `Signalen van casus ${code}`,
    listEmpty: 'Nog geen signalen.',
    listNoneOpen: 'Geen open signalen.',
    listClosed: (numbers: string) => `Gesloten: ${numbers}.`,
    open: 'open',
    unacked: 'niet bevestigd',
    acknowledged: 'bevestigd',
    closedWord: 'gesloten',
    formTitle: 'Signaal melden',
    formSubmit: 'Melden',
    formBadCause: (w: string) => `"${w}" is geen oorzaak uit de lijst. Kies gezin, hulp of samenwerking, of laat het veld leeg.`,
    formMissingText: 'Beschrijf in een paar zinnen wat er aan de hand is.',
    kind: 'Soort',
    urgency: 'Urgentie',
    text: 'Wat is er aan de hand?',
    textHint: 'Geen namen of BSN van het kind: de casuscode volstaat.',
    noCause: '(geen)',
    confidential: 'Vertrouwelijk',
    confidentialNo: 'Nee: het hele kanaal leest het signaal',
    confidentialYes: 'Ja: alleen de gezinsmanager en de teamleider lezen de inhoud',
    confidentialTitle: (n: number, name: string) => `S-${n}: vertrouwelijk signaal van ${name}`,
    confidentialText: 'Alleen de gezinsmanager en de teamleider lezen de inhoud; zij hebben die persoonlijk ontvangen.',
    confidentialWord: 'vertrouwelijk signaal',
    confidentialDirectTitle: (code: string, n: number, kind: string, urgency: string) =>
      `Vertrouwelijk signaal S-${n} in casus ${code}: ${kind} (${urgency})`,
    confidentialDirectContext: 'Alleen voor de gezinsmanager en de teamleider. Het casuskanaal ziet alleen dat er een vertrouwelijk signaal is.',
    confidentialUpdateTitle: (code: string, n: number) => `Vertrouwelijk signaal S-${n} in casus ${code} is bijgewerkt`,
    confidentialAckHow: (n: number) =>
      `Bevestig met de knop hieronder of bij S-${n} in het casuskanaal, of met /signaal bevestig S-${n} [reactie…]. Een reactie lezen alleen de gezinsmanager en de teamleider.`,
    typedShown: (n: number) => `/signaal … vertrouwelijk … (S-${n}; de tekst staat alleen bij de gezinsmanager en de teamleider)`,
    typedShownFollowUp: (n: number) => `/signaal … S-${n} … (vertrouwelijk: de tekst staat alleen bij de gezinsmanager en de teamleider)`,
    typedVisible:
      'Let op: je getypte bericht met de tekst staat zichtbaar in het kanaal. Verwijder het zelf (… bij je bericht, Verwijderen). Meld een vertrouwelijk signaal voortaan met het formulier: typ alleen signaal.',
    typedVisibleFollowUp:
      'Let op: je getypte bericht met je reactie of uitkomst staat zichtbaar in het kanaal. Verwijder het zelf (… bij je bericht, Verwijderen). Bevestig of sluit een vertrouwelijk signaal in het kanaal zonder tekst, en bespreek de inhoud persoonlijk.',
    changeDone: (n: number, field: string, before: string, after: string) => `Signaal S-${n}: ${field} gewijzigd van ${before} naar ${after}.`,
    changedPost: (n: number, who: string, field: string, before: string, after: string) => `Signaal S-${n} gecorrigeerd door ${who}: ${field} ${before} → ${after}`,
    changedConfidentialPost: (n: number, who: string) => `Vertrouwelijk signaal S-${n} is gecorrigeerd door ${who}.`,
    unchangedField: (n: number, field: string, value: string) => `De ${field} van S-${n} is al ${value}. Er is niets veranderd.`,
    withdrawnDone: (n: number) => `Signaal S-${n} is ingetrokken. Het telt niet meer mee op de casuskaart, in de termijnen en de tellingen; de tijdlijn bewaart het.`,
    withdrawnPost: (n: number, who: string) => `Signaal S-${n} is ingetrokken door ${who}`,
    withdrawnTitle: (title: string) => `Ingetrokken: ${title}`,
    withdrawnLine: (at: string) => `Ingetrokken op ${at}`,
    reason: 'Reden',
    alreadyWithdrawn: (n: number) => `Signaal S-${n} is al ingetrokken. Er is niets veranderd.`,
    withdrawnNoChange: (n: number) => `Signaal S-${n} is ingetrokken en kan niet meer worden gewijzigd. Meld zo nodig een nieuw signaal.`,
    notYours: (n: number) => `Alleen wie signaal S-${n} meldde, of de gezinsmanager, mag het wijzigen of intrekken.`,
    refusedTitle: 'Niet toegestaan',
    withdrawnWord: 'ingetrokken',
    fieldName: { soort: 'soort', urgentie: 'urgentie', oorzaak: 'oorzaak' },
    noCauseWord: 'geen',
    filedConfidential: (n: number) =>
      `Vertrouwelijk signaal S-${n} is vastgelegd. Het casuskanaal ziet alleen dat er iets gemeld is; de inhoud is persoonlijk naar de gezinsmanager en de teamleider gestuurd.`,
  },
  en: {
    title: (n: number, kind: string, urgency: string) => `Signal S-${n}: ${kind} (${urgency})`,
    by: 'Reported by',
    cause: 'Cause',
    ack: 'Acknowledge',
    acked: (who: string, at: string) => `Acknowledged by ${who} on ${at}`,
    ownAcked: 'Reported by the family manager herself: counts as acknowledged.',
    response: 'Response',
    closed: (at: string) => `Closed on ${at}`,
    outcome: 'Outcome',
    waiting: 'Waiting for the family manager to acknowledge.',
    acute: 'Acute danger? Call 112, or Veilig Thuis: 0800-2000. This message does not replace a phone call.',
    directTitle: (code: string, urgency: string) => `New signal in case ${code} (${urgency})`,
    directText: 'Read the signal in the case channel and acknowledge it, there or with the button below.',
    directSignal: 'Signal',
    directDeadline: 'Acknowledge before',
    directDeadlineValue: (at: string, term: string) => `${at} (deadline ${term})`,
    filed: (n: number) => `Signal S-${n} is recorded and posted in the case channel.`,
    ackDone: (n: number) => `Signal S-${n} is acknowledged.`,
    alreadyAcked: (n: number, who: string, at: string) => `Signal S-${n} was already acknowledged by ${who} on ${at}. Nothing changed.`,
    closedDone: (n: number) => `Signal S-${n} is closed.`,
    alreadyClosed: (n: number) => `Signal S-${n} was already closed. Nothing changed.`,
    notFound: (n: number) => `Signal S-${n} does not exist in this case. See the signals with /signaal lijst.`,
    listTitle: (code: string) => `Signals of case ${code}`,
    listEmpty: 'No signals yet.',
    listNoneOpen: 'No open signals.',
    listClosed: (numbers: string) => `Closed: ${numbers}.`,
    open: 'open',
    unacked: 'not acknowledged',
    acknowledged: 'acknowledged',
    closedWord: 'closed',
    formTitle: 'Report a signal',
    formSubmit: 'Report',
    formBadCause: (w: string) => `"${w}" is not a cause from the list. Choose gezin, hulp or samenwerking, or leave the field empty.`,
    formMissingText: 'Describe in a few sentences what is going on.',
    kind: 'Kind',
    urgency: 'Urgency',
    text: 'What is going on?',
    textHint: "No name or BSN of the child: the case code is enough.",
    noCause: '(none)',
    confidential: 'Confidential',
    confidentialNo: 'No: the whole channel reads the signal',
    confidentialYes: 'Yes: only the family manager and the team leader read its content',
    confidentialTitle: (n: number, name: string) => `S-${n}: confidential signal from ${name}`,
    confidentialText: 'Only the family manager and the team leader read its content; they received it personally.',
    confidentialWord: 'confidential signal',
    confidentialDirectTitle: (code: string, n: number, kind: string, urgency: string) =>
      `Confidential signal S-${n} in case ${code}: ${kind} (${urgency})`,
    confidentialDirectContext: 'For the family manager and the team leader only. The case channel sees only that there is a confidential signal.',
    confidentialUpdateTitle: (code: string, n: number) => `Confidential signal S-${n} in case ${code} was updated`,
    confidentialAckHow: (n: number) =>
      `Acknowledge with the button below or on S-${n} in the case channel, or with /signaal bevestig S-${n} [reactie…]. Only the family manager and the team leader read a response.`,
    typedShown: (n: number) => `/signaal … vertrouwelijk … (S-${n}; the text is with the family manager and the team leader only)`,
    typedShownFollowUp: (n: number) => `/signaal … S-${n} … (confidential: the text is with the family manager and the team leader only)`,
    typedVisible:
      'Note: your typed message with the text is visible in the channel. Delete it yourself (… on your message, Delete). Report a confidential signal with the form from now on: type just signaal.',
    typedVisibleFollowUp:
      'Note: your typed message with your response or outcome is visible in the channel. Delete it yourself (… on your message, Delete). Acknowledge or close a confidential signal in the channel without text, and discuss its content in person.',
    changeDone: (n: number, field: string, before: string, after: string) => `Signal S-${n}: ${field} changed from ${before} to ${after}.`,
    changedPost: (n: number, who: string, field: string, before: string, after: string) => `Signal S-${n} corrected by ${who}: ${field} ${before} → ${after}`,
    changedConfidentialPost: (n: number, who: string) => `Confidential signal S-${n} was corrected by ${who}.`,
    unchangedField: (n: number, field: string, value: string) => `The ${field} of S-${n} already is ${value}. Nothing changed.`,
    withdrawnDone: (n: number) => `Signal S-${n} is withdrawn. It no longer counts on the case card, in the deadlines and the counts; the timeline keeps it.`,
    withdrawnPost: (n: number, who: string) => `Signal S-${n} was withdrawn by ${who}`,
    withdrawnTitle: (title: string) => `Withdrawn: ${title}`,
    withdrawnLine: (at: string) => `Withdrawn on ${at}`,
    reason: 'Reason',
    alreadyWithdrawn: (n: number) => `Signal S-${n} is already withdrawn. Nothing changed.`,
    withdrawnNoChange: (n: number) => `Signal S-${n} is withdrawn and can no longer be changed. Report a new signal if needed.`,
    notYours: (n: number) => `Only whoever reported signal S-${n}, or the family manager, may change or withdraw it.`,
    refusedTitle: 'Not allowed',
    withdrawnWord: 'withdrawn',
    fieldName: { soort: 'kind', urgentie: 'urgency', oorzaak: 'cause' },
    noCauseWord: 'none',
    filedConfidential: (n: number) =>
      `Confidential signal S-${n} is recorded. The case channel sees only that something was reported; its content went personally to the family manager and the team leader.`,
  },
});

export function toneOf(kind: SignalKind, urgency: Urgency): Tone {
  if (kind === 'positief') return 'success';
  if (urgency === 'acuut' || kind === 'veiligheid' || kind === 'incident') return 'danger';
  return urgency === 'hoog' || kind === 'stagnatie' ? 'warning' : 'info';
}

export function isAlarming(kind: SignalKind, urgency: Urgency): boolean {
  return kind === 'veiligheid' || kind === 'incident' || urgency === 'acuut' || urgency === 'hoog';
}

/** Kind and urgency as the channel may read them: a confidential signal shows neither. */
export function signalLabel(s: Pick<SignalRow, 'kind' | 'urgency' | 'confidential'>): string {
  const w = words();
  return s.confidential ? texts().confidentialWord : `${w.kind[s.kind]} (${w.urgency[s.urgency]})`;
}

/** The signal as posted in the case channel; re-rendered in place when it changes. */
/** The audit summary's mark of a signal the gezinsmanager filed herself, acknowledged by filing it. */
export const ownAckMark = 'eigen-melding';

/** Filed by the gezinsmanager: acknowledged by her at the moment she filed it. */
export function ownAck(s: Pick<SignalRow, 'reporterId' | 'reporterRole' | 'ackById' | 'ackAt' | 'createdAt'>): boolean {
  return s.reporterRole === 'gezinsmanager' && s.ackById === s.reporterId && s.ackAt?.getTime() === s.createdAt.getTime();
}

/** The line under a signal that says who acknowledged it, or that its reporter was the gezinsmanager. */
function ackLine(s: SignalRow): string | undefined {
  if (!s.ackAt || !s.ackById) return undefined;
  return ownAck(s) ? texts().ownAcked : texts().acked(`<@${s.ackById}>`, formatMoment(s.ackAt));
}

export function signalMessage(s: SignalRow): Message {
  if (s.confidential) return confidentialMessage(s);
  const t = texts();
  const w = words();
  const { fields, lines, names } = signalMessageParts(s);
  const message: Message = {
    title: t.title(s.number, w.kind[s.kind], w.urgency[s.urgency]),
    text: s.text,
    fields,
    tone: toneOf(s.kind, s.urgency),
    names,
    context: formatMoment(s.createdAt),
  };
  if (lines.length) message.lines = lines;
  if (!s.ackAt && !s.closedAt && !s.withdrawnAt) {
    message.actions = [{ id: 'signal.ack', label: t.ack, value: String(s.id), style: 'primary' }];
    message.lines = [t.waiting];
  }
  if (s.urgency === 'acuut') message.context = `${t.acute} · ${formatMoment(s.createdAt)}`;
  return withdrawn(s, message);
}

/** A withdrawn signal stays where it was posted, marked as such, without its button. */
function withdrawn(s: SignalRow, message: Message): Message {
  if (!s.withdrawnAt) return message;
  const t = texts();
  return { ...message, title: t.withdrawnTitle(message.title ?? ''), tone: 'info', lines: [...(message.lines ?? []).filter((l) => l !== t.waiting), t.withdrawnLine(formatMoment(s.withdrawnAt))] };
}

/**
 * A confidential signal in the case channel: that it exists, who reported it
 * and its state, so acknowledgement and escalation stay visible; no kind,
 * urgency, cause, text, response or outcome. The tone is fixed, as it would
 * betray the kind.
 */
function confidentialMessage(s: SignalRow): Message {
  const t = texts();
  const lines: string[] = [];
  const acked = ackLine(s);
  if (acked) lines.push(acked);
  if (s.closedAt) lines.push(t.closed(formatMoment(s.closedAt)));
  const names: Record<string, string> = { [s.reporterId]: s.reporterName };
  if (s.ackById && s.ackByName) names[s.ackById] = s.ackByName;
  const message: Message = {
    title: t.confidentialTitle(s.number, s.reporterName),
    text: t.confidentialText,
    tone: 'info',
    names,
    context: formatMoment(s.createdAt),
  };
  if (lines.length) message.lines = lines;
  if (!s.ackAt && !s.closedAt && !s.withdrawnAt) {
    message.actions = [{ id: 'signal.ack', label: t.ack, value: String(s.id), style: 'primary' }];
    message.lines = [t.waiting];
  }
  return withdrawn(s, message);
}

/**
 * A confidential signal in full, sent personally to the gezinsmanager and the
 * teamleider; sent again when it is acknowledged or closed, as the channel
 * post no longer carries the response or the outcome.
 */
export function confidentialDirect(code: string, s: SignalRow, update = false, deadline?: { at: Date; term: string }): Message {
  const t = texts();
  const w = words();
  const full = signalMessageParts(s);
  const message: Message = {
    title: update ? t.confidentialUpdateTitle(code, s.number) : t.confidentialDirectTitle(code, s.number, w.kind[s.kind], w.urgency[s.urgency]),
    text: s.text,
    fields: full.fields,
    tone: toneOf(s.kind, s.urgency),
    names: full.names,
    context: `${t.confidentialDirectContext} · ${formatMoment(s.createdAt)}`,
  };
  if (update) message.fields = [{ label: t.kind, value: `${w.kind[s.kind]} (${w.urgency[s.urgency]})` }, ...full.fields];
  if (full.lines.length) message.lines = full.lines;
  if (!s.ackAt && !s.closedAt && !s.withdrawnAt) {
    // Both who receive it may acknowledge it (signaal.bevestig: gezinsmanager or teamleider), so it carries its own button.
    message.lines = [t.confidentialAckHow(s.number)];
    if (deadline) message.fields = [...(message.fields ?? []), { label: t.directDeadline, value: t.directDeadlineValue(formatMoment(deadline.at), deadline.term) }];
    message.actions = [{ id: 'signal.ack', label: t.ack, value: String(s.id), style: 'primary' }];
  }
  return withdrawn(s, message);
}

function signalMessageParts(s: SignalRow): { fields: { label: string; value: string }[]; lines: string[]; names: Record<string, string> } {
  const t = texts();
  const w = words();
  const fields = [{ label: t.by, value: `<@${s.reporterId}> (${w.role[s.reporterRole as keyof typeof w.role] ?? s.reporterRole})` }];
  if (s.cause) fields.push({ label: t.cause, value: w.cause[s.cause as Cause] });
  const lines: string[] = [];
  const acked = ackLine(s);
  if (acked) {
    lines.push(acked);
    if (s.ackResponse) lines.push(`${t.response}: ${s.ackResponse}`);
  }
  if (s.closedAt) {
    lines.push(t.closed(formatMoment(s.closedAt)));
    if (s.outcome) lines.push(`${t.outcome}: ${s.outcome}`);
  }
  const names: Record<string, string> = { [s.reporterId]: s.reporterName };
  if (s.ackById && s.ackByName) names[s.ackById] = s.ackByName;
  return { fields, lines, names };
}

/** The personal notification: the case code and the urgency, never the text. */
/**
 * The gezinsmanager's notice of an alarming signal: the case, the number, the
 * urgency and the deadline, with its own Bevestigen button; the content stays
 * in the case channel, which the adapter links to.
 */
export function signalDirect(code: string, s: SignalRow, deadline: { at: Date; term: string }): Message {
  const t = texts();
  return {
    title: t.directTitle(code, words().urgency[s.urgency]),
    text: t.directText,
    tone: toneOf(s.kind, s.urgency),
    fields: [
      { label: t.directSignal, value: `S-${s.number}` },
      { label: t.directDeadline, value: t.directDeadlineValue(formatMoment(deadline.at), deadline.term) },
    ],
    actions: [{ id: 'signal.ack', label: t.ack, value: String(s.id), style: 'primary' }],
  };
}

export function signalState(s: SignalRow): string {
  const t = texts();
  if (s.withdrawnAt) return t.withdrawnWord;
  if (s.closedAt) return t.closedWord;
  return s.ackAt ? t.acknowledged : t.unacked;
}

/** The texts of this concept's timed rules (scheduled.ts). Mentions are passed in as `<@id>` strings; direct messages carry the case code and the kind or urgency only, never free text of the case. */
export const scheduledTexts = catalog({
  nl: {
    term: { acuut: (h: number) => `${h} uur`, hoog: (h: number) => `${h} uur`, workdays: (n: number) => plural(n, 'werkdag', 'werkdagen') },
    signalReminderTitle: (code: string, n: number) => `Herinnering: signaal S-${n} in casus ${code} is nog niet bevestigd`,
    signalReminder: (term: string) => `De termijn voor bevestiging (${term}) is verstreken. Bevestig het signaal in het casuskanaal.`,
    signalFields: { signal: 'Signaal', kind: 'Soort', urgency: 'Urgentie', filed: 'Gemeld', deadline: 'Bevestigen vóór' },
    signalReminderDeadline: (at: string) => `${at}; daarna gaat het naar de teamleider`,
    signalEscalationTitle: (n: number) => `Escalatie: signaal S-${n} is niet bevestigd`,
    signalEscalation: (tl: string, gm: string, n: number, kind: string, urgency: string, at: string, term: string) =>
      `${tl} signaal S-${n} (${kind}, ${urgency}) van ${at} is na twee keer de bevestigingstermijn (${term}) nog niet bevestigd. ${gm}, bevestig het met de knop bij het signaal of met /signaal bevestig S-${n}.`,
    signalEscalationDirect: (code: string, n: number, urgency: string) => `Casus ${code}: signaal S-${n} (${urgency}) is niet bevestigd`,
    signalEscalationConfidential: (tl: string, gm: string, n: number, at: string, term: string) =>
      `${tl} vertrouwelijk signaal S-${n} van ${at} is na twee keer de bevestigingstermijn (${term}) nog niet bevestigd. ${gm}, bevestig het met de knop bij het signaal of met /signaal bevestig S-${n}.`,
    signalReminderConfidential: (term: string) =>
      `De termijn voor bevestiging (${term}) van een vertrouwelijk signaal is verstreken. Er is geen gezinsmanager; de teamleider leest de inhoud en kan het bevestigen.`,
    signalEscalationDirectText: 'Twee keer de bevestigingstermijn is verstreken. Bekijk het casuskanaal; je kunt het signaal ook zelf bevestigen.',
  },
  en: {
    term: { acuut: (h: number) => `${h} h`, hoog: (h: number) => `${h} h`, workdays: (n: number) => plural(n, 'working day', 'working days') },
    signalReminderTitle: (code: string, n: number) => `Reminder: signal S-${n} in case ${code} is not acknowledged yet`,
    signalReminder: (term: string) => `The acknowledgement deadline (${term}) has passed. Acknowledge the signal in the case channel.`,
    signalFields: { signal: 'Signal', kind: 'Kind', urgency: 'Urgency', filed: 'Reported', deadline: 'Acknowledge before' },
    signalReminderDeadline: (at: string) => `${at}; after that it goes to the team leader`,
    signalEscalationTitle: (n: number) => `Escalation: signal S-${n} is not acknowledged`,
    signalEscalation: (tl: string, gm: string, n: number, kind: string, urgency: string, at: string, term: string) =>
      `${tl} signal S-${n} (${kind}, ${urgency}) of ${at} is still not acknowledged after twice the deadline (${term}). ${gm}, acknowledge it with the button on the signal or with /signaal bevestig S-${n}.`,
    signalEscalationDirect: (code: string, n: number, urgency: string) => `Case ${code}: signal S-${n} (${urgency}) is not acknowledged`,
    signalEscalationConfidential: (tl: string, gm: string, n: number, at: string, term: string) =>
      `${tl} confidential signal S-${n} of ${at} is still not acknowledged after twice the deadline (${term}). ${gm}, acknowledge it with the button on the signal or with /signaal bevestig S-${n}.`,
    signalReminderConfidential: (term: string) =>
      `The acknowledgement deadline (${term}) of a confidential signal has passed. There is no family manager; the team leader reads its content and may acknowledge it.`,
    signalEscalationDirectText: 'Twice the acknowledgement deadline has passed. See the case channel; you may acknowledge the signal yourself.',
  },
});
