import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { type ActionId, bsnRefusal, type Clock, containsBsn, type Context, type CoreApi, type FormId, type Inbound, type InboxPort, type InboxRow, isDatabaseFault, type Logger, maskMentionLabels, type Outbox, readBody, refusedEcho, type Reply, type Route, sendJson, unavailable } from '../../src/public.js';
import { channelNamePattern, channelSlug, type SandboxChannel, type SandboxStore, type StoredMessage } from './store.js';
import { sandboxTexts } from './texts.js';
import { demoUser, demoUsers, toCoreMentions } from './users.js';

/** The view id of a user's direct messages, in place of a channel id. */
export const DIRECT = 'direct';
/** The conversation id the core sees for a command typed in the Direct view: `D-<userId>`. */
export const DIRECT_PREFIX = 'D-';

export interface ApiDeps {
  core: CoreApi;
  store: SandboxStore;
  clock: Clock;
  log: Logger;
  outbox: Outbox;
  timeZone: string;
  /** The shared inbound pipeline: the sandbox has no request ids to claim, but builds its context there. */
  inbound: Inbound;
  /** The durable inbox: a command or button press is stored, then worked off; the page waits for it a moment. */
  inbox: InboxPort;
  /** How long a request waits for its answer before it is answered 202 (the page then finds the answer by polling). */
  answerWaitMs?: number;
  /** The channel the provisioner created for this user during the last command, if any (taken once). */
  takeCreated(userId: string): string | undefined;
}

/** A typed line or a button press as the inbox keeps it until it is processed. */
interface SandboxRequest {
  userId: string;
  /** The view it was sent from (a channel id, or DIRECT): where the answer is shown. */
  viewId: string;
  /** The conversation the core sees. */
  conversationId: string;
  text?: string;
  /** The line as the page shows it back (mention labels masked). */
  typed?: string;
  actionId?: string;
  value?: string;
}

class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

// Request bodies. Their messages come from the catalogue at the time of the
// request, so the page reads them in the bot's language.
const t = sandboxTexts;
const userId = z.string({ error: () => t().missing('userId') }).trim().min(1, { error: () => t().missing('userId') });
const channelId = z.string({ error: () => t().missing('channelId') }).trim().min(1, { error: () => t().missing('channelId') });
const anObject = { error: () => t().expectObject };

const commandBody = z.object(
  {
    userId,
    channelId,
    text: z
      .string({ error: () => t().missing('text') })
      .trim()
      .min(1, { error: () => t().typeACommand })
      .max(4000, { error: () => t().commandTooLong }),
  },
  anObject,
);

const actionBody = z.object(
  {
    userId,
    channelId,
    actionId: z.string({ error: () => t().missing('actionId') }).regex(/^[a-z][a-z0-9_.-]{0,63}$/, { error: () => t().invalid('actionId') }),
    value: z.string({ error: () => t().missing('value') }).max(2000, { error: () => t().tooLong('value') }),
    messageId: z.number({ error: () => t().notANumber('messageId') }).int().positive().optional(),
  },
  anObject,
);

const formBody = z.object(
  {
    userId,
    channelId,
    formId: z.string({ error: () => t().missing('formId') }).regex(/^[a-z][a-z0-9_.-]{0,63}$/, { error: () => t().invalid('formId') }),
    values: z.record(z.string(), z.string({ error: () => t().valueNotText }).max(4000, { error: () => t().valueTooLong }), {
      error: () => t().valuesNotObject,
    }),
  },
  anObject,
);

const channelBody = z.object(
  {
    name: z
      .string({ error: () => t().missing('name') })
      .trim()
      .min(1, { error: () => t().nameChannel })
      .max(60, { error: () => t().nameTooLong }),
  },
  anObject,
);

const messagesQuery = z.object({ userId, channelId });
const leaveBody = z.object({ userId, channelId }, anObject);
const userQuery = z.object({ userId });

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const reasons = [...new Set(result.error.issues.map((i) => i.message))];
  throw new BadRequest(t().badRequest(reasons.join('; ')));
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  // Only JSON: a cross-site form post cannot send it without a preflight we never answer.
  if (!/^application\/json\b/i.test(type)) throw new BadRequest(t().sendJson, 415);
  let raw: string;
  try {
    raw = await readBody(req, 100_000);
  } catch {
    throw new BadRequest(t().tooLarge, 413);
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new BadRequest(t().notJson);
  }
}

function query(req: IncomingMessage): Record<string, string> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  return Object.fromEntries(url.searchParams.entries());
}

export function sandboxApiRoutes(deps: ApiDeps): Route[] {
  const { core, store, clock, log } = deps;
  const timeFormat = new Intl.DateTimeFormat(t().timeLocale, {
    timeZone: deps.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

  const knownUser = (id: string) => {
    const user = demoUser(id);
    if (!user) throw new BadRequest(t().unknownUser(id, demoUsers.map((u) => u.id).join(', ')));
    return user;
  };
  /** A channel id, or DIRECT for the user's direct messages. */
  const knownView = async (id: string): Promise<SandboxChannel | typeof DIRECT> => {
    if (id === DIRECT) return DIRECT;
    const channel = await store.channel(id);
    if (!channel) throw new BadRequest(t().unknownChannel(id));
    return channel;
  };

  const channelList = async () => {
    const latest = await store.latestPostIds();
    return (await store.channels()).map((c) => ({ ...c, latestId: latest.get(c.id) ?? 0 }));
  };

  const view = async (m: StoredMessage) => ({
    id: m.id,
    kind: m.kind,
    conversationId: m.conversationId,
    message: m.payload.message ?? null,
    pinned: m.payload.pinned ?? false,
    error: m.payload.error ?? false,
    typed: m.payload.typed ?? null,
    about: m.payload.about
      ? { id: m.payload.about, name: (await store.channel(m.payload.about))?.name ?? m.payload.about, messageId: m.payload.aboutMessage ?? null }
      : null,
    time: timeFormat.format(m.createdAt),
    edited: m.updatedAt ? timeFormat.format(m.updatedAt) : null,
  });

  const context = (uid: string, conversationId: string): Context => deps.inbound.context({ userId: uid, displayName: knownUser(uid).name }, conversationId);

  /** What the bot put in the outbox during a call is delivered before we answer, so the page shows it at once. */
  const settle = async () => {
    const until = Date.now() + 1500;
    while ((await deps.outbox.due('sandbox', clock.now(), 1)).length > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 15));
    }
  };

  /** The sandbox message id of a delivered post (by its outbox id), after waiting for the delivery. */
  const postedAnchor = async (outboxId: number): Promise<number | undefined> => {
    await settle();
    const id = Number(await deps.outbox.platformMessageId(outboxId));
    return Number.isInteger(id) && id > 0 ? id : undefined;
  };

  /** Stores the reply for the user who acted (ephemeral), where the page shows it; gives the anchor of the post a "Geplaatst" confirms. */
  const keep = async (uid: string, viewId: string, reply: Reply, typed?: string): Promise<number | undefined> => {
    // "Geplaatst" links to the post it confirms, once that post is in the channel.
    const posted = reply.posted !== undefined && viewId !== DIRECT ? await postedAnchor(reply.posted) : undefined;
    if (reply.message || (!reply.form && typed)) {
      await store.insertMessage({
        conversationId: viewId === DIRECT ? null : viewId,
        userId: uid,
        payload: {
          ...(reply.message ? { message: reply.message } : {}),
          ...(reply.error ? { error: true } : {}),
          ...(typed ? { typed: reply.typedShown ?? typed } : {}),
          ...(posted !== undefined ? { about: viewId, aboutMessage: posted } : {}),
        },
        now: clock.now(),
      });
    }
    return posted;
  };

  /** Stores the reply for the user who acted and answers the page. */
  const answer = async (res: ServerResponse, uid: string, viewId: string, reply: Reply, typed?: string, switchTo = deps.takeCreated(uid)) => {
    const posted = await keep(uid, viewId, reply, typed);
    await reply200(res, reply, typed, switchTo, posted);
  };

  const reply200 = async (res: ServerResponse, reply: Reply, typed?: string, switchTo?: string, posted?: number) => {
    await settle();
    sendJson(res, 200, {
      reply: { ...(reply.message ? { message: reply.message } : {}), ...(reply.form ? { form: reply.form } : {}), error: reply.error ?? false },
      ...(posted !== undefined ? { posted } : {}),
      channels: await channelList(),
      ...(switchTo ? { switchTo } : {}),
      ...(typed ? { typed } : {}),
    });
  };

  /** What the page is told when it waited for its answer (handed on by the processor, from any thread). */
  interface Answered {
    reply: Reply;
    typed?: string;
    switchTo?: string;
    posted?: number;
  }

  deps.inbox.handle('sandbox', {
    run(row: InboxRow) {
      const r = row.payload as SandboxRequest;
      const ctx = context(r.userId, r.conversationId);
      if (row.kind === 'action' && r.actionId) return deps.inbound.safely(() => core.handleAction(ctx, r.actionId as ActionId, r.value ?? ''), r.actionId);
      return deps.inbound.safely(() => core.handleText(ctx, r.text ?? ''), 'command');
    },
    async answer(row: InboxRow, reply: Reply) {
      const r = row.payload as SandboxRequest;
      const posted = await keep(r.userId, r.viewId, reply, r.typed);
      // The channel `/casus nieuw` made, for the page to switch to (taken where the core ran).
      const switchTo = deps.takeCreated(r.userId);
      const answered: Answered = { reply, ...(r.typed ? { typed: r.typed } : {}), ...(switchTo ? { switchTo } : {}), ...(posted !== undefined ? { posted } : {}) };
      return answered;
    },
  });

  /**
   * Stores the request in the inbox and waits a moment for the processor: the
   * answer as before when it comes in time, else 202 with the row id (the page
   * shows the answer when it polls).
   */
  const queue = async (res: ServerResponse, request: SandboxRequest, kind: 'text' | 'action') => {
    const id = await deps.inbox.enqueue({ key: `sandbox:${randomUUID()}`, platform: 'sandbox', conversationId: request.conversationId, kind, payload: request });
    if (id === undefined) throw new Error('sandbox: a fresh request id was taken');
    const processed = await deps.inbox.processed(id, deps.answerWaitMs ?? 5000);
    const result = processed.note as Answered | undefined;
    if (processed.done && result?.reply) {
      await reply200(res, result.reply, result.typed, result.switchTo, result.posted);
      return;
    }
    sendJson(res, 202, { queued: id, channels: await channelList(), ...(request.typed ? { typed: request.typed } : {}) });
  };

  const get: Record<string, (req: IncomingMessage, res: ServerResponse) => void | Promise<void>> = {
    users: (_req, res) => sendJson(res, 200, { users: demoUsers }),
    channels: async (req, res) => {
      const q = parse(userQuery, query(req));
      knownUser(q.userId);
      sendJson(res, 200, { channels: await channelList(), direct: { latestId: await store.latestDirectId(q.userId) } });
    },
    messages: async (req, res) => {
      const q = parse(messagesQuery, query(req));
      knownUser(q.userId);
      const v = await knownView(q.channelId);
      const rows = v === DIRECT ? await store.directMessages(q.userId) : await store.channelMessages(v.id, q.userId);
      const messages = [];
      for (const m of rows) messages.push(await view(m));
      sendJson(res, 200, { channel: v === DIRECT ? { id: DIRECT, name: t().direct } : v, messages });
    },
  };

  const post: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
    channels: async (req, res) => {
      const body = parse(channelBody, await jsonBody(req));
      if (containsBsn(body.name)) throw new BadRequest(t().badChannelName(bsnRefusal()));
      const name = channelSlug(body.name.replace(/^#/, ''));
      if (!channelNamePattern.test(name)) {
        throw new BadRequest(t().channelNameRule);
      }
      const { channel, created } = await store.ensureChannel(name, clock.now());
      sendJson(res, created ? 201 : 200, { channel, created, channels: await channelList() });
    },
    command: async (req, res) => {
      const body = parse(commandBody, await jsonBody(req));
      knownUser(body.userId);
      const v = await knownView(body.channelId);
      const conversationId = v === DIRECT ? `${DIRECT_PREFIX}${body.userId}` : v.id;
      deps.takeCreated(body.userId);
      // The echo of a line with a BSN is never stored: the page shows that it was refused, not what it
      // said. A mention label with one is hidden, as the core hides it.
      const echo = maskMentionLabels(body.text);
      if (containsBsn(body.text)) {
        // Not even in the inbox: the core refuses it at once.
        const reply = await core.handleText(context(body.userId, conversationId), toCoreMentions(body.text));
        await answer(res, body.userId, body.channelId, reply, containsBsn(echo) ? refusedEcho() : echo);
        return;
      }
      await queue(res, { userId: body.userId, viewId: body.channelId, conversationId, text: toCoreMentions(body.text), typed: echo }, 'text');
    },
    action: async (req, res) => {
      const body = parse(actionBody, await jsonBody(req));
      knownUser(body.userId);
      const v = await knownView(body.channelId);
      // A button on a direct message acts in the channel the message is about.
      const pressed = body.messageId !== undefined ? await store.message(body.messageId) : undefined;
      if (body.messageId !== undefined && !pressed) throw new BadRequest(t().unknownMessage(body.messageId));
      const conversationId = pressed?.conversationId ?? pressed?.payload.about ?? (v === DIRECT ? `${DIRECT_PREFIX}${body.userId}` : v.id);
      deps.takeCreated(body.userId);
      await queue(res, { userId: body.userId, viewId: body.channelId, conversationId, actionId: body.actionId, value: body.value }, 'action');
    },
    // Someone leaves a channel, as Slack's member_left_channel and a Teams membersRemoved tell the core.
    leave: async (req, res) => {
      const body = parse(leaveBody, await jsonBody(req));
      knownUser(body.userId);
      const v = await knownView(body.channelId);
      if (v === DIRECT) throw new BadRequest(t().invalid('channelId'));
      await core.memberLeft(context(body.userId, v.id));
      await settle();
      sendJson(res, 200, { channels: await channelList() });
    },
    form: async (req, res) => {
      const body = parse(formBody, await jsonBody(req));
      knownUser(body.userId);
      const v = await knownView(body.channelId);
      const conversationId = v === DIRECT ? `${DIRECT_PREFIX}${body.userId}` : v.id;
      deps.takeCreated(body.userId);
      const reply = await core.submitForm(context(body.userId, conversationId), body.formId as FormId, body.values);
      if (reply.error && reply.message) {
        // The dialog stays open with what was typed and shows the refusal under its field: nothing in the chat.
        sendJson(res, 200, { reply: { message: reply.message, error: true, ...(reply.field ? { field: reply.field } : {}) }, channels: await channelList() });
        return;
      }
      await answer(res, body.userId, body.channelId, reply);
    },
  };

  const dispatch =
    <H extends (req: IncomingMessage, res: ServerResponse) => unknown>(table: Record<string, H>) =>
    async (req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const name = path.slice('/sandbox/api/'.length);
      const handler = Object.hasOwn(table, name) ? table[name] : undefined;
      if (!handler) {
        sendJson(res, 404, { error: t().unknownPath(path) });
        return;
      }
      try {
        await handler(req, res);
      } catch (err) {
        if (err instanceof BadRequest) {
          sendJson(res, err.status, { error: err.message });
          return;
        }
        if (isDatabaseFault(err)) {
          // The page shows this in its status line: nothing was recorded, try again shortly.
          const { message } = unavailable();
          if (!res.headersSent) sendJson(res, 503, { error: `${message!.title}: ${message!.text}` });
          return;
        }
        log.error({ err: { message: (err as Error).message, stack: (err as Error).stack } }, 'sandbox request failed');
        if (!res.headersSent) sendJson(res, 500, { error: t().failed });
      }
    };

  return [
    { method: 'GET', path: '/sandbox/api/*', handler: dispatch(get) },
    { method: 'POST', path: '/sandbox/api/*', handler: dispatch(post) },
  ];
}
