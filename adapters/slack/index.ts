import { App, HTTPReceiver, SocketModeReceiver, webApi, type Receiver, type RespondFn } from '@slack/bolt';
import { type ActionId, containsBsn, createInbound, type Form, type InboxRow, inboundTexts, type Message, type Reply, type Route, safeName, unavailable } from '../../src/public.js';
import type { AdapterDeps, PlatformAdapter } from '../types.js';
import { createDeliver } from './deliver.js';
import { call, SlackCallError, slackErrorCode } from './errors.js';
import { decodeMetadata, formErrors, formValues, isFormId, renderForm } from './forms.js';
import { renderHome } from './home.js';
import { boltLogger } from './logger.js';
import { createProvisioner } from './provisioner.js';
import { baseActionId, neutralText, renderMessage } from './render.js';
import { slackTexts } from './texts.js';

// The Slack adapter: Bolt in, Web API out, nothing else. A slash command or a
// button press is stored in the inbox and acknowledged; the inbox processor
// then runs the core and shows the Reply to the person who made it, through
// response_url. A modal submission stays synchronous: Slack wants its field
// errors or next view in the ack. Everything the channel sees goes through
// the outbox and `deliver`.

export const slackEventsPath = '/slack/events';

/** How long a listener waits for the core before it acknowledges without the answer, unless told otherwise: Slack allows 3 s. */
export const ACK_BUDGET_MS = 2500;

export interface SlackAdapterOptions {
  /**
   * How long a listener waits for the core before it acknowledges without the
   * answer (and sends the answer later through response_url). Slack allows 3 s.
   */
  ackBudgetMs?: number;
  /**
   * Socket Mode: how long `start()` waits for the connection before it lets
   * the app run on (the client keeps trying in the background).
   */
  socketStartTimeoutMs?: number;
}

export interface SlackAdapter extends PlatformAdapter {
  platform: 'slack';
  mode: 'http' | 'socket';
  bolt: App;
  /** Resolves once the work started after an ack (the inbox's rows too) is done. */
  settled(): Promise<void>;
}

const commandPattern = /^\/[a-z][a-z0-9_-]*$/;
/** Action ids the core gives its buttons (`signal.ack`), with the `#n` suffix of a repeat. */
const actionPattern = /^[a-z][a-z0-9_]*\.[a-z0-9_.]+(#[0-9-]+)?$/;
const formPattern = /^[a-z][a-z0-9_]*$/;


const timedOut = Symbol('timedOut');

/** A slash command or button press as the inbox keeps it until it is processed and answered. */
interface SlackRequest {
  userId: string;
  userName: string;
  channelId: string;
  triggerId: string;
  responseUrl?: string;
  /** A command: the command word, and the line as the core reads it. */
  command?: string;
  line?: string;
  /** A button: the core's action id and the button's value. */
  actionId?: string;
  value?: string;
}

/** Posts to a response_url: what Bolt's respond() does, for an answer given after the request is gone. */
type Respond = (body: Record<string, unknown>) => Promise<unknown>;

/** Slack's window for x-slack-request-timestamp, either way. */
const requestWindowSeconds = 5 * 60;

/**
 * Bolt refuses a request older than five minutes but not one dated ahead, which
 * a captured request signed for a later time would use to outlive the window.
 * Wall-clock time, as in Bolt's own check: the signature is about transport,
 * not about the app's (possibly injected) clock. Socket Mode has no such header.
 */
export function fromTheFuture(header: string | string[] | undefined, nowMs: number): boolean {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds > Math.floor(nowMs / 1000) + requestWindowSeconds;
}

function otherWorkspace(): Message {
  const t = inboundTexts();
  return { title: t.notAllowed, text: t.otherWorkspace, tone: 'danger' };
}

function ephemeral(message: Message): { response_type: 'ephemeral'; text: string; blocks: ReturnType<typeof renderMessage>['blocks'] } {
  const rendered = renderMessage(message);
  return { response_type: 'ephemeral', text: rendered.text, blocks: rendered.blocks };
}

export async function createSlackAdapter(deps: AdapterDeps, options: SlackAdapterOptions = {}): Promise<SlackAdapter> {
  const { core, settings, clock, log } = deps;
  const token = settings.SLACK_BOT_TOKEN;
  const signingSecret = settings.SLACK_SIGNING_SECRET;
  if (!token || !signingSecret) throw new Error('Slack: SLACK_BOT_TOKEN en SLACK_SIGNING_SECRET zijn allebei nodig.');
  const ackBudgetMs = options.ackBudgetMs ?? ACK_BUDGET_MS;
  const slog = log.child({ component: 'slack' });
  const logger = boltLogger(log);
  const inbound = createInbound('slack', { db: deps.db, clock, log: slog });

  // The outbox retries and honours Retry-After; the client itself must not.
  const clientOptions = (): webApi.WebClientOptions => ({
    ...(settings.SLACK_API_URL ? { slackApiUrl: settings.SLACK_API_URL } : {}),
    ...(settings.SLACK_TEAM_ID ? { teamId: settings.SLACK_TEAM_ID } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
  });

  // Who the bot is, once, so that Bolt need not ask on every request.
  let botUserId: string | undefined;
  let botId: string | undefined;
  try {
    const who = await new webApi.WebClient(token, { ...clientOptions(), logger }).auth.test();
    botUserId = who.user_id;
    botId = who.bot_id;
  } catch (err) {
    const code = slackErrorCode(err);
    if (code && ['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type'].includes(code)) {
      throw new Error(`Slack weigert SLACK_BOT_TOKEN (${code}). Gebruik het Bot User OAuth Token (xoxb-…) van de geïnstalleerde app.`);
    }
    slog.warn({ error: code ?? (err as Error).name }, 'slack: auth.test mislukt bij het starten; Bolt probeert het bij het eerste verzoek opnieuw');
  }

  const socketMode = Boolean(settings.SLACK_APP_TOKEN);
  let receiver: Receiver;
  let httpReceiver: HTTPReceiver | undefined;
  if (socketMode) {
    receiver = new SocketModeReceiver({
      appToken: settings.SLACK_APP_TOKEN!,
      logger,
      installerOptions: { clientOptions: clientOptions() },
    });
  } else {
    // Mounted on the shared server below; Bolt never opens a port of its own.
    // processBeforeResponse stays off: ack() answers Slack at once.
    httpReceiver = new HTTPReceiver({
      signingSecret,
      endpoints: slackEventsPath,
      processBeforeResponse: false,
      logger,
    });
    receiver = httpReceiver;
  }

  const bolt = new App({
    token,
    ...(botId ? { botId } : {}),
    ...(botUserId ? { botUserId } : {}),
    tokenVerificationEnabled: false,
    receiver,
    logger,
    clientOptions: clientOptions(),
  });
  const client = bolt.client;

  // Work started after an ack; tests and shutdown wait for it.
  const pending = new Set<Promise<unknown>>();
  function track(work: Promise<unknown>, replayKey?: string): void {
    const p = work
      .catch(async (err) => {
        slog.error({ error: (err as Error).message }, 'slack: verwerking na ack mislukt');
        await inbound.release(replayKey);
      })
      .finally(() => pending.delete(p));
    pending.add(p);
  }

  /** The ledger key the middleware claimed for this request (see below). */
  function replayKeyOf(context: Record<string, unknown>): string | undefined {
    return typeof context.replayKey === 'string' ? context.replayKey : undefined;
  }

  // Before any listener: requests from another workspace are refused, and an
  // event Slack delivers again (x-slack-retry-num, or twice) is handled once.
  bolt.use(async (args) => {
    // Bolt acks an event before this runs, and the check below awaits the
    // database: until the listener has tracked its own work, this is the work
    // in flight that tests and shutdown wait for.
    let checked!: () => void;
    const checking = new Promise<void>((resolve) => (checked = resolve));
    pending.add(checking);
    try {
      const body = args.body as {
        team_id?: string;
        team?: { id?: string };
        user?: { team_id?: string };
        type?: string;
        event_id?: string;
        trigger_id?: string;
        command?: string;
      };
      const team = body.team_id ?? body.team?.id ?? body.user?.team_id;
      const ack = 'ack' in args && typeof args.ack === 'function' ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
      if (inbound.foreign(settings.SLACK_TEAM_ID, team)) {
        await ack?.(body.type === 'view_submission' || body.type === 'block_actions' ? undefined : ephemeral(otherWorkspace()));
        return;
      }
      if (body.type === 'event_callback' && body.event_id && !(await inbound.claim(`slack:event:${body.event_id}`))) {
        slog.info({ eventId: body.event_id, retry: args.context.retryNum ?? 0 }, 'slack: event al verwerkt, overgeslagen');
        return;
      }
      if (body.type === 'event_callback' && body.event_id) args.context.replayKey = `slack:event:${body.event_id}`;
      // Slash commands and interactions carry a trigger_id, new for every
      // request: one seen before is a replay (a captured signed request sent again).
      // Commands and buttons are stored in the inbox under that key, whose
      // insert is the check (see the listeners); a modal submission is checked here.
      const inboxed = Boolean(body.command) || body.type === 'block_actions';
      const triggerId = body.type === 'event_callback' || inboxed ? undefined : body.trigger_id;
      if (triggerId) {
        const key = `slack:trigger:${triggerId}`;
        let first: boolean;
        try {
          first = await inbound.claim(key);
        } catch (err) {
          // Without the ledger a replay cannot be told apart: handle nothing, say so.
          slog.error({ error: (err as Error).message }, 'slack: verzoek-id niet vastgelegd');
          const t = slackTexts();
          // The same words as the core's answer while the database is down: it is the same outage.
          const notice: Message = unavailable().message!;
          // A command shows it as its answer, a form in place of the form, a button through response_url.
          if (body.command) await ack?.(ephemeral(notice));
          else if (body.type === 'view_submission') {
            await ack?.({ response_action: 'update', view: { type: 'modal', title: { type: 'plain_text', text: notice.title }, close: { type: 'plain_text', text: t.close }, blocks: ephemeral(notice).blocks } });
          } else {
            await ack?.();
            if ('respond' in args && typeof args.respond === 'function') await (args.respond as RespondFn)({ ...ephemeral(notice), replace_original: false });
          }
          return;
        }
        if (!first) {
          slog.warn({ type: body.type ?? 'command' }, 'slack: verzoek al verwerkt (zelfde trigger_id), overgeslagen');
          const t = slackTexts();
          await ack?.(body.command ? ephemeral({ title: t.replayTitle, text: t.replayText, tone: 'warning' }) : undefined);
          return;
        }
        args.context.replayKey = key;
      }
      await args.next();
    } finally {
      pending.delete(checking);
      checked();
    }
  });

  /** The core's answer. Slack's provisioning refusals are ProvisionErrors, which the core itself turns into the person's answer. */
  function safely(run: () => Promise<Reply>, what: string, replayKey?: string): Promise<Reply> {
    return inbound.safely(run, what, replayKey);
  }

  function withinBudget<T>(work: Promise<T>): Promise<T | typeof timedOut> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof timedOut>((resolve) => {
      timer = setTimeout(() => resolve(timedOut), ackBudgetMs);
      timer.unref();
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  /** Shows a message to one person only: response_url, else an ephemeral message, else the app's DM. */
  async function tell(userId: string, channelId: string, message: Message, respond?: Respond): Promise<void> {
    const body = ephemeral(message);
    if (respond) {
      try {
        await respond({ ...body, replace_original: false });
        return;
      } catch (err) {
        // A response_url lasts 30 minutes (an answer after a long outage): the ephemeral message below instead.
        slog.warn({ error: (err as Error).message }, 'slack: response_url weigert; antwoord als tijdelijk bericht');
      }
    }
    if (channelId) {
      try {
        await call('chat.postEphemeral', () => client.chat.postEphemeral({ channel: channelId, user: userId, text: body.text, blocks: body.blocks }));
        return;
      } catch (err) {
        if (!(err instanceof SlackCallError)) throw err;
      }
    }
    await call('chat.postMessage', () => client.chat.postMessage({ channel: userId, text: body.text, blocks: body.blocks }));
  }

  async function openForm(form: Form, triggerId: string, channelId: string, userId: string, respond?: Respond): Promise<void> {
    try {
      await call('views.open', () => client.views.open({ trigger_id: triggerId, view: renderForm(form, { channelId }) }));
    } catch (err) {
      slog.warn({ form: form.id, error: (err as Error).message }, 'slack: formulier openen mislukt');
      await tell(
        userId,
        channelId,
        { title: inboundTexts().formFailedTitle, text: inboundTexts().formFailed(form.id), tone: 'warning' },
        respond,
      );
    }
  }

  const contextFor = (userId: string, displayName: string, conversationId: string) => inbound.context({ userId, displayName }, conversationId);

  /** A response_url as a function, for an answer given after the request was acknowledged. */
  function respondVia(url: string): Respond {
    return async (body) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`response_url ${res.status}`);
    };
  }

  /**
   * Stores a command or button press in the inbox before the ack. Its id, or
   * `seen` for a request stored before (a replay), or `down` when the
   * database is gone: then nothing was stored and the person must hear so.
   */
  async function store(request: SlackRequest, kind: 'text' | 'action'): Promise<number | 'seen' | 'down'> {
    try {
      const id = await deps.inbox.enqueue({ key: `slack:trigger:${request.triggerId}`, platform: 'slack', conversationId: request.channelId, kind, payload: request });
      return id ?? 'seen';
    } catch (err) {
      slog.error({ error: (err as Error).message }, 'slack: verzoek niet in de inbox vastgelegd');
      return 'down';
    }
  }

  // The inbox's rows of Slack: the core runs, the answer goes to the person through response_url.
  deps.inbox.handle('slack', {
    run(row: InboxRow) {
      const r = row.payload as SlackRequest;
      const ctx = contextFor(r.userId, r.userName, r.channelId);
      if (row.kind === 'action' && r.actionId) return safely(() => core.handleAction(ctx, r.actionId as ActionId, r.value ?? ''), r.actionId);
      return safely(() => core.handleText(ctx, r.line ?? ''), r.command ?? 'command');
    },
    async answer(row: InboxRow, reply: Reply) {
      const r = row.payload as SlackRequest;
      const respond = r.responseUrl ? respondVia(r.responseUrl) : undefined;
      if (reply.form) await openForm(reply.form, r.triggerId, r.channelId, r.userId, respond);
      else if (reply.message) await tell(r.userId, r.channelId, reply.message, respond);
    },
  });

  // Slash commands: stored, then acknowledged with an empty body (Slack shows
  // nothing); the answer follows through response_url once the core ran.
  bolt.command(commandPattern, async ({ command, ack }) => {
    const line = `${command.command} ${neutralText(command.text ?? '')}`.trim();
    if (containsBsn(line)) {
      // A line holding a BSN is never stored, not even in the inbox: the core
      // refuses it (and audits the refusal) at once, and the refusal is the ack.
      const refused = await safely(() => core.handleText(contextFor(command.user_id, command.user_name, command.channel_id), line), command.command);
      await ack(refused.message ? ephemeral(refused.message) : undefined);
      return;
    }
    const stored = await store(
      {
        userId: command.user_id,
        // A name holding a BSN is hidden before it is stored.
        userName: safeName(command.user_name),
        channelId: command.channel_id,
        triggerId: command.trigger_id,
        responseUrl: command.response_url,
        command: command.command,
        line,
      },
      'text',
    );
    if (stored === 'down') {
      // The same words as the core's answer while the database is down: it is the same outage.
      await ack(ephemeral(unavailable().message!));
      return;
    }
    if (stored === 'seen') {
      slog.warn({ type: 'command' }, 'slack: verzoek al verwerkt (zelfde trigger_id), overgeslagen');
      const t = slackTexts();
      await ack(ephemeral({ title: t.replayTitle, text: t.replayText, tone: 'warning' }));
      return;
    }
    await ack();
  });

  // Buttons on the core's messages: stored, acknowledged, the answer to the presser only.
  bolt.action({ type: 'block_actions', action_id: actionPattern }, async ({ ack, body, action, respond }) => {
    if (action.type !== 'button') {
      await ack();
      return;
    }
    const channelId = body.channel?.id ?? (typeof body.container?.channel_id === 'string' ? body.container.channel_id : '');
    const stored = await store(
      {
        userId: body.user.id,
        userName: safeName(body.user.name ?? body.user.username),
        channelId,
        triggerId: body.trigger_id,
        ...(body.response_url ? { responseUrl: body.response_url } : {}),
        // The id is one the core put on the button; the core checks it.
        actionId: baseActionId(action.action_id),
        value: action.value ?? '',
      },
      'action',
    );
    await ack();
    if (stored === 'seen') slog.warn({ type: 'block_actions' }, 'slack: verzoek al verwerkt (zelfde trigger_id), overgeslagen');
    if (stored === 'down') await respond({ ...ephemeral(unavailable().message!), replace_original: false });
  });

  // Modal submissions: a refusal stays in the modal, under the field concerned.
  bolt.view({ type: 'view_submission', callback_id: formPattern }, async ({ ack, body, view, context }) => {
    if (!isFormId(view.callback_id)) {
      await ack();
      return;
    }
    const formId = view.callback_id;
    const { channelId } = decodeMetadata(view.private_metadata);
    const ctx = contextFor(body.user.id, body.user.name, channelId);
    const work = safely(() => core.submitForm(ctx, formId, formValues(view.state.values)), formId, replayKeyOf(context));
    const reply = await withinBudget(work);
    if (reply === timedOut) {
      await ack();
      track(work.then((late) => (late.message ? tell(body.user.id, channelId, late.message) : undefined)));
      return;
    }
    if (reply.error) {
      const errors = formErrors(view, reply.message, reply.form, reply.field);
      if (Object.keys(errors).length) {
        await ack({ response_action: 'errors', errors });
        return;
      }
    }
    if (reply.form) {
      await ack({ response_action: 'update', view: renderForm(reply.form, { channelId }) });
      return;
    }
    await ack();
    if (reply.message) track(tell(body.user.id, channelId, reply.message));
  });

  // App Home: the user's cases, from the core.
  bolt.event('app_home_opened', async ({ event, context }) => {
    if (event.tab && event.tab !== 'home') return;
    const ctx = contextFor(event.user, event.user, event.channel);
    track(
      (async () => {
        const messages = await core.homeFor(ctx);
        await call('views.publish', () => client.views.publish({ user_id: event.user, view: renderHome(messages) }));
      })(),
      replayKeyOf(context),
    );
  });

  // Someone left (or was removed from) a channel: if it is a case channel,
  // the core takes away their access to the case.
  bolt.event('member_left_channel', async ({ event, context }) => {
    const ctx = contextFor(event.user, event.user, event.channel);
    track(core.memberLeft(ctx), replayKeyOf(context));
  });

  bolt.error(async (err) => {
    slog.error({ code: (err as { code?: string }).code, error: err.message }, 'slack: fout in Bolt');
  });

  const routes: Route[] = httpReceiver
    ? [
        {
          method: 'POST',
          path: slackEventsPath,
          handler: (req, res) => {
            if (fromTheFuture(req.headers['x-slack-request-timestamp'], Date.now())) {
              slog.warn('slack: verzoek met een tijdstempel in de toekomst geweigerd');
              res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end();
              return;
            }
            return httpReceiver.requestListener(req, res);
          },
        },
      ]
    : [];

  async function settled(): Promise<void> {
    await deps.inbox.settled();
    while (pending.size) await Promise.allSettled([...pending]);
  }

  return {
    platform: 'slack',
    mode: socketMode ? 'socket' : 'http',
    bolt,
    routes,
    deliver: createDeliver(client, slog, (id) => deps.outbox.platformMessageId(id)),
    provisioner: createProvisioner(client, slog),
    settled,
    async start() {
      if (!socketMode) {
        slog.info({ path: slackEventsPath }, 'slack: luistert op de gedeelde HTTP-server');
        return;
      }
      const started = bolt.start().then(() => 'verbonden' as const);
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<'wacht'>((resolve) => {
        timer = setTimeout(() => resolve('wacht'), options.socketStartTimeoutMs ?? 15_000);
        timer.unref();
      });
      try {
        const first = await Promise.race([started, waited]);
        if (first === 'verbonden') slog.info('slack: verbonden in Socket Mode');
        else {
          slog.warn('slack: Socket Mode is nog niet verbonden; de verbinding wordt op de achtergrond opnieuw geprobeerd');
          started.catch((err: unknown) => slog.error({ error: slackErrorCode(err) ?? (err as Error).message }, 'slack: Socket Mode kon niet verbinden'));
        }
      } catch (err) {
        const code = slackErrorCode(err);
        throw new Error(
          code
            ? `Slack weigert SLACK_APP_TOKEN (${code}). Gebruik een app-level token (xapp-…) met de scope connections:write, en zet Socket Mode aan in de app.`
            : `Slack Socket Mode kon niet starten: ${(err as Error).message}`,
        );
      } finally {
        clearTimeout(timer);
      }
    },
    async stop() {
      await settled();
      if (socketMode) await bolt.stop();
    },
  };
}
