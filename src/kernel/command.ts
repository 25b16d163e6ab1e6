import { z } from 'zod';
import type { Db, Tx } from '../../db/connection.js';
import type { Context, Role } from '../actors.js';
import type { Settings } from '../config.js';
import type { FormId, Reply } from './message.js';
import { isDay } from '../commands/dates.js';
import { charCount, MAX_NAME, MAX_NUMBER, MAX_TEXT } from '../commands/tokens.js';
import type { Day, Topic } from '../commands/types.js';

// What one entry of the command registry is. Each concept folder holds its
// entries in `<concept>/commands.ts`; src/core/registry.ts lists them, and the
// parser, /help, the access check and the forms read them from there.

/**
 * Who may run a command. 'anyone': no case needed. 'member': any active
 * member of the case. A role list: members holding one of those roles. Rules
 * that depend on the record (a provider recording its own start) are refined
 * in the service.
 */
export type Rule = 'anyone' | 'member' | readonly Role[];

export function allows(rule: Rule, role: Role | undefined): boolean {
  if (rule === 'anyone') return true;
  if (role === undefined) return false;
  if (rule === 'member') return true;
  return rule.includes(role);
}

/** A text in both locales. */
export interface Said {
  nl: string;
  en: string;
}

/** Case-less commands get what they need to find or make their own record. */
export interface Outside {
  ctx: Context;
  db: Db;
  settings: Settings;
  /** Runs `fn` in a transaction and tells the senders when it committed. */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** `/casus nieuw` and `/casus koppel` make or check the platform's channel first. */
  newCase(code: string, title?: string): Promise<Reply>;
  linkHere(code: string): Promise<Reply>;
}

/** What a case command may ask of the platform besides its case. */
export interface Platform {
  /** Where the platform cannot take someone out itself: the step a person must do by hand. */
  manualRemoval?: (who: string) => Promise<string>;
}

/** Form values turned into the command's fields, or a field error in the user's language. */
/** A form's values read into a command's fields, or the refusal and the name of the field it is about. */
export type FormRead = { ok: true; fields: Record<string, unknown> } | { ok: false; error: string; field?: string };

interface Common<S extends z.ZodType<{ name: string }>> {
  /** 'signaal.bevestig': the topic and its word; the schema's literal. */
  name: z.infer<S>['name'];
  schema: S;
  topic: Topic;
  /** The form exactly as shared/COMMANDS.md writes it. */
  usage: string;
  /** An example that parses to this command (test/commands/registry.test.ts). */
  example: string;
  help: Said;
  who: Said;
  access: Rule;
  /** A form whose submitted values are this command's fields: read into them, then checked by `schema`. */
  form?: { id: FormId; read(values: Record<string, string>, today: Day): FormRead };
}

/**
 * How a case command touches the case. 'read': no transaction, works on a
 * closed case. 'post': posts through the outbox in a transaction but leaves
 * the case (and its card) alone, works on a closed case. 'write': changes the
 * case; the pinned card follows.
 */
export type Mode = 'read' | 'post' | 'write';

interface CaseCommand<S extends z.ZodType<{ name: string }>, Scope> extends Common<S> {
  mode: Mode;
  /** After the commit the platform lets the person in, or takes them out. */
  membership?: 'invite' | 'remove';
  handler(s: Scope, command: z.infer<S>, platform: Platform): Promise<Reply>;
}

/** No case needed: the handler runs its own transaction. */
interface OutsideCommand<S extends z.ZodType<{ name: string }>> extends Common<S> {
  mode: 'outside';
  access: 'anyone';
  handler(env: Outside, command: z.infer<S>): Promise<Reply>;
}

/**
 * `Scope` is the case a handler works on (src/core/scope.ts). It is a type
 * parameter so that this file, which the concepts build on, imports nothing
 * from the layers above them.
 */
export type Entry<S extends z.ZodType<{ name: string }> = z.ZodType<{ name: string }>, Scope = never> = CaseCommand<S, Scope> | OutsideCommand<S>;

/**
 * Each concept file makes its `command` with the Scope its handlers get:
 * `const command = commandsWith<Scope>()`. It keeps the schema's own type, so
 * the registry can infer `Command` from it.
 */
export function commandsWith<Scope>() {
  return <S extends z.ZodType<{ name: string }>>(entry: Entry<S, Scope>): Entry<S, Scope> => entry;
}

// The zod pieces entries are built from: what the parser promises the core.

export const day = z.string().refine(isDay, 'yyyy-mm-dd');
/** Trimmed, non-empty, and within the limit counted as users count. */
export const bounded = (max: number) =>
  z
    .string()
    .min(1)
    .refine((s) => s === s.trim() && charCount(s) <= max, `trimmed, at most ${max} characters`);
export const text = bounded(MAX_TEXT);
export const optionalText = text.optional();
export const name = bounded(MAX_NAME);
export const number = z.number().int().min(1).max(MAX_NUMBER);
export const userId = z.string().regex(/^[^\s|<>]+$/);
export const displayName = bounded(MAX_NAME * 3).optional();
export const score = z.number().int().min(0).max(10);
export const caseCode = z.string().regex(/^(?=.*[0-9])[A-Z0-9-]{3,32}$/);
