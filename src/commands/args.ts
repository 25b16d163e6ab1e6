import { parseDay } from './dates.js';
import { say } from './messages.js';
import { charCount, MAX_NAME, MAX_TEXT, type Token } from './tokens.js';
import type { Day, Topic } from './types.js';

// What a registry entry's reader works with: the words after the topic, and
// the way it refuses a line. The parser (src/core/parse.ts) turns a refusal
// into the error and the usage lines the user sees.

/**
 * Thrown by a reader; parseCommand turns it into a result. `names` are the
 * commands whose usage to show, `topic` shows every form of a topic instead.
 */
export class Refusal {
  constructor(
    readonly error: string,
    readonly names: readonly string[],
    readonly topic?: Topic,
  ) {}
}

/** Refuses the line, showing the usage of the named command(s). */
export function fail(error: string, ...names: string[]): never {
  throw new Refusal(error, names);
}

/** Refuses the line, showing every form of the topic. */
export function failTopic(error: string, topic: Topic): never {
  throw new Refusal(error, [], topic);
}

/** The words after the topic, with the cleaned line they came from. */
export class Args {
  constructor(
    readonly line: string,
    readonly tokens: Token[],
    readonly today: Day,
  ) {}

  at(i: number): Token | undefined {
    return this.tokens[i];
  }

  get length(): number {
    return this.tokens.length;
  }

  /** Free text from token i on, exactly as typed (quotes included), trimmed. */
  rest(i: number, command: string, max = MAX_TEXT): string | undefined {
    const t = this.tokens[i];
    if (!t) return undefined;
    const text = this.line.slice(t.start).trim();
    const n = charCount(text);
    if (n > max) fail(say().tooLong(n, max), command);
    return text || undefined;
  }

  /** Nothing may follow token i - 1. */
  end(i: number, name: string): void {
    const t = this.tokens[i];
    if (t) fail(say().unexpected(t.text), name);
  }

  /** Tokens [from, to) as one name; quotes removed, inner whitespace collapsed. */
  name(from: number, to: number, missing: string, command: string): string {
    const parts = this.tokens.slice(from, to);
    const open = parts.find((t) => t.unterminated);
    if (open) fail(say().unclosedQuote(open.text), command);
    const name = parts
      .map((t) => t.text)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (!name) fail(missing, command);
    const n = charCount(name);
    if (n > MAX_NAME) fail(say().nameTooLong(n, MAX_NAME), command);
    return name;
  }

  date(t: Token, command: string): Day {
    const day = t.quoted ? null : parseDay(t.text, this.today);
    if (!day) fail(say().badDate(t.text), command);
    return day;
  }
}

/** "Levvel: reden", "achter - reden": a separator typed before free text is not part of it. */
export function unlead(text: string | undefined): string | undefined {
  return text?.replace(/^[:\-–—]\s*/, '') || undefined;
}

/** A form opener's word (`/signaal formulier`) selects it only when nothing follows. */
export const alone =
  <N extends string>(name: N) =>
  (a: Args): { name: N } | undefined =>
    a.length === 1 ? { name } : undefined;
