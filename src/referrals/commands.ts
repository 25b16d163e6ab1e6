import { z } from 'zod';
import { formatDay } from '../clock.js';
import { parseDay } from '../commands/dates.js';
import { alone } from '../commands/args.js';
import { commandsWith, day, name, optionalText, type FormRead } from '../kernel/command.js';
import { say } from '../commands/messages.js';
import { charCount, MAX_NAME, parseSpic, referralRoleWords } from '../commands/tokens.js';
import { helpKinds, referralRoles, type Day } from '../commands/types.js';
import type { Scope } from '../kernel/scope.js';
import { readChange, readFinish, readReferral, readStarted, readStopped } from './grammar.js';
import { texts } from './messages.js';
import { changeReferral, recordStart, recordStop, refer, referralForm } from './service.js';

// The /inzet commands (src/kernel/command.ts says what an entry holds).

const command = commandsWith<Scope>();
const gm = ['gezinsmanager'] as const;
const spicCode = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,15}$/);
const providers = ['gezinsmanager', 'hoofdaannemer', 'hulpverlener', 'onderaannemer', 'spoedhulp'] as const;
/** The service lets a provider's workers record only their own provider's referral. */
const providersWho = { nl: 'gezinsmanager, medewerkers van die aanbieder', en: 'family manager, that provider’s workers' };

export const commands = [
  command({
    name: 'inzet.nieuw',
    topic: 'inzet',
    schema: z
      .object({
        name: z.literal('inzet.nieuw'),
        provider: name,
        role: z.enum(referralRoles),
        spic: spicCode.optional(),
        referredOn: day,
        startDue: day.optional(),
      })
      // The form reads an OA into this entry too; the hoofdaannemer always has a SPIC.
      .refine((c) => c.role !== 'ha' || c.spic !== undefined, 'a hoofdaannemer needs a SPIC')
      // 'yyyy-mm-dd' compares correctly as a string.
      .refine((c) => c.startDue === undefined || c.startDue >= c.referredOn, 'startDue before referredOn'),
    otherwise: true,
    read: readReferral,
    usage: '/inzet <aanbieder> ha spic <code> verwezen <datum> [start-uiterlijk <datum>]',
    example: '/inzet "Jeugdhulp Noord" ha spic 7 verwezen 02-03-2026 start-uiterlijk 30-03-2026',
    help: {
      nl: 'Leg een verwijzing naar de hoofdaannemer vast, met SPIC en verwijsdatum.',
      en: 'Record a referral to the main provider, with SPIC and referral date.',
    },
    access: gm,
    mode: 'write',
    form: { id: 'inzet', read: readReferralForm },
    handler: (s, c) => refer(s, c),
  }),
  command({
    // Read by inzet.nieuw's reader (the role word picks it), so it has no word of its own.
    name: 'inzet.oa',
    topic: 'inzet',
    schema: z
      .object({ name: z.literal('inzet.oa'), provider: name, role: z.literal('oa'), spic: spicCode.optional(), referredOn: day, startDue: day.optional() })
      .refine((c) => c.startDue === undefined || c.startDue >= c.referredOn, 'startDue before referredOn'),
    usage: '/inzet <aanbieder> oa [spic <code>] verwezen <datum> [start-uiterlijk <datum>]',
    example: '/inzet Kompas oa verwezen 02-03-2026',
    help: {
      nl: 'Schakel een onderaannemer in. De SPIC mag ontbreken: de onderaannemer werkt onder het arrangement van de hoofdaannemer.',
      en: 'Bring in a subcontractor. The SPIC may be left out: the subcontractor works under the main provider’s arrangement.',
    },
    access: ['gezinsmanager', 'hoofdaannemer'],
    mode: 'write',
    handler: (s, c) => refer(s, c),
  }),
  command({
    // Read by inzet.nieuw's reader (the kind word picks it), so it has no word of its own.
    name: 'inzet.overig',
    topic: 'inzet',
    schema: z
      .object({ name: z.literal('inzet.overig'), provider: name, role: z.enum(helpKinds), referredOn: day, startDue: day.optional() })
      .refine((c) => c.startDue === undefined || c.startDue >= c.referredOn, 'startDue before referredOn'),
    usage: '/inzet <aanbieder> <volwassenenzorg|schuldhulp|lokaal-team|overig> verwezen <datum> [start-uiterlijk <datum>]',
    example: '/inzet Schuldhulp-Noord schuldhulp verwezen 02-03-2026',
    help: {
      nl: 'Leg hulp buiten de jeugdhulp vast waar het gezin op wacht (volwassenenzorg, schuldhulp, het lokale team of anders), zonder SPIC. De wachttijd telt zoals bij een verwijzing.',
      en: 'Record help beyond youth care the family waits for (adult care, debt help, the local team or other), without a SPIC. Its waiting time counts as a referral’s does.',
    },
    access: ['gezinsmanager', 'hoofdaannemer'],
    mode: 'write',
    handler: (s, c) => refer(s, c),
  }),
  command({
    name: 'inzet.gestart',
    topic: 'inzet',
    schema: z.object({ name: z.literal('inzet.gestart'), provider: name, date: day.optional() }),
    words: ['gestart'],
    read: readStarted,
    usage: '/inzet gestart <aanbieder> [datum]',
    example: '/inzet gestart "Jeugdhulp Noord" 16-03-2026',
    help: {
      nl: 'Meld dat de aanbieder gestart is (startgesprek gehouden).',
      en: 'Report that the provider has started (start meeting held).',
    },
    who: providersWho,
    access: providers,
    mode: 'write',
    handler: (s, c) => recordStart(s, c.provider, c.date),
  }),
  command({
    name: 'inzet.gestopt',
    topic: 'inzet',
    schema: z.object({ name: z.literal('inzet.gestopt'), provider: name, date: day.optional(), reason: optionalText }),
    words: ['gestopt'],
    read: readStopped,
    usage: '/inzet gestopt <aanbieder> [reden…]',
    example: '/inzet gestopt "Jeugdhulp Noord" Doelen behaald',
    help: {
      nl: 'Meld dat de inzet van een aanbieder gestopt is. Een datum direct na de aanbieder is de einddatum; in de toekomst kondigt die het einde aan.',
      en: 'Report that a provider has stopped. A date right after the provider is the end date; in the future it announces the end.',
    },
    who: providersWho,
    access: providers,
    mode: 'write',
    handler: (s, c) => recordStop(s, c.provider, c.reason, c.date),
  }),
  command({
    name: 'inzet.afronden',
    topic: 'inzet',
    schema: z.object({ name: z.literal('inzet.afronden'), provider: name, date: day, reason: optionalText }),
    words: ['afronden'],
    read: readFinish,
    usage: '/inzet afronden <aanbieder> <datum> [reden…]',
    example: '/inzet afronden "Jeugdhulp Noord" 30-04-2026 Doelen behaald, afschalen naar het lokale team',
    help: {
      nl: 'Leg vast dat de inzet van een aanbieder wordt afgerond, met de (geplande) einddatum.',
      en: 'Record that a provider’s work is being completed, with the (planned) end date.',
    },
    who: providersWho,
    access: providers,
    mode: 'write',
    handler: (s, c) => recordStop(s, c.provider, c.reason, c.date, true),
  }),
  command({
    name: 'inzet.wijzig',
    topic: 'inzet',
    schema: z.object({
      name: z.literal('inzet.wijzig'),
      provider: name,
      change: z.discriminatedUnion('field', [
        z.object({ field: z.literal('verwezen'), value: day }),
        z.object({ field: z.literal('start-uiterlijk'), value: day }),
        z.object({ field: z.literal('gestart'), value: day.nullable() }),
        z.object({ field: z.literal('gestopt'), value: day.nullable() }),
        z.object({ field: z.literal('spic'), value: spicCode }),
      ]),
    }),
    words: ['wijzig'],
    read: readChange,
    usage: '/inzet wijzig <aanbieder> <verwezen|start-uiterlijk|gestart|gestopt|spic> <waarde>',
    example: '/inzet wijzig "Jeugdhulp Noord" gestart 12-03-2026',
    help: {
      nl: 'Corrigeer een datum of het SPIC-profiel van een verwijzing (gestart nee of gestopt nee: nog niet gestart of gestopt). De kaart, de wachttijd en de termijnen volgen de correctie.',
      en: 'Correct a date or the SPIC profile of a referral (gestart nee or gestopt nee: not started or stopped yet). The card, the waiting time and the deadlines follow the correction.',
    },
    who: { nl: 'gezinsmanager; de start en het einde ook medewerkers van die aanbieder', en: 'family manager; the start and the end also that provider’s workers' },
    access: providers,
    mode: 'write',
    handler: (s, c) => changeReferral(s, c.provider, c.change),
  }),
  command({
    name: 'inzet.formulier',
    topic: 'inzet',
    schema: z.object({ name: z.literal('inzet.formulier') }),
    bare: true,
    aliases: ['formulier'],
    read: alone('inzet.formulier'),
    usage: '/inzet',
    example: '/inzet',
    help: {
      nl: 'Open het formulier voor een verwijzing.',
      en: 'Open the form for a referral.',
    },
    access: gm,
    mode: 'read',
    handler: async () => ({ form: referralForm() }),
  }),
] as const;

/**
 * The referral form's fields, with the typed command's checks and texts. The
 * provider is taken as entered: quotes or keywords in it are part of the name.
 */
function readReferralForm(values: Record<string, string>, today: Day): FormRead {
  const provider = (values.aanbieder ?? '').replace(/\s+/g, ' ').trim();
  const t = texts();
  if (!provider) return { ok: false, field: 'aanbieder', error: t.formMissingProvider };
  if (charCount(provider) > MAX_NAME) return { ok: false, field: 'aanbieder', error: say().nameTooLong(charCount(provider), MAX_NAME) };
  const rol = (values.rol ?? '').trim();
  const role = referralRoleWords.get(rol.toLowerCase());
  if (!role) return { ok: false, field: 'rol', error: t.formBadRole };
  const code = (values.spic ?? '').trim();
  // An onderaannemer may work under the hoofdaannemer's arrangement, without a SPIC of its own.
  if (!code && role === 'ha') return { ok: false, field: 'spic', error: t.formMissingSpic };
  const spic = code ? parseSpic(code) : undefined;
  if (spic === null) return { ok: false, field: 'spic', error: say().badSpic(code) };
  const verwezen = (values.verwezen ?? '').trim();
  if (!verwezen) return { ok: false, field: 'verwezen', error: t.formMissingReferred };
  const referredOn = parseDay(verwezen, today);
  if (!referredOn) return { ok: false, field: 'verwezen', error: say().badDate(verwezen) };
  const due = (values['start-uiterlijk'] ?? '').trim();
  const startDue = due ? parseDay(due, today) : undefined;
  if (startDue === null) return { ok: false, field: 'start-uiterlijk', error: say().badDate(due) };
  if (startDue && startDue < referredOn) return { ok: false, field: 'start-uiterlijk', error: say().startBeforeReferral(formatDay(startDue), formatDay(referredOn)) };
  return { ok: true, fields: { provider, role, ...(spic ? { spic } : {}), referredOn, ...(startDue ? { startDue } : {}) } };
}
