import { Client as ApiClient, type AdaptiveCardActionResponse, type Entity, type IMessageActivityInput } from '@microsoft/teams.api';
import { answerHeader, containsBsn, type Context, createInbound, type InboxRow, inboundTexts, isDatabaseFault, type Message, onlyConfirms, type Provisioner, type Reply, type Route, safeName, toneEmoji, unavailable } from '../../src/public.js';
import { App } from '@microsoft/teams.apps';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { AdapterDeps, PlatformAdapter } from '../types.js';
import { adaptiveCardType, cardActivity, parseSubmission, plainNames, preloadNames, renderCard, renderFormCard } from './cards.js';
import { call, createDeliver, TeamsCallError, type HttpClient } from './deliver.js';
import { SharedServerAdapter, teamsLogger } from './http.js';
import { Graph } from './graph.js';
import { graphRemoval } from './removal.js';
import { type ConversationRef, TeamsStore } from './store.js';
import { baseConversationId, neutralText, type MentionEntity } from './text.js';
import { texts as teamsTexts } from './messages.js';
import { accessOf, channelTypeOf, manualRemovalStep } from './channels.js';

// The Teams adapter: the Teams SDK v2 app (`@microsoft/teams.apps`) in, the Bot
// Connector out, nothing else. Its handler is mounted at POST /api/messages on
// the shared server. A typed message is stored in the inbox and answered 200;
// the inbox processor then runs the core and replies to the sender in the
// conversation (a proactive send). Card actions (invokes) stay synchronous:
// Teams wants their answer in the invoke response. Everything a case
// conversation sees goes through the outbox and `deliver`.

export const teamsMessagesPath = '/api/messages';

export type TeamsMode = 'entra' | 'local';

export interface TeamsAdapter extends PlatformAdapter {
  platform: 'teams';
  mode: TeamsMode;
  app: App;
  store: TeamsStore;
}

/** The fields of an inbound activity the adapter reads (the SDK types them per activity type). */
interface Inbound {
  id?: string;
  type: string;
  name?: string;
  text?: string;
  value?: unknown;
  replyToId?: string;
  serviceUrl?: string;
  entities?: MentionEntity[];
  from: Account;
  recipient: Account;
  conversation: { id: string; tenantId?: string; conversationType?: string; isGroup?: boolean };
  channelData?: { tenant?: { id?: string }; team?: { id?: string; aadGroupId?: string }; channel?: { id?: string; type?: string; membershipType?: string } };
  membersAdded?: Account[];
  membersRemoved?: Account[];
}

type Card = IAdaptiveCard;

interface Account {
  id: string;
  name?: string;
  aadObjectId?: string;
  role?: string;
}


/**
 * Names Teams gives us (the sender, people added or removed, mentioned
 * people) that hold a BSN become "(naam verborgen)" in place, before anything
 * stores them, echoes them ("Voor …") or hands them to the core.
 */
function hideNamesWithBsn(activity: Inbound): void {
  for (const account of [activity.from, ...(activity.membersAdded ?? []), ...(activity.membersRemoved ?? [])]) {
    if (account?.name) account.name = safeName(account.name);
  }
  for (const entity of activity.entities ?? []) {
    if (entity.mentioned?.name) entity.mentioned.name = safeName(entity.mentioned.name);
  }
}

/** The id the core knows a Teams user by: the Entra object id, or the Teams id when Teams gives none. */
export function userIdOf(account: { id: string; aadObjectId?: string }): string {
  return account.aadObjectId || account.id;
}

/** The fields of a message activity the inbox keeps until it is processed (what the core and the answer need). */
function storable(activity: Inbound): Inbound {
  const { id, type, name, text, value, replyToId, serviceUrl, entities, from, recipient, conversation, channelData } = activity;
  return { ...(id ? { id } : {}), type, ...(name ? { name } : {}), ...(text !== undefined ? { text } : {}), ...(value !== undefined ? { value } : {}), ...(replyToId ? { replyToId } : {}), ...(serviceUrl ? { serviceUrl } : {}), ...(entities ? { entities } : {}), from, recipient, conversation, ...(channelData ? { channelData } : {}) };
}

function isGroupConversation(activity: Inbound): boolean {
  const type = activity.conversation.conversationType;
  return type === 'channel' || type === 'groupChat' || activity.conversation.isGroup === true;
}

export async function createTeamsAdapter(deps: AdapterDeps): Promise<TeamsAdapter> {
  const { core, settings, clock, log, db } = deps;
  const paced = <T>(conversationId: string, call: () => Promise<T>): Promise<T> => (deps.paced ? deps.paced('teams', conversationId, call) : call());
  const tlog = log.child({ component: 'teams' });
  const inbound = createInbound('teams', { db, clock, log: tlog });
  const local = settings.TEAMS_INSECURE_LOCAL;
  const credentials = Boolean(settings.TEAMS_CLIENT_ID && settings.TEAMS_CLIENT_SECRET && settings.TEAMS_TENANT_ID);
  if (!local && !credentials) {
    throw new Error('Teams: zet TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET en TEAMS_TENANT_ID (of TEAMS_INSECURE_LOCAL=1 om lokaal te testen).');
  }
  const mode: TeamsMode = local ? 'local' : 'entra';
  const store = new TeamsStore(db);
  const http = new SharedServerAdapter();

  const app = new App({
    // In local mode no credentials at all: the SDK then fetches no tokens and
    // checks none. The empty strings stop it from reading CLIENT_ID and
    // friends from the environment behind our back.
    ...(local
      ? { clientId: '', clientSecret: '', tenantId: '' }
      : { clientId: settings.TEAMS_CLIENT_ID!, clientSecret: settings.TEAMS_CLIENT_SECRET!, tenantId: settings.TEAMS_TENANT_ID! }),
    dangerouslyAllowUnauthenticatedRequests: local,
    httpServerAdapter: http,
    messagingEndpoint: teamsMessagesPath,
    logger: teamsLogger(log),
  });

  // The bot's own token on outbound calls; in local mode a client without one.
  const outboundHttp: HttpClient = (local ? app.client : app.api.http).clone({ timeout: 15_000 });
  const apis = new Map<string, ApiClient>();
  const api = (serviceUrl: string): ApiClient => {
    const key = serviceUrl.replace(/\/+$/, '');
    let client = apis.get(key);
    if (!client) {
      client = new ApiClient(key, outboundHttp as unknown as ConstructorParameters<typeof ApiClient>[1]);
      apis.set(key, client);
    }
    return client;
  };

  const nameOf = async (userId: string) => (await store.user(userId))?.name ?? undefined;
  // A channel's membership type as the latest activity from it told (not every payload carries one).
  const channelTypes = new Map<string, string>();
  let warnedUnknownType = false;

  /** Remembers where this activity came from and who sent it, for later proactive messages. */
  async function remember(activity: Inbound): Promise<void> {
    hideNamesWithBsn(activity);
    const now = clock.now();
    const serviceUrl = activity.serviceUrl;
    if (!serviceUrl) return;
    const tenantId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? null;
    const channelType = channelTypeOf(activity.channelData?.channel);
    if (channelType) channelTypes.set(baseConversationId(activity.conversation.id), channelType);
    await store.saveConversation(
      {
        id: baseConversationId(activity.conversation.id),
        serviceUrl,
        tenantId,
        type: activity.conversation.conversationType ?? null,
        botId: activity.recipient.id,
        teamGroupId: activity.channelData?.team?.aadGroupId ?? null,
        teamId: activity.channelData?.team?.id ?? null,
        channelType: channelType ?? null,
      },
      now,
    );
    const people = [activity.from, ...(activity.membersAdded ?? [])].filter((a) => a && a.id && a.id !== activity.recipient.id && a.role !== 'bot');
    for (const person of people) {
      await store.saveUser({ userId: userIdOf(person), teamsId: person.id, name: person.name ?? null, tenantId, serviceUrl }, now);
    }
  }

  function contextOf(activity: Inbound, who: Account = activity.from): Context {
    return inbound.context({ userId: userIdOf(who), displayName: who.name }, baseConversationId(activity.conversation.id));
  }

  /** A mentioned person -> the core's user id, learning the Teams id that goes with it. */
  async function resolveMention(activity: Inbound, mentioned: { id: string; name: string; aadObjectId?: string; type?: string }): Promise<string | null> {
    if (mentioned.type && mentioned.type !== 'person') return null;
    const now = clock.now();
    const tenantId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id ?? null;
    const serviceUrl = activity.serviceUrl ?? null;
    if (mentioned.aadObjectId) {
      await store.saveUser({ userId: mentioned.aadObjectId, teamsId: mentioned.id, name: mentioned.name, tenantId, serviceUrl }, now);
      return mentioned.aadObjectId;
    }
    const known = await store.userByTeamsId(mentioned.id);
    if (known) return known.userId;
    // Teams puts only the Teams id in a mention; the roster has the Entra id.
    if (serviceUrl) {
      const roster = activity.channelData?.team?.id ?? baseConversationId(activity.conversation.id);
      try {
        const member = await call('lid opzoeken', () => api(serviceUrl).conversations.getMemberById(roster, mentioned.id));
        const userId = userIdOf({ id: member.id || mentioned.id, ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}) });
        await store.saveUser({ userId, teamsId: mentioned.id, name: member.name || mentioned.name, tenantId, serviceUrl }, now);
        return userId;
      } catch (err) {
        if (err instanceof TeamsCallError && err.status === 404) return null;
        tlog.warn({ error: (err as Error).message }, 'teams: vermeld lid niet gevonden in het gesprek; de Teams-id wordt gebruikt');
      }
    }
    await store.saveUser({ userId: mentioned.id, teamsId: mentioned.id, name: mentioned.name, tenantId, serviceUrl }, now);
    return mentioned.id;
  }

  /**
   * An activity from another tenant than the configured one: refused before it
   * reaches the core, and nothing of it is stored (in local mode too, when a tenant is set).
   */
  function foreignTenant(activity: Inbound): boolean {
    return inbound.foreign(settings.TEAMS_TENANT_ID, activity.conversation.tenantId ?? activity.channelData?.tenant?.id);
  }

  /** False for an activity handled before: Teams redelivers when it got no answer in time. */
  async function firstDelivery(activity: Inbound): Promise<boolean> {
    const key = replayKey(activity);
    return key ? inbound.claim(key) : true;
  }

  function replayKey(activity: Inbound): string | undefined {
    return activity.id ? `teams:activity:${baseConversationId(activity.conversation.id)}:${activity.id}` : undefined;
  }

  /**
   * Remembers the activity and tells whether it is new. While the database is
   * down neither can be done: the sender hears that nothing was recorded, and
   * the activity goes no further (false).
   */
  async function seenFirst(activity: Inbound, tell: (reply: Reply) => Promise<unknown>): Promise<boolean> {
    try {
      await remember(activity);
      return await firstDelivery(activity);
    } catch (err) {
      if (!isDatabaseFault(err)) throw err;
      tlog.warn({ error: (err as Error).name }, 'teams: database niet bereikbaar, niets vastgelegd');
      await tell(unavailable());
      return false;
    }
  }

  /** The core's answer; when nothing was recorded, the activity's id is given back so that Teams' redelivery is handled. */
  function safely(run: () => Promise<Reply>, what: string, activity?: Inbound): Promise<Reply> {
    return inbound.safely(run, what, activity && replayKey(activity));
  }

  /**
   * The answer for the sender. Teams has no messages that only one person in
   * a channel sees, so in a channel or group chat the answer is a reply in the
   * sender's thread that names and @-mentions them ("Voor …"); in a personal
   * chat it is just the answer.
   */
  function answerFor(activity: Inbound, card: Card): IMessageActivityInput {
    if (!isGroupConversation(activity)) return cardActivity(card);
    const name = activity.from.name?.trim() || inboundTexts().you;
    const tag = `<at>${name.replace(/[<>]/g, '')}</at>`;
    const mention: Entity = { type: 'mention', text: tag, mentioned: { id: activity.from.id, name, role: 'user' } } as Entity;
    return cardActivity(card, tag, [mention]);
  }

  /** A refused form whose reason is about no single field: the reason above the fields (one under a field is not repeated). */
  function formError(reply: Reply): { error?: Message } {
    return reply.error && reply.message && !reply.form?.fields.some((f) => f.error) ? { error: reply.message } : {};
  }

  async function sendReply(send: (a: IMessageActivityInput) => Promise<unknown>, activity: Inbound, reply: Reply): Promise<void> {
    // The typed message stands in the channel and the post follows it there: a "Geplaatst" would only add noise.
    if (onlyConfirms(reply)) return;
    const header = answerHeader(reply, isGroupConversation(activity) ? 'conversation' : 'sender', activity.from.name);
    let card: Card;
    if (reply.form) card = renderFormCard(reply.form, { ...(header ? { header } : {}), ...formError(reply), nameOf: await preloadNames(nameOf, reply.form, reply.message) });
    else if (reply.message) card = renderCard(reply.message, { ...(header ? { header } : {}), nameOf: await preloadNames(nameOf, reply.message) });
    else return;
    try {
      // Teams counts the answer (a reply in the sender's thread) with
      // everything else the bot sends into the conversation.
      await paced(baseConversationId(activity.conversation.id), () => send(answerFor(activity, card)));
    } catch (err) {
      tlog.warn({ error: (err as Error).message }, 'teams: antwoord aan de afzender niet afgeleverd');
    }
  }

  function toast(text: string): AdaptiveCardActionResponse {
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
  }

  /** A Message as the short text of a card notice: its tone, title, text and lines, names for mentions. */
  async function messageText(message: Message | undefined): Promise<string> {
    if (!message) return inboundTexts().done;
    const names = message.names ?? {};
    const known = await preloadNames(nameOf, message);
    const lines = [message.title, message.text, ...(message.lines ?? [])].filter((t): t is string => Boolean(t)).map((t) => plainNames(t, names, known));
    return `${message.tone ? `${toneEmoji[message.tone].char} ` : ''}${lines.join('\n')}`;
  }

  /** Runs the core for a message activity: a typed line, or an Action.Submit (older clients: a value and no text). */
  async function runMessage(activity: Inbound, key?: Inbound): Promise<Reply> {
    if (activity.value !== undefined && !activity.text?.replace(/<[^>]*>/g, '').trim()) return handleSubmission(activity, activity.value, undefined, key);
    const text = await neutralText(activity.text, activity.entities, activity.recipient.id, (m) => resolveMention(activity, m));
    const context = contextOf(activity);
    return safely(() => core.handleText(context, text || '/help'), 'bericht', key);
  }

  /** A reply into the activity's conversation (its thread in a channel), after the request is gone: what ctx.send does. */
  function proactive(activity: Inbound): (a: IMessageActivityInput) => Promise<unknown> {
    return (a) =>
      call('antwoord sturen', () =>
        api(activity.serviceUrl!).conversations.createActivity(activity.conversation.id, {
          ...a,
          from: { id: activity.recipient.id, name: activity.recipient.name ?? '', role: 'bot' },
          conversation: activity.conversation,
        } as Parameters<ApiClient['conversations']['createActivity']>[1]),
      );
  }

  // The inbox's rows of Teams: the core runs, the answer goes into the conversation as a reply.
  deps.inbox.handle('teams', {
    run: (row: InboxRow) => runMessage(row.payload as Inbound),
    async answer(row: InboxRow, reply: Reply) {
      const activity = row.payload as Inbound;
      if (!activity.serviceUrl) return;
      await sendReply(proactive(activity), activity, reply);
    },
  });

  // Typed commands: `@regiebot signaal …` in a channel, with or without the
  // mention (and the leading slash) in a personal or group chat. Stored, then
  // answered 200; the answer follows once the core ran.
  app.on('message', async (ctx) => {
    const activity = ctx.activity as unknown as Inbound;
    if (foreignTenant(activity)) return;
    const send = (a: IMessageActivityInput) => ctx.send(a);
    if (containsBsn(activity.text ?? '') || !activity.serviceUrl) {
      // A line holding a BSN is never stored, not even in the inbox: the core refuses it at once.
      if (!(await seenFirst(activity, (reply) => sendReply(send, activity, reply)))) return;
      await sendReply(send, activity, await runMessage(activity, activity));
      return;
    }
    let stored: number | undefined;
    try {
      await remember(activity);
      stored = await deps.inbox.enqueue({
        key: replayKey(activity) ?? `teams:activity:${baseConversationId(activity.conversation.id)}:${crypto.randomUUID()}`,
        platform: 'teams',
        conversationId: baseConversationId(activity.conversation.id),
        kind: 'text',
        payload: storable(activity),
      });
    } catch (err) {
      if (!isDatabaseFault(err)) throw err;
      tlog.warn({ error: (err as Error).name }, 'teams: database niet bereikbaar, niets vastgelegd');
      await sendReply(send, activity, unavailable());
      return;
    }
    if (stored === undefined) tlog.info({ activityId: activity.id }, 'teams: activiteit al ontvangen, overgeslagen');
  });

  /**
   * A submitted card: a button of the core's (`signal.ack`) or a form. A form
   * that was accepted is replaced, for everyone, by the answer (`updateCard`).
   */
  async function handleSubmission(activity: Inbound, data: unknown, updateCard?: (card: Card) => Promise<void>, key: Inbound | undefined = activity): Promise<Reply> {
    const submission = parseSubmission(data);
    const context = contextOf(activity);
    if (submission.kind === 'action') return safely(() => core.handleAction(context, submission.actionId, submission.value), submission.actionId, key);
    if (submission.kind === 'form') {
      const reply = await safely(() => core.submitForm(context, submission.formId, submission.values), submission.formId, key);
      if (!reply.error && reply.message && updateCard) {
        const name = activity.from.name?.trim() || inboundTexts().theSender;
        await updateCard(renderCard(reply.message, { header: inboundTexts().filledInBy(name), nameOf: await preloadNames(nameOf, reply.message) })).catch((err: unknown) =>
          tlog.warn({ error: (err as Error).message }, 'teams: formulier niet bijgewerkt'),
        );
      }
      return reply;
    }
    return { error: true, message: { title: inboundTexts().staleButtonTitle, text: inboundTexts().staleButton, tone: 'warning' } };
  }

  // Card buttons (Action.Execute): the answer goes to the presser only, as the
  // invoke response; what changes for everyone (the signal's card) comes
  // through the outbox as an update of that message.
  app.on('card.action', async (ctx) => {
    const activity = ctx.activity as unknown as Inbound;
    if (foreignTenant(activity)) return toast(inboundTexts().otherTenant);
    let down: Message | undefined;
    const note = (reply: Reply) => {
      down = reply.message;
      return Promise.resolve();
    };
    if (!(await seenFirst(activity, note))) return toast(down ? `${down.title}: ${down.text ?? ''}` : inboundTexts().handledBefore);
    const value = (activity.value ?? {}) as { action?: { data?: unknown; verb?: string } };
    let updated: Card | undefined;
    const updateCard = async (card: Card) => {
      updated = card;
      const messageId = activity.replyToId;
      if (!messageId || !activity.serviceUrl) return;
      const conversationId = activity.conversation.id;
      const payload = { ...cardActivity(card), id: messageId };
      await paced(baseConversationId(conversationId), () => call('formulier bijwerken', () => api(activity.serviceUrl!).conversations.updateActivity(conversationId, messageId, payload)));
    };
    const reply = await handleSubmission(activity, value.action?.data, updateCard);
    const submission = parseSubmission(value.action?.data);
    // A form to open, or a refused one again: for the presser, the card is refreshed with what they typed and the error under the field.
    if (reply.form) {
      const card = renderFormCard(reply.form, { ...formError(reply), nameOf: await preloadNames(nameOf, reply.form, reply.message) });
      return { statusCode: 200, type: adaptiveCardType, value: card } satisfies AdaptiveCardActionResponse;
    }
    // A refusal with no form to show again: only a notice, the card stays as it is.
    if (reply.error || submission.kind !== 'form' || !updated) return toast(await messageText(reply.message));
    return { statusCode: 200, type: adaptiveCardType, value: updated } satisfies AdaptiveCardActionResponse;
  });

  // The bot added to a team, channel or chat, people joining and leaving.
  app.on('conversationUpdate', async (ctx) => {
    const activity = ctx.activity as unknown as Inbound;
    if (foreignTenant(activity)) return;
    await remember(activity);
    if (!(await firstDelivery(activity))) return;
    const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient.id);
    if (botAdded) {
      const help = await safely(() => core.handleText(contextOf(activity), '/help'), 'welkom');
      if (help.message) {
        const welcome: Message = { ...help.message, title: teamsTexts().welcomeTitle, text: teamsTexts().welcome };
        try {
          const card = cardActivity(renderCard(welcome, { nameOf: await preloadNames(nameOf, welcome) }));
          await paced(baseConversationId(activity.conversation.id), () => ctx.send(card));
        } catch (err) {
          tlog.warn({ error: (err as Error).message }, 'teams: welkomstbericht niet afgeleverd');
        }
      }
    }
    for (const gone of activity.membersRemoved ?? []) {
      if (gone.id === activity.recipient.id) continue;
      await core.memberLeft(contextOf(activity, gone)).catch(async (err: unknown) => {
        tlog.error({ error: (err as Error).message }, 'teams: vertrek van een lid niet verwerkt');
        await inbound.release(replayKey(activity));
      });
    }
  });

  app.on('install.add', async (ctx) => {
    if (foreignTenant(ctx.activity as unknown as Inbound)) return;
    await remember(ctx.activity as unknown as Inbound);
  });

  app.event('error', ({ error }) => {
    tlog.error({ error: error?.message }, 'teams: fout in de Teams-app');
  });

  // Registers POST /api/messages on our adapter; fetches nothing.
  await app.initialize();

  /** A message in a channel names the team by its Teams id only; Graph needs the group id, which the Bot Connector tells. */
  async function teamGroupIdOf(ref: ConversationRef): Promise<string | undefined> {
    if (!ref.teamId) return undefined;
    const team = await call('team opzoeken', () => api(ref.serviceUrl).teams.getById(ref.teamId!));
    if (team.aadGroupId) await store.saveTeamGroupId(ref.id, team.aadGroupId, clock.now());
    return team.aadGroupId ?? undefined;
  }

  // Optional: removal from the channel through Microsoft Graph (removal.ts).
  // The settings check made sure the app registration is there, in local mode too.
  const removeThroughGraph = settings.TEAMS_GRAPH_REMOVE
    ? graphRemoval({
        graph: new Graph({
          tenantId: settings.TEAMS_TENANT_ID!,
          clientId: settings.TEAMS_CLIENT_ID!,
          clientSecret: settings.TEAMS_CLIENT_SECRET!,
          loginUrl: settings.TEAMS_LOGIN_URL ?? 'https://login.microsoftonline.com',
          graphUrl: settings.TEAMS_GRAPH_URL ?? 'https://graph.microsoft.com/v1.0',
          clock,
        }),
        store,
        log: tlog,
        channelType: (id) => channelTypes.get(id),
        teamGroupId: teamGroupIdOf,
      })
    : undefined;

  const provisioner: Provisioner = {
    // A bot cannot create a channel without Graph permissions (see the README):
    // the case lives in the channel or group chat where `casus nieuw` was typed.
    async createCaseConversation({ requestedIn }) {
      if ((await store.conversation(requestedIn))?.type === 'personal') {
        throw new Error('teams: een casus hoort in een kanaal of groepschat, niet in een persoonlijke chat');
      }
      return requestedIn;
    },
    // Adding people to a channel needs Graph (ChannelMember.ReadWrite.All): the
    // gezinsmanager adds them in Teams; the core records the membership.
    async invite() {},
    // Taking them out needs Graph too. Without it the core says so, with this step;
    // with it (`remove`), a failure says why and names the same step.
    async manualRemoval(conversationId, who) {
      const ref = await store.conversation(conversationId);
      return manualRemovalStep(ref?.type, who, channelTypes.get(conversationId) ?? ref?.channelType);
    },
    ...(removeThroughGraph ? { remove: removeThroughGraph } : {}),
    async accessOf(conversationId) {
      const ref = await store.conversation(conversationId);
      const access = accessOf(ref?.type, channelTypes.get(conversationId) ?? ref?.channelType ?? undefined);
      if (access === 'unknown' && !warnedUnknownType) {
        warnedUnknownType = true;
        tlog.warn('teams: Teams zegt niet of dit kanaal privé of standaard is; casussen worden gekoppeld met een waarschuwing (zie adapters/teams/README.md)');
      }
      return access;
    },
  };

  const routes: Route[] = [http.route(teamsMessagesPath, tlog)];

  return {
    platform: 'teams',
    mode,
    app,
    store,
    routes,
    deliver: createDeliver({
      store,
      http: outboundHttp,
      log: tlog,
      nameOf,
      lookup: (id) => deps.outbox.platformMessageId(id),
      ...(settings.TEAMS_CLIENT_ID && !local ? { botId: `28:${settings.TEAMS_CLIENT_ID}` } : {}),
    }),
    provisioner,
    async start() {
      if (local) {
        tlog.warn(
          { path: teamsMessagesPath },
          '!!! TEAMS_INSECURE_LOCAL=1: /api/messages controleert GEEN tokens. Alleen voor lokaal testen; de server luistert daarom alleen op 127.0.0.1. Nooit in productie gebruiken. !!!',
        );
      } else {
        tlog.info({ path: teamsMessagesPath }, 'teams: luistert op de gedeelde HTTP-server, met controle van Entra-tokens');
      }
    },
  };
}
