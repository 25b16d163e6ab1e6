import { z } from 'zod';
import { roles } from '../actors.js';
import { bounded, caseCode, commandsWith, displayName, name, optionalText, userId } from '../kernel/command.js';
import { MAX_TITLE } from '../commands/tokens.js';
import { consents, phases } from '../commands/types.js';
import { answer } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';
import type { Reply } from '../kernel/message.js';
import { closureCheck, confirmClosure } from './closure.js';
import { exportCase } from './export.js';
import { readClose, readConsent, readHandover, readLink, readMember, readNew, readPhase, readRemoval, readTeam } from './grammar.js';
import { handOver } from '../cases/handover.js';
import { texts } from '../cases/messages.js';
import { addMember, caseInfo, recordConsent, removeMember, setPhase, setTeam, timeline } from './service.js';

// The /casus commands (src/kernel/command.ts says what an entry holds).

const command = commandsWith<Scope>();
const gm = ['gezinsmanager'] as const;

export const commands = [
  command({
    name: 'casus.nieuw',
    topic: 'casus',
    schema: z.object({ name: z.literal('casus.nieuw'), code: caseCode, title: bounded(MAX_TITLE).optional() }),
    words: ['nieuw'],
    read: readNew,
    usage: '/casus nieuw <code> [titel…]',
    example: '/casus nieuw AMS-2041 Intensief traject',
    help: {
      nl: 'Maak een casus aan met een pseudonieme code met minstens één cijfer (AMS-2041), nooit een naam; jij wordt de gezinsmanager.',
      en: 'Create a case with a pseudonymous code holding at least one digit (AMS-2041), never a name; you become its family manager.',
    },
    who: { nl: 'iedereen (wordt de gezinsmanager van de casus)', en: 'anyone (becomes the case’s family manager)' },
    access: 'anyone',
    mode: 'outside',
    handler: (env, c) => env.newCase(c.code, c.title),
  }),
  command({
    name: 'casus.koppel',
    topic: 'casus',
    schema: z.object({ name: z.literal('casus.koppel'), code: caseCode }),
    words: ['koppel'],
    read: readLink,
    usage: '/casus koppel <code>',
    example: '/casus koppel AMS-2041',
    help: {
      nl: 'Koppel dit privékanaal aan een bestaande casus.',
      en: 'Link this private channel to an existing case.',
    },
    who: { nl: 'de gezinsmanager van die casus, of bij een nieuwe casus; alleen in een privékanaal', en: 'the family manager of that case, or a new case; private channels only' },
    // Refined in linkCase: the case's gezinsmanager, or a new case.
    access: 'anyone',
    mode: 'outside',
    handler: (env, c) => env.linkHere(c.code),
  }),
  command({
    name: 'casus.info',
    topic: 'casus',
    schema: z.object({ name: z.literal('casus.info') }),
    words: ['info'],
    bare: true,
    usage: '/casus info',
    example: '/casus info',
    help: {
      nl: 'Toon de casuskaart: fase, regie, leden, open signalen.',
      en: 'Show the case card: phase, who holds regie, members, open signals.',
    },
    access: 'member',
    mode: 'read',
    handler: (s) => caseInfo(s),
  }),
  command({
    name: 'casus.tijdlijn',
    topic: 'casus',
    schema: z.object({ name: z.literal('casus.tijdlijn') }),
    words: ['tijdlijn'],
    usage: '/casus tijdlijn',
    example: '/casus tijdlijn',
    help: {
      nl: 'Toon wat er in de casus gebeurd is.',
      en: 'Show what happened in the case.',
    },
    access: 'member',
    mode: 'read',
    handler: (s) => timeline(s),
  }),
  command({
    name: 'casus.lid',
    topic: 'casus',
    schema: z.object({ name: z.literal('casus.lid'), userId, displayName, role: z.enum(roles), provider: name.optional() }),
    words: ['lid'],
    read: readMember,
    usage: '/casus lid <@gebruiker> <rol> [aanbieder…]',
    example: '/casus lid @Noor hulpverlener Horizon',
    help: {
      nl: 'Voeg iemand met een rol toe aan de casus. Een medewerker van een aanbieder krijgt die aanbieder erbij (verplicht voor een hulpverlener); die mag de start en het einde van de inzet van die aanbieder vastleggen.',
      en: 'Add someone with a role to the case. A provider’s worker gets that provider (required for a hulpverlener); they may record the start and end of that provider’s help.',
    },
    access: gm,
    mode: 'write',
    membership: 'invite',
    handler: (s, c) => addMember(s, c.userId, c.displayName, c.role, c.provider),
  }),
  command({
    name: 'casus.verwijder',
    topic: 'casus',
    schema: z.object({ name: z.literal('casus.verwijder'), userId, displayName }),
    words: ['verwijder'],
    aliases: ['verwijderen'],
    read: readRemoval,
    usage: '/casus verwijder <@gebruiker>',
    example: '/casus verwijder @Sanne',
    help: {
      nl: 'Haal iemand uit de casus (ook: /casus lid <@gebruiker> weg).',
      en: 'Remove someone from the case (also: /casus lid <@gebruiker> weg).',
    },
    access: gm,
    mode: 'write',
    membership: 'remove',
    handler: (s, c, platform) => removeMember(s, c.userId, platform.manualRemoval),
  }),
  command({
    name: 'casus.overdragen',
    topic: 'casus',
    schema: z.object({ name: z.literal('casus.overdragen'), userId, displayName }),
    words: ['overdragen'],
    aliases: ['overdracht'],
    read: readHandover,
    usage: '/casus overdragen <@gebruiker>',
    example: '/casus overdragen @Ilse',
    help: {
      nl: 'Draag de casus over: die persoon wordt de gezinsmanager en houdt de regie op veiligheid. De vorige blijft in de tijdlijn.',
      en: 'Hand the case over: that person becomes the family manager and holds regie op veiligheid. The former one stays in the timeline.',
    },
    access: ['gezinsmanager', 'teamleider'],
    mode: 'write',
    membership: 'invite',
    handler: (s, c) => handOver(s, c.userId, c.displayName),
  }),
  command({
    name: 'casus.fase',
    topic: 'casus',
    schema: z.object({ name: z.literal('casus.fase'), phase: z.enum(phases) }),
    words: ['fase'],
    read: readPhase,
    usage: '/casus fase <verbinden|ondersteunen|borgen>',
    example: '/casus fase ondersteunen',
    help: {
      nl: 'Zet de fase van de casus.',
      en: 'Set the phase of the case.',
    },
    access: gm,
    mode: 'write',
    handler: (s, c) => setPhase(s, c.phase),
  }),
  command({
    name: 'casus.team',
    topic: 'casus',
    schema: z.object({ name: z.literal('casus.team'), team: name }),
    words: ['team'],
    read: readTeam,
    usage: '/casus team <teamnaam>',
    example: '/casus team Basisteam Noord',
    help: {
      nl: 'Koppel de casus aan een basisteam.',
      en: 'Link the case to a basisteam.',
    },
    access: gm,
    mode: 'write',
    handler: (s, c) => setTeam(s, c.team),
  }),
  command({
    name: 'casus.toestemming',
    topic: 'casus',
    schema: z.object({ name: z.literal('casus.toestemming'), consent: z.enum(consents), note: optionalText }),
    words: ['toestemming'],
    read: readConsent,
    usage: '/casus toestemming <ja|nee|deels> [toelichting…]',
    example: '/casus toestemming deels niet delen met school',
    help: {
      nl: 'Leg vast of het gezin toestemming gaf om informatie te delen, met de datum van vandaag. De casuskaart toont het.',
      en: 'Record whether the family consented to sharing information, dated today. The case card shows it.',
    },
    access: gm,
    mode: 'write',
    handler: (s, c) => recordConsent(s, c.consent, c.note),
  }),
  command({
    name: 'casus.afsluiten',
    topic: 'casus',
    schema: z.object({ name: z.literal('casus.afsluiten'), reason: optionalText, confirm: z.boolean().optional() }),
    words: ['afsluiten'],
    aliases: ['sluiten'],
    read: readClose,
    usage: '/casus afsluiten [reden…]',
    example: '/casus afsluiten Borgingsplan overgedragen aan het lokale team',
    help: {
      nl: 'Toon de borgingscheck voor het afsluiten; /casus afsluiten bevestig [reden…] sluit de casus echt af.',
      en: 'Show the borging check before closing; /casus afsluiten bevestig [reden…] really closes the case.',
    },
    access: gm,
    mode: 'write',
    handler: (s, c) => (c.confirm ? confirmClosure(s, c.reason) : closureCheck(s, c.reason)),
  }),
  command({
    name: 'casus.export',
    topic: 'casus',
    schema: z.object({ name: z.literal('casus.export') }),
    words: ['export'],
    usage: '/casus export',
    example: '/casus export',
    help: {
      nl: 'Exporteer de casus (voor het dossier).',
      en: 'Export the case (for the file).',
    },
    access: gm,
    mode: 'post',
    handler: (s) => exportToChannel(s),
  }),
] as const;

/** The dossier export goes into the case channel as a file; the card stays as it is. */
async function exportToChannel(s: Scope): Promise<Reply> {
  const t = texts();
  const file = await exportCase(s.tx, s.kase, s.now);
  await s.post({ title: t.exportTitle(s.kase.code), text: t.exportText, attachment: { ...file, mimeType: 'text/markdown' }, tone: 'info' });
  await s.audit('casus.geexporteerd', s.kase.code);
  return answer({ title: t.exportDone(file.filename), tone: 'success' });
}
