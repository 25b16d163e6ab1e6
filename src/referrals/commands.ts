import { z } from 'zod';
import { formatDay } from '../clock.js';
import { parseDay } from '../commands/dates.js';
import { commandsWith, day, name, optionalText, type FormRead } from '../kernel/command.js';
import { say } from '../commands/messages.js';
import { charCount, MAX_NAME, parseSpic, referralRoleWords } from '../commands/tokens.js';
import { referralRoles, type Day } from '../commands/types.js';
import type { Scope } from '../kernel/scope.js';
import { recordStart, recordStop, refer, referralForm } from './service.js';

// The /inzet commands (src/kernel/command.ts says what an entry holds).

const command = commandsWith<Scope>();
const gm = ['gezinsmanager'] as const;
const providers = ['gezinsmanager', 'hoofdaannemer', 'onderaannemer'] as const;

export const commands = [
  command({
    name: 'inzet.nieuw',
    topic: 'inzet',
    schema: z
    .object({
      name: z.literal('inzet.nieuw'),
      provider: name,
      role: z.enum(referralRoles),
      spic: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,15}$/),
      referredOn: day,
      startDue: day.optional(),
    })
    // 'yyyy-mm-dd' compares correctly as a string.
    .refine((c) => c.startDue === undefined || c.startDue >= c.referredOn, 'startDue before referredOn'),
    usage: '/inzet <aanbieder> <ha|oa> spic <code> verwezen <datum> [start-uiterlijk <datum>]',
    example: '/inzet "Jeugdhulp Noord" ha spic 11 verwezen 02-03-2026 start-uiterlijk 30-03-2026',
    help: {
      nl: 'Leg een verwijzing naar een aanbieder vast, met SPIC en verwijsdatum.',
      en: 'Record a referral to a provider, with SPIC and referral date.',
    },
    who: { nl: 'gezinsmanager', en: 'family manager' },
    access: gm,
    mode: 'write',
    form: { id: 'inzet', read: readReferralForm },
    handler: (s, c) => refer(s, c),
  }),
  command({
    name: 'inzet.gestart',
    topic: 'inzet',
    schema: z.object({ name: z.literal('inzet.gestart'), provider: name, date: day.optional() }),
    usage: '/inzet gestart <aanbieder> [datum]',
    example: '/inzet gestart "Jeugdhulp Noord" 16-03-2026',
    help: {
      nl: 'Meld dat de aanbieder gestart is (startgesprek gehouden).',
      en: 'Report that the provider has started (start meeting held).',
    },
    who: { nl: 'gezinsmanager, medewerkers van die aanbieder', en: 'family manager, that provider’s workers' },
    access: providers,
    mode: 'write',
    handler: (s, c) => recordStart(s, c.provider, c.date),
  }),
  command({
    name: 'inzet.gestopt',
    topic: 'inzet',
    schema: z.object({ name: z.literal('inzet.gestopt'), provider: name, date: day.optional(), reason: optionalText }),
    usage: '/inzet gestopt <aanbieder> [reden…]',
    example: '/inzet gestopt "Jeugdhulp Noord" Doelen behaald',
    help: {
      nl: 'Meld dat de inzet van een aanbieder gestopt is. Een datum direct na de aanbieder is de einddatum; in de toekomst kondigt die het einde aan.',
      en: 'Report that a provider has stopped. A date right after the provider is the end date; in the future it announces the end.',
    },
    who: { nl: 'gezinsmanager, medewerkers van die aanbieder', en: 'family manager, that provider’s workers' },
    access: providers,
    mode: 'write',
    handler: (s, c) => recordStop(s, c.provider, c.reason, c.date),
  }),
  command({
    name: 'inzet.afronden',
    topic: 'inzet',
    schema: z.object({ name: z.literal('inzet.afronden'), provider: name, date: day, reason: optionalText }),
    usage: '/inzet afronden <aanbieder> <datum> [reden…]',
    example: '/inzet afronden "Jeugdhulp Noord" 30-04-2026 Doelen behaald, afschalen naar het lokale team',
    help: {
      nl: 'Leg vast dat de inzet van een aanbieder wordt afgerond, met de (geplande) einddatum.',
      en: 'Record that a provider’s work is being completed, with the (planned) end date.',
    },
    who: { nl: 'gezinsmanager, medewerkers van die aanbieder', en: 'family manager, that provider’s workers' },
    access: providers,
    mode: 'write',
    handler: (s, c) => recordStop(s, c.provider, c.reason, c.date),
  }),
  command({
    name: 'inzet.formulier',
    topic: 'inzet',
    schema: z.object({ name: z.literal('inzet.formulier') }),
    usage: '/inzet',
    example: '/inzet',
    help: {
      nl: 'Open het formulier voor een verwijzing.',
      en: 'Open the form for a referral.',
    },
    who: { nl: 'gezinsmanager', en: 'family manager' },
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
  if (!provider) return { ok: false, error: say().missingProvider, field: 'aanbieder' };
  if (charCount(provider) > MAX_NAME) return { ok: false, error: say().nameTooLong(charCount(provider), MAX_NAME), field: 'aanbieder' };
  const rol = (values.rol ?? '').trim();
  const role = referralRoleWords.get(rol.toLowerCase());
  if (!role) return { ok: false, error: say().badReferralRole(rol), field: 'rol' };
  const code = (values.spic ?? '').trim();
  if (!code) return { ok: false, error: say().missingSpicCode, field: 'spic' };
  const spic = parseSpic(code);
  if (!spic) return { ok: false, error: say().badSpic(code), field: 'spic' };
  const verwezen = (values.verwezen ?? '').trim();
  if (!verwezen) return { ok: false, error: say().missingReferred, field: 'verwezen' };
  const referredOn = parseDay(verwezen, today);
  if (!referredOn) return { ok: false, error: say().badDate(verwezen), field: 'verwezen' };
  const due = (values['start-uiterlijk'] ?? '').trim();
  const startDue = due ? parseDay(due, today) : undefined;
  if (startDue === null) return { ok: false, error: say().badDate(due), field: 'start-uiterlijk' };
  if (startDue && startDue < referredOn) return { ok: false, error: say().startBeforeReferral(formatDay(startDue), formatDay(referredOn)), field: 'start-uiterlijk' };
  return { ok: true, fields: { provider, role, spic, referredOn, ...(startDue ? { startDue } : {}) } };
}
