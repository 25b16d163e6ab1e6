import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Context } from '../../src/actors.js';
import type { Clock } from '../../src/clock.js';
import type { CoreApi } from '../../src/core/api.js';
import { unavailable } from '../../src/kernel/replies.js';
import { isDatabaseFault } from '../../db/faults.js';
import { readBody, sendJson, type Route } from '../../src/http/server.js';
import type { Logger } from '../../src/log.js';
import type { ActionId, FormId, Reply } from '../../src/kernel/message.js';
import type { Outbox } from '../../src/outbox/outbox.js';
import { bsnRefusal, containsBsn, maskMentionLabels, refusedEcho } from '../../src/privacy/bsn.js';
import { channelNamePattern, channelSlug, type SandboxChannel, type SandboxStore, type StoredMessage } from './store.js';
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
  /** The channel the provisioner created for this user during the last command, if any (taken once). */
  takeCreated(userId: string): string | undefined;
}

class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

// Request bodies. Every message a user can read is Dutch.
const userId = z.string({ error: 'userId ontbreekt' }).trim().min(1, 'userId ontbreekt');
const channelId = z.string({ error: 'channelId ontbreekt' }).trim().min(1, 'channelId ontbreekt');

const commandBody = z.object(
  {
    userId,
    channelId,
    text: z
      .string({ error: 'text ontbreekt' })
      .trim()
      .min(1, 'typ een commando, bijvoorbeeld /help')
      .max(4000, 'het commando is te lang (hoogstens 4000 tekens)'),
  },
  { error: 'verwacht een JSON-object' },
);

const actionBody = z.object(
  {
    userId,
    channelId,
    actionId: z.string({ error: 'actionId ontbreekt' }).regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'actionId is ongeldig'),
    value: z.string({ error: 'value ontbreekt' }).max(2000, 'value is te lang'),
    messageId: z.number({ error: 'messageId moet een getal zijn' }).int().positive().optional(),
  },
  { error: 'verwacht een JSON-object' },
);

const formBody = z.object(
  {
    userId,
    channelId,
    formId: z.string({ error: 'formId ontbreekt' }).regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'formId is ongeldig'),
    values: z.record(z.string(), z.string({ error: 'elke waarde in values moet tekst zijn' }).max(4000, 'een waarde is te lang'), {
      error: 'values moet een object met tekstwaarden zijn',
    }),
  },
  { error: 'verwacht een JSON-object' },
);

const channelBody = z.object(
  {
    name: z
      .string({ error: 'name ontbreekt' })
      .trim()
      .min(1, 'geef het kanaal een naam')
      .max(60, 'de naam is te lang (hoogstens 60 tekens)'),
  },
  { error: 'verwacht een JSON-object' },
);

const messagesQuery = z.object({ userId, channelId });
const userQuery = z.object({ userId });

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const reasons = [...new Set(result.error.issues.map((i) => i.message))];
  throw new BadRequest(`Ongeldig verzoek: ${reasons.join('; ')}.`);
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  // Only JSON: a cross-site form post cannot send it without a preflight we never answer.
  if (!/^application\/json\b/i.test(type)) throw new BadRequest('Verstuur de gegevens als JSON (content-type: application/json).', 415);
  let raw: string;
  try {
    raw = await readBody(req, 100_000);
  } catch {
    throw new BadRequest('Het verzoek is te groot.', 413);
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new BadRequest('Ongeldig verzoek: de inhoud is geen geldige JSON.');
  }
}

function query(req: IncomingMessage): Record<string, string> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  return Object.fromEntries(url.searchParams.entries());
}

export function sandboxApiRoutes(deps: ApiDeps): Route[] {
  const { core, store, clock, log } = deps;
  const timeFormat = new Intl.DateTimeFormat('nl-NL', {
    timeZone: deps.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

  const knownUser = (id: string) => {
    const user = demoUser(id);
    if (!user) throw new BadRequest(`Onbekende gebruiker "${id}". Kies een van: ${demoUsers.map((u) => u.id).join(', ')}.`);
    return user;
  };
  /** A channel id, or DIRECT for the user's direct messages. */
  const knownView = async (id: string): Promise<SandboxChannel | typeof DIRECT> => {
    if (id === DIRECT) return DIRECT;
    const channel = await store.channel(id);
    if (!channel) throw new BadRequest(`Onbekend kanaal "${id}".`);
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
    about: m.payload.about ? { id: m.payload.about, name: (await store.channel(m.payload.about))?.name ?? m.payload.about } : null,
    time: timeFormat.format(m.createdAt),
    edited: m.updatedAt ? timeFormat.format(m.updatedAt) : null,
  });

  const context = (uid: string, conversationId: string): Context => ({
    actor: { platform: 'sandbox', userId: uid, displayName: knownUser(uid).name },
    conversationId,
    now: clock.now(),
  });

  /** What the bot put in the outbox during a call is delivered before we answer, so the page shows it at once. */
  const settle = async () => {
    const until = Date.now() + 1500;
    while ((await deps.outbox.due('sandbox', clock.now(), 1)).length > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 15));
    }
  };

  /** Stores the reply for the user who acted (ephemeral) and answers the page. */
  const answer = async (res: ServerResponse, uid: string, viewId: string, reply: Reply, typed?: string) => {
    if (reply.message || (!reply.form && typed)) {
      await store.insertMessage({
        conversationId: viewId === DIRECT ? null : viewId,
        userId: uid,
        payload: {
          ...(reply.message ? { message: reply.message } : {}),
          ...(reply.error ? { error: true } : {}),
          ...(typed ? { typed: reply.typedShown ?? typed } : {}),
        },
        now: clock.now(),
      });
    }
    await settle();
    const switchTo = deps.takeCreated(uid);
    sendJson(res, 200, {
      reply: { ...(reply.message ? { message: reply.message } : {}), ...(reply.form ? { form: reply.form } : {}), error: reply.error ?? false },
      channels: await channelList(),
      ...(switchTo ? { switchTo } : {}),
      ...(typed ? { typed } : {}),
    });
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
      sendJson(res, 200, { channel: v === DIRECT ? { id: DIRECT, name: 'Direct' } : v, messages });
    },
  };

  const post: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>> = {
    channels: async (req, res) => {
      const body = parse(channelBody, await jsonBody(req));
      if (containsBsn(body.name)) throw new BadRequest(`Ongeldige kanaalnaam: ${bsnRefusal()}`);
      const name = channelSlug(body.name.replace(/^#/, ''));
      if (!channelNamePattern.test(name)) {
        throw new BadRequest('Ongeldige kanaalnaam: gebruik kleine letters, cijfers en streepjes, bijvoorbeeld "casus-overleg".');
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
      const reply = await core.handleText(context(body.userId, conversationId), toCoreMentions(body.text));
      // The echo of a line with a BSN is never stored: the page shows that it was refused, not what it
      // said. A mention label with one is hidden, as the core hides it.
      const echo = maskMentionLabels(body.text);
      await answer(res, body.userId, body.channelId, reply, containsBsn(echo) ? refusedEcho() : echo);
    },
    action: async (req, res) => {
      const body = parse(actionBody, await jsonBody(req));
      knownUser(body.userId);
      const v = await knownView(body.channelId);
      // A button on a direct message acts in the channel the message is about.
      const pressed = body.messageId !== undefined ? await store.message(body.messageId) : undefined;
      if (body.messageId !== undefined && !pressed) throw new BadRequest(`Onbekend bericht ${body.messageId}.`);
      const conversationId = pressed?.conversationId ?? pressed?.payload.about ?? (v === DIRECT ? `${DIRECT_PREFIX}${body.userId}` : v.id);
      deps.takeCreated(body.userId);
      const reply = await core.handleAction(context(body.userId, conversationId), body.actionId as ActionId, body.value);
      await answer(res, body.userId, body.channelId, reply);
    },
    form: async (req, res) => {
      const body = parse(formBody, await jsonBody(req));
      knownUser(body.userId);
      const v = await knownView(body.channelId);
      const conversationId = v === DIRECT ? `${DIRECT_PREFIX}${body.userId}` : v.id;
      deps.takeCreated(body.userId);
      const reply = await core.submitForm(context(body.userId, conversationId), body.formId as FormId, body.values);
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
        sendJson(res, 404, { error: `Onbekend adres ${path}.` });
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
        if (!res.headersSent) sendJson(res, 500, { error: 'Er ging iets mis in de bot. Probeer het opnieuw; blijft het misgaan, kijk dan in het log.' });
      }
    };

  return [
    { method: 'GET', path: '/sandbox/api/*', handler: dispatch(get) },
    { method: 'POST', path: '/sandbox/api/*', handler: dispatch(post) },
  ];
}
