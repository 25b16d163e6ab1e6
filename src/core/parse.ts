import { Args, Refusal, failTopic } from '../commands/args.js';
import { say } from '../commands/messages.js';
import { MAX_INPUT, MAX_TEXT, charCount, clean, tokenize, topicWords } from '../commands/tokens.js';
import { nearest } from '../commands/suggest.js';
import type { Day, Topic } from '../commands/types.js';
import { commandSchema, overviewLines, subWords, topicEntries, topicUsage, usageOf, type AnyEntry, type Command, type CommandName } from './registry.js';

/*
 * Text → Command, for every adapter alike.
 *
 * The first word is the topic (`/signaal`, or an alias: `/signalen`). The
 * registry's entries of that topic say which word after it selects them
 * (`words`, `aliases`), which one the topic alone selects (`bare`) and which
 * one reads whatever no word selects (`otherwise`); each entry's own reader
 * reads the rest of the line (`read`, mostly in `<concept>/grammar.ts`).
 *
 * Where a keyword and free text compete, the keyword wins: `/escalatie besluit …`
 * and `/escalatie lijst` are never read as an escalation about "besluit", and
 * `/casus afsluiten bevestig …` confirms. Quote the word to mean the text: a
 * quoted word is never a keyword.
 */

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string; usage: string[] };

export interface ParseOptions {
  /** The caller's calendar day (Europe/Amsterdam), for vandaag/gisteren/morgen. */
  today: Day;
}

/** The entry's reader, or for an entry without one: its word, and nothing after it. */
function readWith(entry: AnyEntry, a: Args, consumed: 0 | 1): Command | undefined {
  if (entry.read) return entry.read(a) as Command | undefined;
  a.end(consumed, entry.name);
  return { name: entry.name } as Command;
}

/** Picks the topic's entry from the word after the topic, and lets it read the line. */
function readTopic(topic: Topic, a: Args): Command {
  const entries = topicEntries(topic);
  const otherwise = entries.find((e) => e.otherwise);
  const sub = a.at(0);
  if (!sub) {
    const bare = entries.find((e) => e.bare);
    if (bare) return { name: bare.name } as Command;
    if (otherwise) return readWith(otherwise, a, 0)!;
    return failTopic(say().missingSub(topic, subWords(topic).join(', ')), topic);
  }
  for (const entry of entries) {
    if (!entry.words?.includes(sub.word) && !entry.aliases?.includes(sub.word)) continue;
    const command = readWith(entry, a, 1);
    if (command) return command;
  }
  // A word within two edits of one this topic takes gets "Bedoel je …?" with that topic's forms.
  const near = nearest(sub.word, subWords(topic));
  if (otherwise) {
    try {
      return readWith(otherwise, a, 0)!;
    } catch (err) {
      if (err instanceof Refusal && near) failTopic(say().unknownSubNear(topic, sub.text, near), topic);
      throw err;
    }
  }
  if (near) return failTopic(say().unknownSubNear(topic, sub.text, near), topic);
  return failTopic(say().unknownSub(topic, sub.text, subWords(topic).join(', ')), topic);
}

function parse(input: string, today: Day): Command {
  if (input.length > MAX_INPUT) {
    // Counting a megabyte of characters buys nothing; its length says enough.
    const n = input.length > 100_000 ? input.length : charCount(input);
    const head = tokenize(clean(input.slice(0, 100)).replace(/^\s*\//, ''))[0];
    const topic = head && topicWords.get(head.word.replace(/^\//, ''));
    throw new Refusal(say().tooLong(n, MAX_TEXT), [], topic || undefined);
  }
  const line = clean(input).trim().replace(/^\//, '');
  const tokens = tokenize(line);
  const head = tokens[0];
  if (!head) throw new Refusal(say().empty, []);
  const word = head.word.replace(/^\//, '');
  const topic = topicWords.get(word);
  if (!topic) {
    // A typo gets the command it nearly was, and that command's forms; anything else the list.
    const near = nearest(word, topicWords.keys());
    const nearTopic = near ? topicWords.get(near) : undefined;
    if (nearTopic) throw new Refusal(say().unknownCommandNear(head.text, nearTopic), [], nearTopic);
    throw new Refusal(say().unknownCommand(head.text), []);
  }
  const args = new Args(line, tokens.slice(1), today);
  // "/signaal help" is "/help signaal".
  if (topic !== 'help' && args.length === 1 && (args.at(0)!.word === 'help' || args.at(0)!.word === '?')) {
    return { name: 'help', topic };
  }
  return readTopic(topic, args);
}

/** The usage lines a refusal points to: its commands', its topic's, or else the overview. */
function usageFor(refusal: Refusal): string[] {
  const lines = refusal.topic ? topicUsage(refusal.topic) : refusal.names.map((n) => usageOf(n as CommandName));
  return lines.length > 0 ? lines : overviewLines();
}

/** Never throws: bad input gives a localized error and the right form(s) of the command. */
export function parseCommand(text: string, opts: ParseOptions): ParseResult {
  try {
    const command = parse(typeof text === 'string' ? text : '', opts.today);
    // The parser's promise to the core: whatever it returns is valid.
    if (!commandSchema.safeParse(command).success) return { ok: false, error: say().internal, usage: overviewLines() };
    return { ok: true, command };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.error, usage: usageFor(e) };
    return { ok: false, error: say().internal, usage: overviewLines() };
  }
}
