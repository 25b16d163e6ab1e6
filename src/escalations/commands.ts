import { z } from 'zod';
import { commandsWith, number, optionalText, text } from '../kernel/command.js';
import { escalationBodies, escalationTopics } from '../commands/types.js';
import type { Scope } from '../kernel/scope.js';
import { readDecision, readEscalation, readForward } from './grammar.js';
import { decide, escalate, forward, listEscalations } from './service.js';

// The /escalatie commands (src/kernel/command.ts says what an entry holds).

const command = commandsWith<Scope>();
const gmOrMain = ['gezinsmanager', 'hoofdaannemer'] as const;

export const commands = [
  command({
    name: 'escalatie.nieuw',
    topic: 'escalatie',
    schema: z.object({ name: z.literal('escalatie.nieuw'), topic: z.enum(escalationTopics), text }),
    otherwise: true,
    read: readEscalation,
    usage: '/escalatie <onderwerp…>',
    example: '/escalatie hulp De aanbieder kan pas over acht weken starten, dat is te laat voor het gezin',
    help: {
      nl: 'Leg een meningsverschil voor aan de teamleider. Begin eventueel met het onderwerp: spic, hulp, afsluiting of anders.',
      en: 'Put a disagreement to the team leader. Optionally start with the topic: spic, hulp, afsluiting or anders.',
    },
    access: gmOrMain,
    mode: 'write',
    handler: (s, c) => escalate(s, c.topic, c.text),
  }),
  command({
    name: 'escalatie.doorzetten',
    topic: 'escalatie',
    schema: z.object({ name: z.literal('escalatie.doorzetten'), number, body: z.enum(escalationBodies), note: optionalText }),
    words: ['doorzetten'],
    aliases: ['doorgezet'],
    read: readForward,
    usage: '/escalatie doorzetten <E-n> <escalatietafel|zorgbemiddeling|deskundige|anders> [toelichting…]',
    example: '/escalatie doorzetten E-2 escalatietafel Geen overeenstemming over de SPIC',
    help: {
      nl: 'Leg vast dat een escalatie verder is gegaan dan het team, en naar wie. Het besluit van die partij leg je daarna vast met /escalatie besluit.',
      en: 'Record that an escalation went beyond the team, and to whom. Record that body’s decision afterwards with /escalatie besluit.',
    },
    access: ['gezinsmanager', 'teamleider'],
    mode: 'write',
    handler: (s, c) => forward(s, c.number, c.body, c.note),
  }),
  command({
    name: 'escalatie.besluit',
    topic: 'escalatie',
    schema: z.object({ name: z.literal('escalatie.besluit'), number, decision: text }),
    words: ['besluit'],
    read: readDecision,
    usage: '/escalatie besluit <E-n> <besluit…>',
    example: '/escalatie besluit E-2 Het basisteam overbrugt tot de start van de aanbieder',
    help: {
      nl: 'Leg het besluit over een escalatie vast: dat van de teamleider, of na doorzetten dat van de partij waar de escalatie ligt.',
      en: 'Record the decision on an escalation: the team leader’s, or after doorzetten that of the body it went to.',
    },
    who: {
      nl: 'teamleider; na /escalatie doorzetten ook de gezinsmanager',
      en: 'team leader; after /escalatie doorzetten the family manager too',
    },
    // Refined in decide: the gezinsmanager only records an outside body's decision.
    access: ['gezinsmanager', 'teamleider'],
    mode: 'write',
    handler: (s, c) => decide(s, c.number, c.decision),
  }),
  command({
    name: 'escalatie.lijst',
    topic: 'escalatie',
    schema: z.object({ name: z.literal('escalatie.lijst') }),
    words: ['lijst'],
    usage: '/escalatie lijst',
    example: '/escalatie lijst',
    help: {
      nl: 'Toon de escalaties en hun besluiten.',
      en: 'Show the escalations and their decisions.',
    },
    access: 'member',
    mode: 'read',
    handler: (s) => listEscalations(s),
  }),
] as const;
