import { z } from 'zod';
import { commandsWith, number, optionalText, text } from '../kernel/command.js';
import { resultStatuses } from '../commands/types.js';
import type { Scope } from '../kernel/scope.js';
import { readNew, readProgress } from './grammar.js';
import { addResult, listResults, progress } from './service.js';

// The /resultaat commands (src/kernel/command.ts says what an entry holds).

const command = commandsWith<Scope>();
const gm = ['gezinsmanager'] as const;
const gmOrMain = ['gezinsmanager', 'hoofdaannemer'] as const;

export const commands = [
  command({
    name: 'resultaat.nieuw',
    topic: 'resultaat',
    schema: z.object({ name: z.literal('resultaat.nieuw'), text }),
    words: ['nieuw'],
    read: readNew,
    usage: '/resultaat nieuw <tekst…>',
    example: '/resultaat nieuw De kinderen gaan elke schooldag naar school',
    help: {
      nl: 'Leg een beoogd resultaat van het plan vast; het krijgt een nummer (R-1, R-2, …).',
      en: 'Record an intended result of the plan; it gets a number (R-1, R-2, …).',
    },
    access: gm,
    mode: 'write',
    handler: (s, c) => addResult(s, c.text),
  }),
  command({
    name: 'resultaat.voortgang',
    topic: 'resultaat',
    schema: z.object({ name: z.literal('resultaat.voortgang'), number, status: z.enum(resultStatuses), note: optionalText }),
    words: ['voortgang'],
    read: readProgress,
    usage: '/resultaat voortgang <R-n> <op-koers|achter|behaald|vervallen> [toelichting…]',
    example: '/resultaat voortgang R-1 achter Nog twee dagen verzuim per week',
    help: {
      nl: 'Geef de voortgang van een resultaat: op koers, achter, behaald of vervallen.',
      en: 'Report the progress of a result: on track, behind, achieved or dropped.',
    },
    access: gmOrMain,
    mode: 'write',
    handler: (s, c) => progress(s, c.number, c.status, c.note),
  }),
  command({
    name: 'resultaat.lijst',
    topic: 'resultaat',
    schema: z.object({ name: z.literal('resultaat.lijst') }),
    words: ['lijst'],
    bare: true,
    usage: '/resultaat lijst',
    example: '/resultaat lijst',
    help: {
      nl: 'Toon de resultaten en hun voortgang (ook: /resultaat).',
      en: 'Show the results and their progress (also: /resultaat).',
    },
    access: 'member',
    mode: 'read',
    handler: (s) => listResults(s),
  }),
] as const;
