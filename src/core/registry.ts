import { z } from 'zod';
import { commands as agreementCommands } from '../agreements/commands.js';
import { commands as teamCommands } from '../basisteams/commands.js';
import { commands as caseCommands } from '../casefile/commands.js';
import { fail } from '../commands/args.js';
import { say } from '../commands/messages.js';
import { topicWords } from '../commands/tokens.js';
import { commandsWith, type Entry } from '../kernel/command.js';
import { topics, type Topic } from '../commands/types.js';
import { commands as digestCommands } from '../digests/commands.js';
import { commands as escalationCommands } from '../escalations/commands.js';
import { words } from '../commands/words.js';
import { catalog, getLocale } from '../i18n/index.js';
import { commands as meetingCommands } from '../meetings/commands.js';
import type { FormId } from '../kernel/message.js';
import { commands as referralCommands } from '../referrals/commands.js';
import { commands as resultCommands } from '../results/commands.js';
import { commands as safetyCommands } from '../safety/commands.js';
import { commands as signalCommands } from '../signals/commands.js';
import { answer } from '../kernel/replies.js';
import type { Scope } from '../kernel/scope.js';

// The command registry: every command of the language (shared/COMMANDS.md),
// one entry each, in the folder of its concept. The parser, /help, the access
// check, the forms and the dispatcher all read it from here. Adding a command
// is an entry in `<concept>/commands.ts`, its handler and its texts.

const help = commandsWith<never>()({
  name: 'help',
  topic: 'help',
  schema: z.object({ name: z.literal('help'), topic: z.string().min(1).optional() }),
  otherwise: true,
  read: (a) => {
    const t = a.at(0);
    // Extra words are forgiven: "/help signaal bevestig" still helps.
    if (!t) return { name: 'help' };
    const topic = topicWords.get(t.word.replace(/^\//, ''));
    if (topic) return { name: 'help', topic };
    return fail(say().unknownHelpTopic(t.text), 'help');
  },
  usage: '/help [commando]',
  example: '/help signaal',
  help: {
    nl: 'Toon de commando’s, of de vormen van één commando.',
    en: 'Show the commands, or the forms of one command.',
  },
  access: 'anyone',
  mode: 'outside',
  handler: async (_env, c) => {
    const h = helpText(c.topic);
    return answer({ title: h.title, lines: h.lines });
  },
});

/** In the order of COMMANDS.md: /help lists them so, and a topic error quotes them back so. */
export const registry = [
  ...caseCommands,
  ...signalCommands,
  ...safetyCommands,
  ...referralCommands,
  ...meetingCommands,
  ...resultCommands,
  ...agreementCommands,
  ...escalationCommands,
  ...teamCommands,
  ...digestCommands,
  help,
] as const;

/** Every command of the command language, typed: what the parser and the forms hand the core. */
export type Command = z.infer<(typeof registry)[number]['schema']>;
export type CommandName = Command['name'];

/** A last check that the parser and the forms only ever hand the core what it can trust. */
export const commandSchema = z.union(registry.map((e) => e.schema) as unknown as [z.ZodType<Command>, ...Array<z.ZodType<Command>>]) as z.ZodType<Command>;

/** Entries by name; a case command's handler gets the case's Scope. */
export type AnyEntry = Entry<z.ZodType<{ name: string }>, Scope>;
const byName = new Map<string, AnyEntry>(registry.map((e) => [e.name, e as unknown as AnyEntry]));

export function entryOf(name: CommandName): AnyEntry {
  const entry = byName.get(name);
  if (!entry) throw new Error(`no registry entry for ${name}`);
  return entry;
}

/** The entry whose fields a submitted form fills in. */
export function formEntry(id: FormId): AnyEntry | undefined {
  return registry.find((e) => 'form' in e && e.form?.id === id) as AnyEntry | undefined;
}

export function usageOf(name: CommandName): string {
  return entryOf(name).usage;
}

function isTopic(word: string): word is Topic {
  return (topics as readonly string[]).includes(word);
}

/** Every form of one topic, in the order of COMMANDS.md. */
export function topicUsage(topic: Topic): string[] {
  return registry.filter((r) => r.topic === topic).map((r) => r.usage);
}

/** The entries of one topic, in registry order: the parser picks among them by their words. */
export function topicEntries(topic: Topic): AnyEntry[] {
  return registry.filter((r) => r.topic === topic) as unknown as AnyEntry[];
}

/** The words a topic offers when a word does not fit: each entry's `words`, in registry order. */
export function subWords(topic: Topic): string[] {
  return [...new Set(topicEntries(topic).flatMap((e) => e.words ?? []))];
}

/** Who may use a command, in words: its own `who` where the service refines the rule, else its `access` named. */
export function whoOf(entry: Pick<AnyEntry, 'access' | 'who'>): string {
  if (entry.who) return entry.who[getLocale()];
  const { access } = entry;
  if (access === 'anyone' || access === 'member') return texts()[access];
  const role = words().role;
  return access.map((r) => role[r]).join(', ');
}

const texts = catalog({
  nl: {
    topic: {
      casus: 'een casus aanmaken, koppelen en beheren: leden, fase, team, afsluiten',
      signaal: 'signalen melden, bevestigen en sluiten',
      veiligheid: 'scores voor actuele en blijvende veiligheid',
      inzet: 'verwijzingen naar aanbieders, hun start en hun einde',
      overleg: 'het uitvoerdersoverleg plannen en vastleggen',
      resultaat: 'de beoogde resultaten van het plan en hun voortgang',
      afspraak: 'afspraken: wie doet wat, uiterlijk wanneer',
      escalatie: 'een meningsverschil voorleggen aan de teamleider, en het besluit',
      team: 'een teamkanaal koppelen aan een basisteam',
      digest: 'het overzicht van het team',
      help: 'deze hulp',
    } satisfies Record<Topic, string>,
    title: 'Commando’s van regiebot',
    more: 'Typ /help <commando> voor de vormen en voorbeelden, bijvoorbeeld /help signaal.',
    example: 'Voorbeeld:',
    who: (who: string) => `Voor: ${who}.`,
    unknown: (topic: string) => `Geen hulp over "${topic}". Dit zijn de commando’s:`,
    anyone: 'iedereen',
    member: 'leden van de casus',
  },
  en: {
    topic: {
      casus: 'create, link and manage a case: members, phase, team, closing',
      signaal: 'report, confirm and close signals',
      veiligheid: 'current and lasting safety scores',
      inzet: 'referrals to providers, their start and their end',
      overleg: 'schedule and record the executors’ meeting',
      resultaat: 'the intended results of the plan and their progress',
      afspraak: 'agreements: who does what, by when',
      escalatie: 'put a disagreement to the team leader, and the decision',
      team: 'link a team channel to a basisteam',
      digest: 'the team overview',
      help: 'this help',
    },
    title: 'regiebot commands',
    more: 'Type /help <command> for its forms and examples, e.g. /help signaal.',
    example: 'Example:',
    who: (who: string) => `For: ${who}.`,
    unknown: (topic: string) => `No help about "${topic}". These are the commands:`,
    anyone: 'anyone',
    member: 'members',
  },
});

/** One line per topic: what `/help` shows and what an unknown command quotes back. */
export function overviewLines(): string[] {
  const t = texts();
  return topics.map((topic) => `/${topic} — ${t.topic[topic]}`);
}

export function helpText(topic?: string): { title: string; lines: string[] } {
  const t = texts();
  const wanted = topic?.trim().replace(/^\//, '').toLowerCase();
  if (!wanted) return { title: t.title, lines: [...overviewLines(), t.more] };
  if (!isTopic(wanted)) return { title: t.unknown(topic ?? ''), lines: [...overviewLines(), t.more] };
  const locale = getLocale();
  return {
    title: `/${wanted} — ${t.topic[wanted]}`,
    // Who may use each form, so nobody tries one that will be refused.
    lines: registry.filter((r) => r.topic === wanted).map((r) => `${r.usage} — ${r.help[locale]} ${t.who(whoOf(r))} ${t.example} ${r.example}`),
  };
}

/** The whole command language, for the README and the Slack manifest. */
export function commandTable(): Array<{ name: CommandName; usage: string; example: string; description: string; who: string }> {
  const locale = getLocale();
  return registry.map((r) => ({ name: r.name, usage: r.usage, example: r.example, description: r.help[locale], who: whoOf(r) }));
}
