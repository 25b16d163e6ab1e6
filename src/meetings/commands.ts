import { z } from 'zod';
import { commandsWith, day, optionalText, text, userId, type FormRead } from '../kernel/command.js';
import { resultStatuses, type Day } from '../commands/types.js';
import type { Scope } from '../kernel/scope.js';
import { readCancel, readHeld, readMeetingForm, readMove, readPlanned, readRhythm } from './grammar.js';
import { FORM_AGREEMENTS, meetingFormReviews } from './form.js';
import { agenda, cancelMeeting, meetingForm, moveMeeting, planMeeting, recordMeeting, setRhythm } from './service.js';

// The /overleg commands (src/kernel/command.ts says what an entry holds).

const command = commandsWith<Scope>();
const gm = ['gezinsmanager'] as const;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const commands = [
  command({
    name: 'overleg.gepland',
    topic: 'overleg',
    schema: z.object({ name: z.literal('overleg.gepland'), date: day, time: time.optional() }),
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
    // And agreements made at the table: who, by when, what.
    agreements: z.array(z.object({ ownerId: userId, dueOn: day, text })).max(FORM_AGREEMENTS).optional(),
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
    handler: (s, c) => recordMeeting(s, c.decisions, c.date, c.reviews, c.agreements),
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
    name: 'overleg.verzet',
    topic: 'overleg',
    schema: z.object({ name: z.literal('overleg.verzet'), date: day, newDate: day, time: time.optional() }),
    words: ['verzet'],
    read: readMove,
    usage: '/overleg verzet <datum> <nieuwe-datum> [tijd]',
    example: '/overleg verzet 14-04-2026 21-04-2026 10:30',
    help: {
      nl: 'Verzet een gepland overleg naar een andere dag. Zonder tijd houdt het de tijd die het had.',
      en: 'Move a planned meeting to another day. Without a time it keeps the time it had.',
    },
    access: gm,
    mode: 'write',
    handler: (s, c) => moveMeeting(s, c.date, c.newDate, c.time),
  }),
  command({
    name: 'overleg.afgezegd',
    topic: 'overleg',
    schema: z.object({ name: z.literal('overleg.afgezegd'), date: day, reason: optionalText }),
    words: ['afgezegd'],
    read: readCancel,
    usage: '/overleg afgezegd <datum> [reden…]',
    example: '/overleg afgezegd 14-04-2026 School is die dag dicht',
    help: {
      nl: 'Zeg een gepland overleg af. Het ritme telt dan weer vanaf het vorige gehouden overleg.',
      en: 'Cancel a planned meeting. The rhythm then counts from the previous meeting held again.',
    },
    access: gm,
    mode: 'write',
    handler: (s, c) => cancelMeeting(s, c.date, c.reason),
  }),
  command({
    name: 'overleg.ritme',
    topic: 'overleg',
    schema: z.object({ name: z.literal('overleg.ritme'), weeks: z.number().int().min(2).max(12) }),
    words: ['ritme'],
    read: readRhythm,
    usage: '/overleg ritme <weken>',
    example: '/overleg ritme 4',
    help: {
      nl: 'Stel in om de hoeveel weken (2 tot 12) het overleg van deze casus is; zonder instelling zes weken.',
      en: 'Set how many weeks (2 to 12) apart this case’s meetings are; six weeks unless set.',
    },
    access: gm,
    mode: 'write',
    handler: (s, c) => setRhythm(s, c.weeks),
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
  if (!form.ok) return form;
  return { ok: true, fields: { date: form.date, decisions: form.decisions, reviews: form.reviews, ...(form.agreements ? { agreements: form.agreements } : {}) } };
}
