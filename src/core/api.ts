import type { Context } from '../actors.js';
import type { Command } from './registry.js';
import type { ActionId, FormId, Message, Reply } from '../kernel/message.js';

/**
 * What every adapter talks to. Adapters translate platform events into these
 * calls and render the Reply; everything visible in channels goes through the
 * outbox, which the adapter's `deliver` function empties.
 */
export interface CoreApi {
  /** A typed line: '/signaal zorg …' or 'signaal zorg …' (the leading slash is optional). */
  handleText(ctx: Context, text: string): Promise<Reply>;
  handleCommand(ctx: Context, command: Command): Promise<Reply>;
  /** A button press on a message the core sent. */
  handleAction(ctx: Context, actionId: ActionId, value: string): Promise<Reply>;
  /** A submitted form (modal, card, sandbox form): field name -> entered value. */
  submitForm(ctx: Context, formId: FormId, values: Record<string, string>): Promise<Reply>;
  /** The platform says a person left the conversation: they lose access to its case. */
  memberLeft(ctx: Context): Promise<void>;
  /** The person's own cases, with what is open or overdue (Slack's App Home). */
  homeFor(ctx: Context): Promise<Message[]>;
}

/**
 * Who can read a conversation, as far as the platform tells: `private` (only
 * the people in it), `public` (anyone in the workspace or team), `direct` (a
 * direct message or group DM, which nobody can be taken out of), `no-access`
 * (the bot cannot see it: a private channel it was not added to), `unknown`
 * (the platform does not say).
 */
export type ConversationAccess = 'private' | 'public' | 'direct' | 'no-access' | 'unknown';

/** What the core may ask a platform to do for a case, outside the outbox. */
export interface Provisioner {
  /** True where `createCaseConversation` makes a new private channel (Slack), so the core can suggest it. */
  readonly createsChannels?: boolean;
  /**
   * `/casus nieuw`: the conversation the case will live in. Slack creates a
   * private channel and invites the creator; Teams and the sandbox may return
   * the conversation the command was typed in, or a new one.
   */
  createCaseConversation(input: { code: string; title?: string; requestedIn: string; creatorId: string }): Promise<string>;
  /** `/casus lid`: let the new member into the conversation. */
  invite(conversationId: string, userId: string): Promise<void>;
  /** `/casus verwijder`: take the member out of the conversation, where the platform allows. */
  remove?(conversationId: string, userId: string): Promise<void>;
  /**
   * Where the bot cannot take a person out (no `remove`): the step the
   * gezinsmanager takes instead, naming the person, in the user's language.
   */
  manualRemoval?(conversationId: string, name: string): Promise<string>;
  /**
   * `/casus koppel`, and `/casus nieuw` where the case stays in the
   * conversation it was typed in: who can read it. A case holds only to a
   * private one. Absent where every conversation is private (the sandbox).
   */
  accessOf?(conversationId: string): Promise<ConversationAccess>;
}

/** The core as the app wires it: the API plus a hook for the outbox senders. */
export interface Core extends CoreApi {
  /** Called after each transaction that wrote to the outbox. */
  onOutbox(listener: () => void): void;
}

/** A provisioning failure whose message is fit for the user (Dutch, no secrets). */
export class ProvisionError extends Error {}
