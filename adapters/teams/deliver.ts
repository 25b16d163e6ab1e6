import { Client as ApiClient, type IMessageActivityInput } from '@microsoft/teams.api';
import type { App } from '@microsoft/teams.apps';
import type { IOpenUrlAction } from '@microsoft/teams.cards';
import { type Deliver, type Logger, type OutboxItem, RateLimited, Refused } from '../../src/public.js';
import { cardActivity, preloadNames, renderCard, type LoadName } from './cards.js';
import type { ConversationRef, TeamsStore } from './store.js';
import { texts } from './messages.js';

// One outbox item -> the Bot Connector, proactively: the conversation's stored
// reference gives the service URL, tenant and the bot's id there. A 429 becomes
// RateLimited (the outbox waits as long as Teams asked); any other failure is
// thrown as it is and retried by the outbox.

/** A failed Bot Connector call, with its HTTP status. */
export class TeamsCallError extends Error {
  constructor(
    readonly what: string,
    readonly status: number | undefined,
  ) {
    super(`teams: ${what} mislukt${status ? ` (HTTP ${status})` : ''}`);
    this.name = 'TeamsCallError';
  }
}

interface AxiosLike {
  isAxiosError?: boolean;
  response?: { status?: number; headers?: Record<string, unknown> | { get?(name: string): unknown } };
  code?: string;
}

/** Retry-After as milliseconds: seconds or an HTTP date; one second when absent. */
export function retryAfterMs(value: unknown, now = Date.now()): number {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw === 'number' && Number.isFinite(raw)) return Math.max(0, raw * 1000);
  if (typeof raw === 'string' && raw.trim() !== '') {
    const seconds = Number(raw);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(raw);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  return 1000;
}

function header(headers: unknown, name: string): unknown {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(name: string): unknown }).get(name);
  return (headers as Record<string, unknown>)[name];
}

/** Runs one Bot Connector call; a 429 becomes RateLimited, other HTTP errors a TeamsCallError. */
export async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = err as AxiosLike;
    const status = e?.response?.status;
    if (status === 429) throw new RateLimited(retryAfterMs(header(e.response?.headers, 'retry-after')));
    if (e?.isAxiosError || status !== undefined) throw new TeamsCallError(what, status);
    throw err;
  }
}

/** The SDK's HTTP client (axios underneath), as the App holds it. */
export type HttpClient = App['client'];

export interface DeliverDeps {
  store: TeamsStore;
  /** The HTTP client with the bot's token (none in local mode). */
  http: HttpClient;
  log: Logger;
  nameOf: LoadName;
  /** The current platform id of an outbox row (the related post may be sent in the same pass). */
  lookup(outboxId: number): Promise<string | null>;
  /** The bot's id when no stored conversation says it (`28:<client id>`). */
  botId?: string;
}

/** A link that opens a channel or chat message in Teams, when enough is known. */
export function messageLink(ref: ConversationRef, messageId: string): string | undefined {
  if (!/^\d+$/.test(messageId)) return undefined;
  const id = encodeURIComponent(ref.id);
  if (ref.type === 'channel' && ref.teamGroupId) {
    const q = new URLSearchParams({ groupId: ref.teamGroupId, parentMessageId: messageId, ...(ref.tenantId ? { tenantId: ref.tenantId } : {}) });
    return `https://teams.microsoft.com/l/message/${id}/${messageId}?${q}`;
  }
  if (ref.type === 'groupChat') {
    const q = new URLSearchParams({ context: JSON.stringify({ contextType: 'chat' }), ...(ref.tenantId ? { tenantId: ref.tenantId } : {}) });
    return `https://teams.microsoft.com/l/message/${id}/${messageId}?${q}`;
  }
  return undefined;
}

export function createDeliver(deps: DeliverDeps): Deliver {
  const { store, http, log, nameOf } = deps;
  const apis = new Map<string, ApiClient>();
  const api = (serviceUrl: string): ApiClient => {
    const key = serviceUrl.replace(/\/+$/, '');
    let client = apis.get(key);
    if (!client) {
      // teams.apps is typed through its CommonJS declarations and teams.api through
      // its ES module ones: the same Client class, declared twice.
      client = new ApiClient(key, http as unknown as ConstructorParameters<typeof ApiClient>[1]);
      apis.set(key, client);
    }
    return client;
  };

  async function reference(conversationId: string | null, item: OutboxItem): Promise<ConversationRef> {
    if (!conversationId) throw new Error(`outbox ${item.id}: geen gesprek`);
    const ref = await store.conversation(conversationId);
    // Teams writes to a conversation only once it wrote to us from there (or installed us there).
    if (!ref) throw new Error(`outbox ${item.id}: dit Teams-gesprek is (nog) onbekend bij de bot`);
    return ref;
  }

  async function personalConversation(item: OutboxItem, userId: string): Promise<ConversationRef> {
    const user = await store.user(userId);
    if (!user) throw new Error(`outbox ${item.id}: deze Teams-gebruiker is onbekend bij de bot`);
    if (user.personalConversationId) {
      const known = await store.conversation(user.personalConversationId);
      if (known) return known;
    }
    const about = item.related?.conversationId ? await store.conversation(item.related.conversationId) : undefined;
    const serviceUrl = user.serviceUrl ?? about?.serviceUrl;
    const tenantId = user.tenantId ?? about?.tenantId ?? undefined;
    const botId = about?.botId ?? deps.botId;
    if (!serviceUrl || !botId) throw new Error(`outbox ${item.id}: geen service-URL of bot-id om een persoonlijk gesprek te openen`);
    const created = await call('gesprek openen', () =>
      api(serviceUrl).conversations.create({
        bot: { id: botId },
        members: [{ id: user.teamsId, role: 'user' }],
        ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
        isGroup: false,
      }),
    );
    if (!created?.id) throw new TeamsCallError('gesprek openen (geen id)', undefined);
    const ref: ConversationRef = { id: created.id, serviceUrl, tenantId: tenantId ?? null, type: 'personal', botId, teamGroupId: null, teamId: null, channelType: null };
    const now = new Date();
    await store.saveConversation(ref, now);
    await store.savePersonalConversation(userId, created.id, now);
    return ref;
  }

  async function linkTo(item: OutboxItem): Promise<IOpenUrlAction[]> {
    const related = item.related;
    if (!related?.conversationId) return [];
    const messageId = related.platformMessageId ?? (await deps.lookup(related.id));
    const ref = messageId ? await store.conversation(related.conversationId) : undefined;
    const url = ref && messageId ? messageLink(ref, messageId) : undefined;
    return url ? [{ type: 'Action.OpenUrl', title: texts().openMessage, url }] : [];
  }

  /** The wire payload as the SDK's own ActivitySender builds it: the activity, from the bot, in the conversation. */
  function outbound(ref: ConversationRef, message: IMessageActivityInput, id?: string): IMessageActivityInput {
    const activity: IMessageActivityInput & { from: { id: string; role: 'bot' }; conversation: { id: string } } = {
      ...message,
      ...(id ? { id } : {}),
      from: { id: ref.botId, role: 'bot' },
      conversation: { id: ref.id },
    };
    return activity;
  }

  /** Where a delivered message lives: its channel or group chat, or the recipient's personal chat. */
  async function conversationOf(item: OutboxItem): Promise<ConversationRef | undefined> {
    if (item.related?.conversationId) return store.conversation(item.related.conversationId);
    const user = item.userId ? await store.user(item.userId) : undefined;
    return user?.personalConversationId ? store.conversation(user.personalConversationId) : undefined;
  }

  return async function deliver(item: OutboxItem): Promise<string | null> {
    switch (item.kind) {
      case 'delete': {
        const messageId = item.related?.platformMessageId;
        const ref = await conversationOf(item);
        if (!messageId || !ref) throw new Refused(`outbox ${item.id}: het bericht om te verwijderen is onbekend`);
        try {
          await call('bericht verwijderen', () => api(ref.serviceUrl).conversations.activities(ref.id).delete(messageId));
        } catch (err) {
          // 404: already gone. Another 4xx (forbidden, bad request) will not change with a retry.
          if (err instanceof TeamsCallError && err.status === 404) return null;
          if (err instanceof TeamsCallError && err.status !== undefined && err.status >= 400 && err.status < 500 && err.status !== 408) {
            log.warn({ outboxId: item.id, relatedId: item.related?.id, caseId: item.caseId, status: err.status }, 'teams: bewaartermijn: niet verwijderd');
            throw new Refused(err.message);
          }
          throw err;
        }
        return null;
      }
      case 'archive':
        // A bot cannot archive a Teams channel without Microsoft Graph; nothing queues this.
        throw new Refused(`outbox ${item.id}: archiveren kan niet in Teams`);
      case 'post': {
        const ref = await reference(item.conversationId, item);
        const activity = outbound(ref, cardActivity(renderCard(item.message, { nameOf: await preloadNames(nameOf, item.message) })));
        const res = await call('bericht plaatsen', () => api(ref.serviceUrl).conversations.createActivity(ref.id, activity));
        if (!res?.id) throw new TeamsCallError('bericht plaatsen (geen id)', undefined);
        return res.id;
      }
      case 'update': {
        const related = item.related;
        const messageId = related?.platformMessageId;
        if (!related?.conversationId || !messageId) throw new Error(`outbox ${item.id}: het bericht om bij te werken is onbekend`);
        const ref = await reference(related.conversationId, item);
        const activity = outbound(ref, cardActivity(renderCard(item.message, { nameOf: await preloadNames(nameOf, item.message) })), messageId);
        await call('bericht bijwerken', () => api(ref.serviceUrl).conversations.updateActivity(ref.id, messageId, activity));
        return messageId;
      }
      case 'direct': {
        if (!item.userId) throw new Error(`outbox ${item.id}: persoonlijk bericht zonder ontvanger`);
        const ref = await personalConversation(item, item.userId);
        const card = renderCard(item.message, { nameOf: await preloadNames(nameOf, item.message), extraActions: await linkTo(item) });
        const activity = outbound(ref, cardActivity(card));
        const res = await call('persoonlijk bericht sturen', () => api(ref.serviceUrl).conversations.createActivity(ref.id, activity));
        if (!res?.id) throw new TeamsCallError('persoonlijk bericht sturen (geen id)', undefined);
        log.debug({ outboxId: item.id, caseId: item.caseId }, 'teams: persoonlijk bericht verstuurd');
        return res.id;
      }
    }
  };
}
