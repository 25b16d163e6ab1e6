import { z } from 'zod';
import { alone } from '../commands/args.js';
import { commandsWith, number, optionalText, text, type FormRead } from '../kernel/command.js';
import { say } from '../commands/messages.js';
import { causeWords, charCount, kindWords, MAX_TEXT, urgencyWords } from '../commands/tokens.js';
import { causes, signalKinds, urgencies } from '../commands/types.js';
import type { Scope } from '../kernel/scope.js';
import { readAcknowledge, readChange, readClose, readSignal, readWithdraw } from './grammar.js';
import { roles } from '../actors.js';
import { texts } from './messages.js';
import { acknowledgeByNumber, changeSignal, closeSignal, fileSignal, listSignals, signalForm, withdrawSignal } from './service.js';

// The /signaal commands (src/kernel/command.ts says what an entry holds).

const command = commandsWith<Scope>();
const gmOrLeader = ['gezinsmanager', 'teamleider'] as const;
/** Any member may have reported it; the service lets only the reporter and the gezinsmanager through. */
const reporterOrGm = ['gezinsmanager', ...roles.filter((r) => r !== 'gezinsmanager')] as const;
const reporterOrGmWho = { nl: 'gezinsmanager, de melder', en: 'family manager, the reporter' };

export const commands = [
  command({
    name: 'signaal.nieuw',
    topic: 'signaal',
    schema: z.object({
    name: z.literal('signaal.nieuw'),
    kind: z.enum(signalKinds),
    urgency: z.enum(urgencies),
    cause: z.enum(causes).optional(),
    confidential: z.boolean().optional(),
    text,
  }),
    words: signalKinds,
    // The kinds' other spellings (`zorgen`), as the value vocabulary holds them.
    aliases: [...kindWords.keys()].filter((w) => !(signalKinds as readonly string[]).includes(w)),
    read: readSignal,
    usage: '/signaal <veiligheid|zorg|stagnatie|incident|positief> [acuut|hoog|normaal|laag] [oorzaak:gezin|hulp|samenwerking] [vertrouwelijk] <tekst…>',
    example: '/signaal stagnatie hoog oorzaak:hulp Wachtlijst bij de aanbieder, nog geen startgesprek',
    help: {
      nl: 'Meld een signaal: onveiligheid, zorg, stagnatie, een incident of iets positiefs. Met vertrouwelijk lezen alleen de gezinsmanager en de teamleider de inhoud; het kanaal ziet alleen dat er iets gemeld is.',
      en: 'Report a signal: unsafety, concern, stagnation, an incident or something positive. With vertrouwelijk only the family manager and the team leader read its content; the channel sees only that something was reported.',
    },
    access: 'member',
    mode: 'write',
    form: { id: 'signaal', read: readSignalForm },
    handler: (s, c) => fileSignal(s, c),
  }),
  command({
    name: 'signaal.bevestig',
    topic: 'signaal',
    schema: z.object({ name: z.literal('signaal.bevestig'), number, response: optionalText }),
    words: ['bevestig'],
    read: readAcknowledge,
    usage: '/signaal bevestig <S-n> [reactie…]',
    example: '/signaal bevestig S-3 Gezien, ik bel vandaag de school',
    help: {
      nl: 'Bevestig dat je een signaal gezien hebt.',
      en: 'Confirm you have seen a signal.',
    },
    access: gmOrLeader,
    mode: 'write',
    handler: (s, c) => acknowledgeByNumber(s, c.number, c.response),
  }),
  command({
    name: 'signaal.sluit',
    topic: 'signaal',
    schema: z.object({ name: z.literal('signaal.sluit'), number, outcome: optionalText }),
    words: ['sluit'],
    read: readClose,
    usage: '/signaal sluit <S-n> [uitkomst…]',
    example: '/signaal sluit S-3 Veiligheidsafspraak gemaakt',
    help: {
      nl: 'Sluit een signaal, met de uitkomst.',
      en: 'Close a signal, with its outcome.',
    },
    access: gmOrLeader,
    mode: 'write',
    handler: (s, c) => closeSignal(s, c.number, c.outcome),
  }),
  command({
    name: 'signaal.wijzig',
    topic: 'signaal',
    schema: z.object({
      name: z.literal('signaal.wijzig'),
      number,
      change: z.discriminatedUnion('field', [
        z.object({ field: z.literal('soort'), value: z.enum(signalKinds) }),
        z.object({ field: z.literal('urgentie'), value: z.enum(urgencies) }),
        z.object({ field: z.literal('oorzaak'), value: z.enum(causes).nullable() }),
      ]),
    }),
    words: ['wijzig'],
    read: readChange,
    usage: '/signaal wijzig <S-n> <soort|urgentie|oorzaak> <waarde>',
    example: '/signaal wijzig S-3 urgentie normaal',
    help: {
      nl: 'Corrigeer de soort, de urgentie of de oorzaak van een signaal (oorzaak geen: zonder oorzaak). De termijnen volgen de nieuwe urgentie; de tijdlijn toont wat er veranderde.',
      en: 'Correct the kind, the urgency or the cause of a signal. The deadlines follow the new urgency; the timeline shows what changed.',
    },
    who: reporterOrGmWho,
    access: reporterOrGm,
    mode: 'write',
    handler: (s, c) => changeSignal(s, c.number, c.change),
  }),
  command({
    name: 'signaal.intrekken',
    topic: 'signaal',
    schema: z.object({ name: z.literal('signaal.intrekken'), number, reason: text }),
    words: ['intrekken'],
    read: readWithdraw,
    usage: '/signaal intrekken <S-n> <reden…>',
    example: '/signaal intrekken S-3 Per ongeluk in de verkeerde casus gemeld',
    help: {
      nl: 'Trek een signaal in dat ten onrechte is gemeld. Het verdwijnt van de casuskaart, uit de termijnen en de tellingen; de tijdlijn bewaart het, met de reden.',
      en: 'Withdraw a signal reported by mistake. It leaves the case card, the deadlines and the counts; the timeline keeps it, with the reason.',
    },
    who: reporterOrGmWho,
    access: reporterOrGm,
    mode: 'write',
    handler: (s, c) => withdrawSignal(s, c.number, c.reason),
  }),
  command({
    name: 'signaal.lijst',
    topic: 'signaal',
    schema: z.object({ name: z.literal('signaal.lijst') }),
    words: ['lijst'],
    usage: '/signaal lijst',
    example: '/signaal lijst',
    help: {
      nl: 'Toon de open signalen.',
      en: 'Show the open signals.',
    },
    access: 'member',
    mode: 'read',
    handler: (s) => listSignals(s),
  }),
  command({
    name: 'signaal.formulier',
    topic: 'signaal',
    schema: z.object({ name: z.literal('signaal.formulier') }),
    bare: true,
    aliases: ['formulier'],
    read: alone('signaal.formulier'),
    usage: '/signaal',
    example: '/signaal',
    help: {
      nl: 'Open het formulier om een signaal te melden.',
      en: 'Open the form to report a signal.',
    },
    access: 'member',
    mode: 'read',
    handler: async () => ({ form: signalForm() }),
  }),
] as const;

/** The signal form's fields, read as the typed command reads its words. */
function readSignalForm(values: Record<string, string>): FormRead {
  const soort = (values.soort ?? '').trim();
  const kind = kindWords.get(soort.toLowerCase());
  if (!kind) return { ok: false, field: 'soort', error: soort ? say().badKind(soort) : say().missingKind };
  const urgentie = (values.urgentie ?? '').trim();
  const urgency = urgentie ? urgencyWords.get(urgentie.toLowerCase()) : 'normaal';
  if (!urgency) return { ok: false, field: 'urgentie', error: say().badUrgency(urgentie) };
  const oorzaak = (values.oorzaak ?? '').trim();
  const cause = oorzaak ? causeWords.get(oorzaak.toLowerCase()) : undefined;
  if (oorzaak && !cause) return { ok: false, field: 'oorzaak', error: texts().formBadCause(oorzaak) };
  const tekst = (values.tekst ?? '').trim();
  if (!tekst) return { ok: false, field: 'tekst', error: texts().formMissingText };
  if (charCount(tekst) > MAX_TEXT) return { ok: false, field: 'tekst', error: say().tooLong(charCount(tekst), MAX_TEXT) };
  const confidential = values.vertrouwelijk === 'ja';
  return { ok: true, fields: { kind, urgency, ...(cause ? { cause } : {}), ...(confidential ? { confidential } : {}), text: tekst } };
}
