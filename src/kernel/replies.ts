import type { Message, Reply } from './message.js';
import type { Scope } from './scope.js';
import { texts } from './messages.js';

export function answer(message: Message): Reply {
  return { message };
}

/** A refusal or a malformed command: shown to the sender only; nothing changed. */
export function refusal(title: string, text: string, lines?: string[]): Reply {
  // A body that would only repeat its title gets a plain title: the reason is said once.
  const shown = text === title || text.startsWith(title) ? texts().notDoneTitle : title;
  return { error: true, message: { title: shown, text, tone: 'danger', ...(lines && lines.length ? { lines } : {}) } };
}

/** What the person hears while the database is down: nothing was recorded, try again shortly. */
export function unavailable(): Reply {
  const t = texts();
  return { ...refusal(t.unavailableTitle, t.unavailable), unrecorded: true };
}

/**
 * One confirmation. When the action posted in the conversation the person
 * acted in, the channel already shows it to everyone, them included: their
 * answer becomes the short "Geplaatst" with the post's outbox id (`posted`),
 * keeping only what the post does not say (a safety line, a reminder, a
 * warning). Adapters render it by how their platform shows an action
 * (adapters' READMEs: "One confirmation").
 */
export function confirmPosted(s: Scope, reply: Reply): Reply {
  const post = s.firstPost;
  // Only a plain confirmation: a warning (no teamleider, a step left to do by hand) is said in full.
  if (!post || reply.error || reply.form || reply.message?.tone !== 'success') return reply;
  if (post.platform !== s.ctx.actor.platform || post.conversationId !== s.ctx.conversationId) return reply;
  const said = new Set(sentences(post.message));
  const { title, text, lines, fields, ...rest } = reply.message!;
  const message: Message = { ...rest, title: texts().posted };
  if (text && text !== title && !said.has(text)) message.text = text;
  const left = (lines ?? []).filter((l) => l !== title && !said.has(l));
  if (left.length) message.lines = left;
  const postFields = new Set((post.message.fields ?? []).map((f) => `${f.label}\n${f.value}`));
  const ownFields = (fields ?? []).filter((f) => !postFields.has(`${f.label}\n${f.value}`));
  if (ownFields.length) message.fields = ownFields;
  return { ...reply, message, posted: post.id };
}

/** Everything a message says in words, one piece each. */
function sentences(m: Message): string[] {
  return [m.title, m.text, m.context, ...(m.lines ?? [])].filter((x): x is string => Boolean(x));
}

/**
 * A confirmation with nothing beside it: where the platform already shows the
 * person's action and the post in their conversation (Teams), nothing needs
 * to be said.
 */
export function onlyConfirms(reply: Reply): boolean {
  const m = reply.message;
  return reply.posted !== undefined && !reply.typedVisible && !!m && !m.text && !m.lines?.length && !m.fields?.length && !m.actions?.length;
}
