/* eslint-disable @typescript-eslint/no-explicit-any -- test code reads Slack's JSON payloads loosely */
import { createHmac, randomBytes } from 'node:crypto';
import type { FakeSlackApi, StoredMessage } from './slack-api.js';
import { checkMessage, checkView, checkViewErrors, type Violation } from './slack-rules.js';

// Requests as Slack sends them to /slack/events: slash commands and
// interactivity form-encoded, events as JSON, each signed with the signing
// secret (v0 = HMAC-SHA256 over `v0:<timestamp>:<body>`).

export interface SimUser {
  id: string;
  name: string;
}

export interface SimResponse {
  status: number;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json: any;
  /** The response_url id that went with the request (see FakeSlackApi.responded). */
  responseId: string;
  /**
   * The acknowledgement itself, when the answer came later through response_url
   * (`json` and `text` are then that answer, as the user reads it).
   */
  ack?: { status: number; text: string; ms: number };
}

/** How long a command's answer may take to arrive through response_url after an empty ack. */
const answerWaitMs = 10_000;

export interface SignOptions {
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Sign with another secret (to test rejection). */
  secret?: string;
  /** Leave the signature header out. */
  unsigned?: boolean;
  /** More headers, such as Slack's x-slack-retry-num on a redelivery. */
  headers?: Record<string, string>;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
}

export function signedHeaders(secret: string, body: string, contentType: string, options: SignOptions = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
  };
  if (!options.unsigned) headers['x-slack-signature'] = slackSignature(options.secret ?? secret, timestamp, body);
  return { ...headers, ...options.headers };
}

/** An HTTP answer to Slack (slash command, view submission) checked as Slack checks it; `view` is the view that was submitted. */
function ackRefusal(body: Record<string, any>, view?: any): Violation | undefined {
  if (body.response_action === 'update' || body.response_action === 'push') return checkView(body.view);
  if (body.response_action === 'errors') return checkViewErrors(body.errors, view);
  return checkMessage(body);
}

export class SlackSim {
  private n = 0;
  /** Slack's trigger ids and response URLs are unique across the workspace: two sims on one fake must not repeat each other's. */
  private readonly salt = randomBytes(3).toString('hex');
  readonly teamId: string;

  constructor(
    /** The app's /slack/events URL. */
    readonly eventsUrl: string,
    readonly secret: string,
    readonly fake: FakeSlackApi,
    /**
     * Resolves when the bot has worked off what it acknowledged (its inbox):
     * then a command's answer through response_url is there or will not come.
     * Without it the sim polls the fake for the answer.
     */
    readonly settle?: () => Promise<void>,
  ) {
    this.teamId = fake.teamId;
  }

  private next(prefix: string): string {
    this.n += 1;
    return `${prefix}${this.salt}-${this.n}`;
  }

  async post(body: string, contentType: string, options: SignOptions = {}, responseId = '', view?: any): Promise<SimResponse> {
    const res = await fetch(this.eventsUrl, { method: 'POST', headers: signedHeaders(this.secret, body, contentType, options), body });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const refused = json && typeof json === 'object' ? ackRefusal(json, view) : undefined;
    if (refused) {
      // Slack would show the user an error instead of this answer: fail where it is made.
      this.fake.refusals.push({ method: 'ack', violation: refused });
      throw new Error(`Slack would refuse this answer: ${refused.error} ${refused.message}`);
    }
    return { status: res.status, text, json, responseId };
  }

  /** A slash command, e.g. command(gm, 'C1', '/casus', 'nieuw ABC-123'). */
  async command(user: SimUser, channelId: string, command: string, text = '', options: SignOptions & { triggerId?: string } = {}): Promise<SimResponse> {
    const responseId = this.next('cmd-');
    const triggerId = options.triggerId ?? `${this.next('trig-')}.${user.id}`;
    const body = new URLSearchParams({
      token: 'legacy-verification-token',
      team_id: this.teamId,
      team_domain: 'regiebot-test',
      channel_id: channelId,
      channel_name: this.fake.channels.get(channelId)?.name ?? 'directmessage',
      user_id: user.id,
      user_name: user.name,
      command,
      text,
      api_app_id: 'A0TEST',
      is_enterprise_install: 'false',
      response_url: this.fake.responseUrl(responseId),
      trigger_id: triggerId,
    }).toString();
    const started = performance.now();
    const acked = await this.post(body, 'application/x-www-form-urlencoded', options, responseId);
    if (acked.status !== 200 || acked.text !== '') return acked;
    // An empty ack: the bot stored the command and answers through response_url (or opens a form).
    const ack = { status: acked.status, text: acked.text, ms: performance.now() - started };
    if (this.settle) await this.settle();
    const until = Date.now() + (this.settle ? 0 : answerWaitMs);
    for (let first = true; first || Date.now() < until; first = false) {
      const answer = this.fake.responded.find((r) => r.id === responseId);
      if (answer) return { status: 200, text: JSON.stringify(answer.body), json: answer.body, responseId, ack };
      if (this.fake.calls.some((c) => (c.method === 'views.open' && c.args.trigger_id === triggerId) || (c.method === 'chat.postEphemeral' && c.args.user === user.id && c.args.channel === channelId))) {
        return { ...acked, ack };
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    return { ...acked, ack };
  }

  /** Finds a button in a delivered message, by the core's action id (or its label). */
  button(message: StoredMessage, actionIdOrLabel: string): { action_id: string; value: string; block_id: string; text: string } {
    for (const block of message.blocks) {
      if (block.type !== 'actions') continue;
      for (const el of block.elements ?? []) {
        if (el.type === 'button' && (String(el.action_id).split('#')[0] === actionIdOrLabel || el.text?.text === actionIdOrLabel)) {
          return { action_id: el.action_id, value: el.value, block_id: block.block_id ?? 'actions', text: el.text?.text ?? '' };
        }
      }
    }
    throw new Error(`no button ${actionIdOrLabel} in message ${message.ts}`);
  }

  /** A press on a button of a message in a channel (block_actions). */
  press(user: SimUser, message: StoredMessage, actionIdOrLabel: string, options: SignOptions = {}): Promise<SimResponse> {
    const b = this.button(message, actionIdOrLabel);
    const responseId = this.next('act-');
    const payload = {
      type: 'block_actions',
      user: { id: user.id, username: user.name, name: user.name, team_id: this.teamId },
      api_app_id: 'A0TEST',
      token: 'legacy-verification-token',
      container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
      trigger_id: `${this.next('trig-')}.${user.id}`,
      team: { id: this.teamId, domain: 'regiebot-test' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: message.channel, name: this.fake.channels.get(message.channel)?.name ?? 'directmessage' },
      message: { type: 'message', user: this.fake.botUserId, ts: message.ts, text: message.text, blocks: message.blocks },
      state: { values: {} },
      response_url: this.fake.responseUrl(responseId),
      actions: [
        {
          action_id: b.action_id,
          block_id: b.block_id,
          text: { type: 'plain_text', text: b.text, emoji: true },
          value: b.value,
          type: 'button',
          action_ts: `${Math.floor(Date.now() / 1000)}.000100`,
        },
      ],
    };
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options, responseId);
  }

  /**
   * Submits a modal the app opened (a view from FakeSlackApi.views), with
   * values by field name, typed the way each element reports them.
   */
  submit(user: SimUser, view: any, values: Record<string, string>, options: SignOptions = {}): Promise<SimResponse> {
    const payload = viewSubmissionPayload({
      teamId: this.teamId,
      teamDomain: 'regiebot-test',
      user,
      view,
      values,
      triggerId: `${this.next('trig-')}.${user.id}`,
      viewId: this.next('V'),
      hash: this.next('hash-'),
    });
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options, '', payload.view);
  }

  /** The Events API: someone left a channel (or was removed from it). */
  memberLeft(user: SimUser, channel: string, options: SignOptions = {}): Promise<SimResponse> {
    return this.event({ type: 'member_left_channel', user: user.id, channel, channel_type: 'G', team: this.teamId, event_ts: `${Math.floor(Date.now() / 1000)}.000300` }, options);
  }

  /** Any Events API event, wrapped as Slack wraps it. */
  event(event: Record<string, unknown>, options: SignOptions & { eventId?: string; teamId?: string } = {}): Promise<SimResponse> {
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: options.teamId ?? this.teamId,
      api_app_id: 'A0TEST',
      event,
      type: 'event_callback',
      event_id: options.eventId ?? this.next('Ev'),
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: this.teamId, user_id: this.fake.botUserId, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    });
    return this.post(body, 'application/json', options);
  }

  /** The Events API: a user opens the app's Home tab. */
  homeOpened(user: SimUser, options: SignOptions = {}): Promise<SimResponse> {
    return this.event({ type: 'app_home_opened', user: user.id, channel: `D${user.id}`, tab: 'home', event_ts: `${Math.floor(Date.now() / 1000)}.000200` }, options);
  }
}

/** The modal the app rendered (renderForm) for views.open: Slack sends it back, with the state, on submission. */
interface SubmittedView {
  blocks?: readonly unknown[];
  private_metadata?: string;
  callback_id?: string;
  title?: unknown;
  close?: unknown;
  submit?: unknown;
}

/** What the state of an input block is read from. */
type InputBlock = { type: string; block_id: string; element: { type: string; action_id: string; options?: Array<{ text: unknown; value?: string }> } };

/**
 * A modal submission as Slack sends it to the request URL (the `payload` of
 * its form-encoded body): the state holds each input block's value by block
 * id and action id, typed the way each element reports it; a value left out
 * is an input left empty. The tests' SlackSim and the bench both send it.
 */
export function viewSubmissionPayload(input: {
  teamId: string;
  teamDomain: string;
  user: SimUser;
  view: SubmittedView;
  values: Record<string, string>;
  triggerId: string;
  viewId: string;
  hash: string;
}) {
  const { view, values } = input;
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of (view.blocks ?? []) as readonly InputBlock[]) {
    if (block.type !== 'input') continue;
    const el = block.element;
    const v = values[block.block_id];
    let entry: unknown;
    switch (el.type) {
      case 'static_select': {
        const opt = (el.options ?? []).find((o) => o.value === v);
        entry = { type: el.type, selected_option: opt ? { text: opt.text, value: opt.value } : null };
        break;
      }
      case 'datepicker':
        entry = { type: el.type, selected_date: v ?? null };
        break;
      default:
        entry = { type: el.type, value: v ?? null };
    }
    state[block.block_id] = { [el.action_id]: entry };
  }
  return {
    type: 'view_submission',
    team: { id: input.teamId, domain: input.teamDomain },
    user: { id: input.user.id, username: input.user.name, name: input.user.name, team_id: input.teamId },
    api_app_id: 'A0TEST',
    token: 'legacy-verification-token',
    trigger_id: input.triggerId,
    view: {
      id: input.viewId,
      team_id: input.teamId,
      type: 'modal',
      blocks: view.blocks,
      private_metadata: view.private_metadata ?? '',
      callback_id: view.callback_id,
      state: { values: state },
      hash: input.hash,
      title: view.title,
      clear_on_close: false,
      notify_on_close: false,
      close: view.close ?? null,
      submit: view.submit ?? null,
      previous_view_id: null,
      root_view_id: null,
      app_id: 'A0TEST',
      external_id: '',
      app_installed_team_id: input.teamId,
      bot_id: 'B0TEST',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
