import { z } from 'zod';
import { commandsWith, day, displayName, number, optionalText, text, userId } from '../kernel/command.js';
import type { Scope } from '../kernel/scope.js';
import { readAgreement, readDone } from './grammar.js';
import { addAgreement, completeAgreement, listAgreements } from './service.js';

// The /afspraak commands (src/kernel/command.ts says what an entry holds).

const command = commandsWith<Scope>();
const gmOrMain = ['gezinsmanager', 'hoofdaannemer'] as const;

export const commands = [
  command({
    name: 'afspraak.nieuw',
    topic: 'afspraak',
    schema: z.object({ name: z.literal('afspraak.nieuw'), userId, displayName, date: day, text }),
    otherwise: true,
    read: readAgreement,
    usage: '/afspraak <@wie> <datum> <tekst…>',
    example: '/afspraak @Joris 15-12-2026 belt de school over het verzuim (R-1)',
    help: {
      nl: 'Leg een afspraak vast: wie doet wat, uiterlijk wanneer. Ze krijgt een nummer (A-1, A-2, …); noem R-n om haar aan dat resultaat te koppelen.',
      en: 'Record an agreement: who does what, by when. It gets a number (A-1, A-2, …); name R-n to link it to that result.',
    },
    access: gmOrMain,
    mode: 'write',
    handler: (s, c) => addAgreement(s, { ownerId: c.userId, ...(c.displayName ? { ownerLabel: c.displayName } : {}), dueOn: c.date, text: c.text }),
  }),
  command({
    name: 'afspraak.klaar',
    topic: 'afspraak',
    schema: z.object({ name: z.literal('afspraak.klaar'), number, note: optionalText }),
    words: ['klaar'],
    read: readDone,
    usage: '/afspraak klaar <A-n> [toelichting…]',
    example: '/afspraak klaar A-1 school is gebeld, gesprek staat',
    help: {
      nl: 'Vink een afspraak af als die is nagekomen.',
      en: 'Tick off an agreement that was kept.',
    },
    who: { nl: 'de eigenaar van de afspraak, gezinsmanager, hoofdaannemer', en: 'the agreement’s owner, family manager, main provider' },
    // Who owns the agreement is in the record: the service refines "member".
    access: 'member',
    mode: 'write',
    handler: (s, c) => completeAgreement(s, c.number, c.note),
  }),
  command({
    name: 'afspraak.lijst',
    topic: 'afspraak',
    schema: z.object({ name: z.literal('afspraak.lijst') }),
    words: ['lijst'],
    bare: true,
    usage: '/afspraak lijst',
    example: '/afspraak lijst',
    help: {
      nl: 'Toon de afspraken: wie, wat, uiterlijk wanneer, en of ze zijn nagekomen (ook: /afspraak).',
      en: 'Show the agreements: who, what, by when, and whether they were kept (also: /afspraak).',
    },
    access: 'member',
    mode: 'read',
    handler: (s) => listAgreements(s),
  }),
] as const;
