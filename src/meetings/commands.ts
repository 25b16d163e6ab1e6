import { z } from 'zod';
import { commandsWith, day, optionalText, text, type FormRead } from '../kernel/command.js';
import { resultStatuses, type Day } from '../commands/types.js';
import type { Scope } from '../kernel/scope.js';
import { readHeld, readMeetingForm, readPlanned } from './grammar.js';
import { meetingFormReviews } from './form.js';
import { agenda, meetingForm, planMeeting, recordMeeting } from './service.js';

// The /overleg commands (src/kernel/command.ts says what an entry holds).

const command = commandsWith<Scope>();
const gm = ['gezinsmanager'] as const;

export const commands = [
  command({
    name: 'overleg.gepland',
    topic: 'overleg',
    schema: z.object({ name: z.literal('overleg.gepland'), date: day, time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional() }),
    words: ['gepland'],
    read: readPlanned,
    usage: '/overleg gepland <datum> [tijd]',
    example: '/overleg gepland 14-04-2026 10:30',
    help: {
      nl: 'Plan het uitvoerdersoverleg.',
      en: 'Schedule the executors’ meeting.',
    },
    access: gm,
    mode: 'write',
    handler: (s, c) => planMeeting(s, c.date, c.time),
  }),
  command({
    name: 'overleg.gehouden',
    topic: 'overleg',
    schema: z.object({
    name: z.literal('overleg.gehouden'),
    date: day.optional(),
    decisions: text,
    // Only the review form fills these in: status and note per result.
    reviews: z.array(z.object({ number: z.number().int().min(0), status: z.enum(resultStatuses).optional(), note: optionalText })).optional(),
  }),
    words: ['gehouden'],
    read: readHeld,
    usage: '/overleg gehouden [datum] <besluiten…>',
    example: '/overleg gehouden vandaag Aanbieder start gezinsbegeleiding, evaluatie over zes weken',
    help: {
      nl: 'Leg een gehouden overleg en de besluiten vast.',
      en: 'Record a meeting that was held and its decisions.',
    },
    access: gm,
    mode: 'write',
    form: { id: 'overleg', read: readReviewForm },
    handler: (s, c) => recordMeeting(s, c.decisions, c.date, c.reviews),
  }),
  command({
    name: 'overleg.formulier',
    topic: 'overleg',
    schema: z.object({ name: z.literal('overleg.formulier'), date: day.optional() }),
    // `gehouden [datum]` with no decisions reads as this too (readHeld).
    aliases: ['formulier'],
    read: readMeetingForm,
    usage: '/overleg gehouden [datum]',
    example: '/overleg gehouden vandaag',
    help: {
      nl: 'Open het formulier om een gehouden overleg vast te leggen, resultaat voor resultaat.',
      en: 'Open the form to record a meeting that was held, result by result.',
    },
    access: gm,
    mode: 'read',
    handler: async (s, c) => ({ form: await meetingForm(s, c.date) }),
  }),
  command({
    name: 'overleg.agenda',
    topic: 'overleg',
    schema: z.object({ name: z.literal('overleg.agenda') }),
    words: ['agenda'],
    usage: '/overleg agenda',
    example: '/overleg agenda',
    help: {
      nl: 'Toon de agenda voor het volgende overleg.',
      en: 'Show the agenda for the next meeting.',
    },
    access: 'member',
    mode: 'read',
    handler: (s) => agenda(s),
  }),
] as const;

/** The review form: decisions, and a status and note per result. */
function readReviewForm(values: Record<string, string>, today: Day): FormRead {
  const form = meetingFormReviews(values, today);
  return form.ok ? { ok: true, fields: { date: form.date, decisions: form.decisions, reviews: form.reviews } } : form;
}
