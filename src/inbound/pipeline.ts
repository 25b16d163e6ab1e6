import type { Db } from '../../db/connection.js';
import type { Context, Platform } from '../actors.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Reply } from '../kernel/message.js';
import { refusal } from '../kernel/replies.js';
import { ProvisionError } from '../core/api.js';
import { forgetKey, recordSeen } from './inbox.js';
import { inboundTexts } from './messages.js';

// The one path every platform request takes between the adapter and the core.
// An adapter translates (a Slack slash command, a Teams activity, a sandbox
// POST) and renders; the steps in between are here, written once:
//
//   guard      -> `foreign`: a request from a workspace or tenant this bot is not
//                 linked to goes no further (the adapter says where it came from)
//   duplicates -> `claim`: a request id seen before is not handled again (a
//                 request handled on the spot; one worked off later is
//                 stored in the inbox instead, whose insert is the check)
//   context    -> `context`: who acted, where, when
//   the core   -> `safely`: its answer, or a safe error; either way the claimed
//                 id is given back when nothing was recorded, so a retry is handled
//   the answer -> `header`: who may read it (only the sender, or the conversation)

export interface InboundDeps {
  db: Db;
  clock: Clock;
  /** The adapter's logger. */
  log: Logger;
}

/** Where the platform can put an answer: before the sender only (Slack, the sandbox), or before everyone in the conversation (a Teams channel). */
export type Audience = 'sender' | 'conversation';

export interface Inbound {
  /** True (and logged) when the request comes from another workspace or tenant than the one configured. */
  foreign(configured: string | undefined, seen: string | undefined): boolean;
  /** Records a request id; false when it was seen before, so the request is skipped. */
  claim(key: string): Promise<boolean>;
  /** Gives a claimed id back, so that the platform's retry is handled after all. */
  release(key: string | undefined): Promise<void>;
  context(who: { userId: string; displayName?: string | undefined }, conversationId: string): Context;
  /**
   * The core's answer, or a safe error when the core threw (nothing was
   * stored then). A platform's refusal (a ProvisionError: a channel it would
   * not create) is said in its own words; any other error is logged.
   */
  safely(run: () => Promise<Reply>, what: string, key?: string): Promise<Reply>;
}

/** What an adapter shows when the core threw: nothing changed, try again. */
export function failure(): Reply {
  const t = inboundTexts();
  return { error: true, message: { title: t.failureTitle, text: t.failure, tone: 'danger' } };
}

/**
 * The reply policy. An answer is for the person who acted; where the platform
 * cannot show a message to one person (a Teams channel or group chat), it goes
 * to everyone, headed with the sender's name, and a refusal says that nothing
 * changed, so that nobody else takes it for news.
 */
export function answerHeader(reply: Reply, audience: Audience, senderName: string | undefined): string | undefined {
  if (audience === 'sender') return undefined;
  const t = inboundTexts();
  const name = senderName?.trim() || t.theSender;
  if (!reply.error) return t.forSender(name);
  return reply.form ? t.onlyFor(name) : t.onlyForSender(name);
}

export function createInbound(platform: Platform, deps: InboundDeps): Inbound {
  const { db, clock, log } = deps;

  async function release(key: string | undefined): Promise<void> {
    if (!key) return;
    await forgetKey(db, key).catch((err: unknown) => log.error({ error: (err as Error).message }, `${platform}: verzoek-id niet vrijgegeven`));
  }

  return {
    foreign(configured, seen) {
      if (!configured || seen === configured) return false;
      log.warn({ tenant: seen ?? 'onbekend' }, `${platform}: verzoek uit een andere ${platform === 'teams' ? 'tenant' : 'werkruimte'} geweigerd`);
      return true;
    },
    claim: (key) => recordSeen(db, key, platform, clock.now()),
    release,
    context(who, conversationId) {
      return {
        actor: { platform, userId: who.userId, displayName: who.displayName?.trim() || inboundTexts().unknownUser },
        conversationId,
        now: clock.now(),
      };
    },
    safely(run, what, key) {
      return Promise.resolve()
        .then(run)
        .then(async (reply) => {
          if (reply.unrecorded) await release(key);
          return reply;
        })
        .catch(async (err: unknown): Promise<Reply> => {
          // Nothing was stored: the same request, sent again, may be handled.
          await release(key);
          // `unrecorded`: an inbox row of this request is freed, so the same request may come again.
          if (err instanceof ProvisionError) return { ...refusal(inboundTexts().refusedTitle, err.message), unrecorded: true };
          log.error({ what, error: (err as Error).message }, `${platform}: kern gaf een fout`);
          return { ...failure(), unrecorded: true };
        });
    },
  };
}
