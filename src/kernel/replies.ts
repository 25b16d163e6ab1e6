import type { Message, Reply } from './message.js';
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
