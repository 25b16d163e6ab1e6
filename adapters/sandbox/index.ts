import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createInbound, type OutboxItem, type Provisioner, type Route } from '../../src/public.js';
import type { AdapterDeps, PlatformAdapter } from '../types.js';
import { DIRECT_PREFIX, sandboxApiRoutes } from './api.js';
import { channelSlug, SandboxStore } from './store.js';

export { toCoreMentions } from './users.js';

/** The channel every fresh sandbox starts with. */
export const FIRST_CHANNEL = 'algemeen';

const asset = (name: string) => readFileSync(new URL(`./public/${name}`, import.meta.url), 'utf8');

// The page loads its script and style from this server only.
const securityHeaders = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function staticRoute(path: string, file: string, type: string): Route {
  const body = asset(file);
  return {
    method: 'GET',
    path,
    handler: (_req, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, ...securityHeaders }).end(body);
    },
  };
}

/**
 * The local sandbox: a web page at `/` where the demo users type commands in
 * channels and press the bot's buttons. Its channels and delivered messages
 * live in the sandbox tables, so a restart keeps the demo.
 */
export async function createSandboxAdapter(deps: AdapterDeps): Promise<PlatformAdapter> {
  const { db, clock, core, log, outbox, settings } = deps;
  const store = new SandboxStore(db);
  if ((await store.channels()).length === 0) await store.ensureChannel(FIRST_CHANNEL, clock.now());

  // `/casus nieuw` creates a channel; the page switches to it after the command.
  const created = new Map<string, string>();

  const provisioner: Provisioner = {
    async createCaseConversation({ code, creatorId }) {
      const name = channelSlug(`casus-${code}`) || 'casus';
      const { channel } = await store.ensureChannel(name, clock.now());
      created.set(creatorId, channel.id);
      return channel.id;
    },
    // Everyone sees every sandbox channel; the core decides who may do what.
    async invite() {},
  };

  const deliver = async (item: OutboxItem): Promise<string | null> => {
    const now = clock.now();
    switch (item.kind) {
      case 'delete': {
        // Gone already counts as done, as on the platforms.
        const id = Number(item.related?.platformMessageId);
        if (Number.isInteger(id)) await store.deleteMessage(id);
        return null;
      }
      case 'archive':
        // Sandbox channels are not archived; nothing queues this.
        return null;
      case 'post': {
        if (!item.conversationId) throw new Error('sandbox post without a conversation');
        // A command typed in the Direct view has conversation `D-<user>`: answer there.
        if (item.conversationId.startsWith(DIRECT_PREFIX)) {
          const userId = item.conversationId.slice(DIRECT_PREFIX.length);
          return String(await store.insertMessage({ conversationId: null, userId, payload: { message: item.message }, now }));
        }
        if (!(await store.channel(item.conversationId))) {
          log.warn({ outboxId: item.id, conversationId: item.conversationId }, 'sandbox post to a channel the sandbox does not know');
        }
        const payload = { message: item.message, ...(item.message.pin ? { pinned: true } : {}) };
        return String(await store.insertMessage({ conversationId: item.conversationId, userId: null, payload, now }));
      }
      case 'update': {
        const id = Number(item.related?.platformMessageId);
        const existing = Number.isInteger(id) ? await store.message(id) : undefined;
        if (!existing) throw new Error(`sandbox message ${item.related?.platformMessageId ?? '?'} to update does not exist`);
        const pinned = existing.payload.pinned || item.message.pin;
        await store.replaceMessage(id, { ...existing.payload, message: item.message, ...(pinned ? { pinned: true } : {}) }, now);
        return String(id);
      }
      case 'direct': {
        if (!item.userId) throw new Error('sandbox direct message without a user');
        const about = item.related?.conversationId ?? item.conversationId ?? undefined;
        const aboutMessage = Number(item.related?.platformMessageId);
        const payload = { message: item.message, ...(about ? { about } : {}), ...(about && Number.isInteger(aboutMessage) ? { aboutMessage } : {}) };
        return String(await store.insertMessage({ conversationId: null, userId: item.userId, payload, now }));
      }
    }
  };

  const routes: Route[] = [
    staticRoute('/', 'index.html', 'text/html'),
    staticRoute('/sandbox/sandbox.js', 'sandbox.js', 'text/javascript'),
    staticRoute('/sandbox/sandbox.css', 'sandbox.css', 'text/css'),
    staticRoute('/sandbox/favicon.svg', 'favicon.svg', 'image/svg+xml'),
    ...sandboxApiRoutes({
      core,
      store,
      clock,
      log,
      outbox,
      timeZone: settings.TIMEZONE,
      inbound: createInbound('sandbox', { db, clock, log }),
      inbox: deps.inbox,
      takeCreated(userId) {
        const id = created.get(userId);
        created.delete(userId);
        return id;
      },
    }),
  ];

  return {
    platform: 'sandbox',
    routes,
    deliver,
    provisioner,
    async start() {
      // The page has no login: anyone who reaches it can act as any demo user.
      if (!['127.0.0.1', 'localhost', '::1'].includes(settings.HOST)) {
        log.warn(
          { host: settings.HOST },
          'De sandbox heeft geen inlog en is bereikbaar buiten deze computer; zet HOST=127.0.0.1 om dat te voorkomen.',
        );
      }
    },
  };
}
