import type { webApi } from '@slack/bolt';
import { type ConversationAccess, type Logger, type Provisioner, ProvisionError, RateLimited } from '../../src/public.js';
import { call, SlackCallError } from './errors.js';
import { slackTexts } from './texts.js';

type WebClient = webApi.WebClient;

/**
 * A provisioning step Slack refused; the message is Dutch and safe to show the
 * user. A ProvisionError, so that the core shows it instead of its generic text.
 */
export class SlackProvisionError extends ProvisionError {
  constructor(
    message: string,
    readonly slackError?: string,
  ) {
    super(message);
    this.name = 'SlackProvisionError';
  }
}

/** `casus-<code>` as a valid Slack channel name: lower case, letters, digits, `-` and `_`, at most 80. */
export function caseChannelName(code: string, suffix?: number): string {
  const base = `casus-${code.toLowerCase()}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/-$/, '');
  const tail = suffix ? `-${suffix}` : '';
  return base.slice(0, 80 - tail.length) + tail;
}

const maxNameAttempts = 5;

function explain(err: unknown, what: string): Error {
  const t = slackTexts();
  if (err instanceof RateLimited) {
    return new SlackProvisionError(t.busy(what, Math.ceil(err.retryAfterMs / 1000)), 'ratelimited');
  }
  if (err instanceof SlackCallError) {
    const reason = t.reasons[err.slackError] ?? t.slackSays(err.slackError);
    return new SlackProvisionError(t.refused(what, reason), err.slackError);
  }
  return err instanceof Error ? err : new Error(String(err));
}

export function createProvisioner(client: WebClient, log: Logger): Provisioner {
  async function invite(channel: string, userId: string): Promise<void> {
    try {
      await call('conversations.invite', () => client.conversations.invite({ channel, users: userId }));
    } catch (err) {
      // Already there, or the bot itself: nothing to do.
      if (err instanceof SlackCallError && ['already_in_channel', 'cant_invite_self'].includes(err.slackError)) return;
      throw explain(err, slackTexts().doInvite);
    }
  }

  async function remove(channel: string, userId: string): Promise<void> {
    try {
      await call('conversations.kick', () => client.conversations.kick({ channel, user: userId }));
    } catch (err) {
      // Gone already: nothing to do.
      if (err instanceof SlackCallError && ['not_in_channel', 'user_not_found'].includes(err.slackError)) return;
      throw explain(err, slackTexts().doRemove);
    }
  }

  async function accessOf(channel: string): Promise<ConversationAccess> {
    // A direct message: its id says so, and asking would need the im:read scope.
    if (channel.startsWith('D')) return 'direct';
    try {
      const res = await call('conversations.info', () => client.conversations.info({ channel }));
      const info = res.channel;
      if (!info) throw new SlackCallError('conversations.info', 'no_channel');
      if (info.is_im || info.is_mpim) return 'direct';
      return info.is_private ? 'private' : 'public';
    } catch (err) {
      // Slack hides a private channel the app was not added to.
      if (err instanceof SlackCallError && err.slackError === 'channel_not_found') return 'no-access';
      throw explain(err, 'nagaan of dit kanaal privé is');
    }
  }

  return {
    createsChannels: true,
    accessOf,
    async createCaseConversation({ code, creatorId }) {
      let channelId: string | undefined;
      for (let attempt = 1; attempt <= maxNameAttempts && !channelId; attempt++) {
        const name = caseChannelName(code, attempt === 1 ? undefined : attempt);
        try {
          const res = await call('conversations.create', () => client.conversations.create({ name, is_private: true }));
          channelId = res.channel?.id;
          if (!channelId) throw new SlackCallError('conversations.create', 'no_channel');
          log.info({ code, channel: channelId }, 'slack: casuskanaal aangemaakt');
        } catch (err) {
          // A channel of that name exists (an earlier, archived case?): take the next free name.
          if (err instanceof SlackCallError && err.slackError === 'name_taken') continue;
          throw explain(err, slackTexts().doCreate);
        }
      }
      if (!channelId) {
        throw new SlackProvisionError(slackTexts().namesTaken(caseChannelName(code), maxNameAttempts - 1), 'name_taken');
      }
      await invite(channelId, creatorId);
      return channelId;
    },
    invite,
    remove,
  };
}
