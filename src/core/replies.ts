import type { Message, Reply } from '../message.js';

export function answer(message: Message): Reply {
  return { message };
}

/** A refusal or a malformed command: shown to the sender only; nothing changed. */
export function refusal(title: string, text: string, lines?: string[]): Reply {
  return { error: true, message: { title, text, tone: 'danger', ...(lines && lines.length ? { lines } : {}) } };
}
