import { z } from 'zod';
import { commandsWith, number, optionalText, text, type FormRead } from '../kernel/command.js';
import { say } from '../commands/messages.js';
import { causeWords, charCount, kindWords, MAX_TEXT, urgencyWords } from '../commands/tokens.js';
import { causes, signalKinds, urgencies } from '../commands/types.js';
import type { Scope } from '../kernel/scope.js';
import { acknowledgeByNumber, closeSignal, fileSignal, listSignals, signalForm } from './service.js';

// The /signaal commands (src/kernel/command.ts says what an entry holds).

const command = commandsWith<Scope>();
const gmOrLeader = ['gezinsmanager', 'teamleider'] as const;

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
    usage: '/signaal <veiligheid|zorg|stagnatie|incident|positief> [acuut|hoog|normaal|laag] [oorzaak:gezin|hulp|samenwerking] [vertrouwelijk] <tekst…>',
    example: '/signaal stagnatie hoog oorzaak:hulp Wachtlijst bij de aanbieder, nog geen startgesprek',
    help: {
      nl: 'Meld een signaal: onveiligheid, zorg, stagnatie, een incident of iets positiefs. Met vertrouwelijk lezen alleen de gezinsmanager en de teamleider de inhoud; het kanaal ziet alleen dat er iets gemeld is.',
      en: 'Report a signal: unsafety, concern, stagnation, an incident or something positive. With vertrouwelijk only the family manager and the team leader read its content; the channel sees only that something was reported.',
    },
    who: { nl: 'leden van de casus', en: 'members' },
    access: 'member',
    mode: 'write',
    form: { id: 'signaal', read: readSignalForm },
    handler: (s, c) => fileSignal(s, c),
  }),
  command({
    name: 'signaal.bevestig',
    topic: 'signaal',
    schema: z.object({ name: z.literal('signaal.bevestig'), number, response: optionalText }),
    usage: '/signaal bevestig <S-n> [reactie…]',
    example: '/signaal bevestig S-3 Gezien, ik bel vandaag de school',
    help: {
      nl: 'Bevestig dat je een signaal gezien hebt.',
      en: 'Confirm you have seen a signal.',
    },
    who: { nl: 'gezinsmanager, teamleider', en: 'family manager, team leader' },
    access: gmOrLeader,
    mode: 'write',
    handler: (s, c) => acknowledgeByNumber(s, c.number, c.response),
  }),
  command({
    name: 'signaal.sluit',
    topic: 'signaal',
    schema: z.object({ name: z.literal('signaal.sluit'), number, outcome: optionalText }),
    usage: '/signaal sluit <S-n> [uitkomst…]',
    example: '/signaal sluit S-3 Veiligheidsafspraak gemaakt',
    help: {
      nl: 'Sluit een signaal, met de uitkomst.',
      en: 'Close a signal, with its outcome.',
    },
    who: { nl: 'gezinsmanager, teamleider', en: 'family manager, team leader' },
    access: gmOrLeader,
    mode: 'write',
    handler: (s, c) => closeSignal(s, c.number, c.outcome),
  }),
  command({
    name: 'signaal.lijst',
    topic: 'signaal',
    schema: z.object({ name: z.literal('signaal.lijst') }),
    usage: '/signaal lijst',
    example: '/signaal lijst',
    help: {
      nl: 'Toon de open signalen.',
      en: 'Show the open signals.',
    },
    who: { nl: 'leden van de casus', en: 'members' },
    access: 'member',
    mode: 'read',
    handler: (s) => listSignals(s),
  }),
  command({
    name: 'signaal.formulier',
    topic: 'signaal',
    schema: z.object({ name: z.literal('signaal.formulier') }),
    usage: '/signaal',
    example: '/signaal',
    help: {
      nl: 'Open het formulier om een signaal te melden.',
      en: 'Open the form to report a signal.',
    },
    who: { nl: 'leden van de casus', en: 'members' },
    access: 'member',
    mode: 'read',
    handler: async () => ({ form: signalForm() }),
  }),
] as const;

/** The signal form's fields, read as the typed command reads its words. */
function readSignalForm(values: Record<string, string>): FormRead {
  const soort = (values.soort ?? '').trim();
  const kind = kindWords.get(soort.toLowerCase());
  if (!kind) return { ok: false, error: soort ? say().badKind(soort) : say().missingKind, field: 'soort' };
  const urgentie = (values.urgentie ?? '').trim();
  const urgency = urgentie ? urgencyWords.get(urgentie.toLowerCase()) : 'normaal';
  if (!urgency) return { ok: false, error: say().badUrgency(urgentie), field: 'urgentie' };
  const oorzaak = (values.oorzaak ?? '').trim();
  const cause = oorzaak ? causeWords.get(oorzaak.toLowerCase()) : undefined;
  if (oorzaak && !cause) return { ok: false, error: say().badCause(oorzaak), field: 'oorzaak' };
  const tekst = (values.tekst ?? '').trim();
  if (!tekst) return { ok: false, error: say().missingSignalText, field: 'tekst' };
  if (charCount(tekst) > MAX_TEXT) return { ok: false, error: say().tooLong(charCount(tekst), MAX_TEXT), field: 'tekst' };
  const confidential = values.vertrouwelijk === 'ja';
  return { ok: true, fields: { kind, urgency, ...(cause ? { cause } : {}), ...(confidential ? { confidential } : {}), text: tekst } };
}
