/* eslint-disable @typescript-eslint/no-explicit-any -- test code builds and reads Bot Framework JSON loosely */
import type { TeamsAdapter } from '../../adapters/teams/index.js';
import type { App, AppOptions } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import type { Logger } from '../../src/log.js';
import { FakeBotConnector, type FakeConnectorOptions, type StoredActivity } from '../fakes/bot-connector.js';
import { teamsRefusal } from '../fakes/teams-rules.js';
import { startApp } from '../helpers/listen.js';
import { nameOf } from '../helpers/people.js';

// The real app (buildApp, the real core, the real Teams SDK app on the shared
// server) on loopback, in local mode, with a fake Bot Connector as every
// activity's serviceUrl. TeamsSim builds the activities Teams would send.
// Names, ids and case codes are invented.

export interface SimUser {
  /** Teams user id, as in `from.id` and mentions. */
  id: string;
  /** Entra object id, as in `from.aadObjectId`. */
  aadObjectId: string;
  name: string;
}

export interface SimConversation {
  id: string;
  type: 'channel' | 'groupChat' | 'personal';
  /** For a channel: the team it belongs to. */
  teamId?: string;
  teamGroupId?: string;
  /** For a channel: its membership type as Teams sends it in channelData.channel.type (absent in older payloads). */
  channelType?: 'standard' | 'private' | 'shared';
}

export const bot = { id: '28:regiebot-test-app', name: 'regiebot' };
export const tenantId = 'tenant-test-0001';

export const users = {
  gm: { id: '29:gm-sanne', aadObjectId: 'aad-0000-gm', name: nameOf('U-GM') },
  ha: { id: '29:ha-joris', aadObjectId: 'aad-0000-ha', name: nameOf('U-HA') },
  tl: { id: '29:tl-marloes', aadObjectId: 'aad-0000-tl', name: nameOf('U-TL') },
  outsider: { id: '29:xx-piet', aadObjectId: 'aad-0000-xx', name: nameOf('U-XX') },
} satisfies Record<string, SimUser>;

export const channel: SimConversation = {
  id: '19:casus-kanaal@thread.tacv2',
  type: 'channel',
  teamId: '19:team-jb@thread.tacv2',
  teamGroupId: 'group-0000-jb',
};
export const groupChat: SimConversation = { id: '19:groepschat-abc@thread.v2', type: 'groupChat' };
export const personalChat = (user: SimUser): SimConversation => ({ id: `a:personal-of-${user.id.slice(3)}`, type: 'personal' });

export interface PostResult {
  status: number;
  body: any;
  /** The activity id the sim gave the message. */
  activityId: string;
}

/** Builds and posts the activities Teams would send to the bot. */
export class TeamsSim {
  private next = 1_771_000_000_000;

  constructor(
    readonly endpoint: string,
    readonly connector: FakeBotConnector,
    /**
     * Resolves when the bot has worked off what it acknowledged (its inbox):
     * a typed message's answer comes after the 200, as Teams sees it.
     */
    readonly settle?: () => Promise<void>,
  ) {}

  newId(): string {
    return String(this.next++);
  }

  private base(user: SimUser, conv: SimConversation, id: string): any {
    const conversationId = conv.type === 'channel' ? `${conv.id};messageid=${id}` : conv.id;
    return {
      id,
      channelId: 'msteams',
      serviceUrl: this.connector.serviceUrl,
      timestamp: new Date().toISOString(),
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId, role: 'user' },
      recipient: { ...bot, role: 'bot' },
      conversation: {
        id: conversationId,
        tenantId,
        conversationType: conv.type,
        ...(conv.type === 'personal' ? {} : { isGroup: true }),
      },
      channelData: {
        tenant: { id: tenantId },
        ...(conv.type === 'channel' ? { team: { id: conv.teamId, aadGroupId: conv.teamGroupId }, channel: { id: conv.id, ...(conv.channelType ? { type: conv.channelType } : {}) } } : {}),
      },
      locale: 'nl-NL',
    };
  }

  /** A typed message. In a channel or group chat the bot is @-mentioned first, as Teams requires. */
  messageActivity(user: SimUser, conv: SimConversation, text: string, options: { mentions?: SimUser[]; mentionBot?: boolean } = {}): any {
    const id = this.newId();
    const entities: any[] = [];
    let body = text;
    for (const m of options.mentions ?? []) {
      const tag = `<at>${m.name}</at>`;
      body = body.replace(`@${m.name}`, tag);
      entities.push({ type: 'mention', text: tag, mentioned: { id: m.id, name: m.name } });
    }
    const mentionBot = options.mentionBot ?? conv.type !== 'personal';
    if (mentionBot) {
      body = `<at>${bot.name}</at> ${body}`;
      entities.unshift({ type: 'mention', text: `<at>${bot.name}</at>`, mentioned: { id: bot.id, name: bot.name } });
    }
    entities.push({ type: 'clientInfo', locale: 'nl-NL', country: 'NL', platform: 'Web' });
    return { ...this.base(user, conv, id), type: 'message', text: body, textFormat: 'plain', entities };
  }

  async message(user: SimUser, conv: SimConversation, text: string, options: { mentions?: SimUser[]; mentionBot?: boolean; headers?: Record<string, string> } = {}): Promise<PostResult> {
    const activity = this.messageActivity(user, conv, text, options);
    return this.post(activity, options.headers);
  }

  /** A press on an Action.Execute button or a form's submit: an `adaptiveCard/action` invoke. */
  async invoke(user: SimUser, conv: SimConversation, data: Record<string, unknown>, replyToId: string, verb = 'regiebot'): Promise<PostResult> {
    const id = this.newId();
    const activity = {
      ...this.base(user, conv, id),
      conversation: { ...this.base(user, conv, id).conversation, id: conv.type === 'channel' ? `${conv.id};messageid=${replyToId}` : conv.id },
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    };
    return this.post(activity);
  }

  /** Presses the Action.Execute button titled `title` on a card the bot sent. */
  async press(user: SimUser, conv: SimConversation, activityId: string, title: string): Promise<PostResult> {
    const card = this.connector.cardOf(activityId);
    const action = (card?.actions ?? []).find((a: any) => a.title === title);
    if (!action) throw new Error(`no button "${title}" on activity ${activityId}`);
    return this.invoke(user, conv, action.data, activityId, action.verb);
  }

  /** Fills in and submits a form card the bot sent: inputs are merged into the button's data, as Teams does. */
  async submit(user: SimUser, conv: SimConversation, activityId: string, values: Record<string, string>): Promise<PostResult> {
    const card = this.connector.cardOf(activityId);
    const action = (card?.actions ?? [])[0];
    if (!action) throw new Error(`no submit button on activity ${activityId}`);
    const inputs = Object.fromEntries(Object.entries(values).map(([k, v]) => [`f_${k}`, v]));
    return this.invoke(user, conv, { ...action.data, ...inputs }, activityId, action.verb);
  }

  async conversationUpdate(conv: SimConversation, by: SimUser, change: { added?: Array<SimUser | typeof bot>; removed?: Array<SimUser | typeof bot> }): Promise<PostResult> {
    const id = this.newId();
    const account = (a: SimUser | typeof bot) => ('aadObjectId' in a ? { id: a.id, name: a.name, aadObjectId: a.aadObjectId } : { id: a.id, name: a.name });
    const base = this.base(by, conv, id);
    const activity = {
      ...base,
      conversation: { ...base.conversation, id: conv.id },
      type: 'conversationUpdate',
      ...(change.added ? { membersAdded: change.added.map(account) } : {}),
      ...(change.removed ? { membersRemoved: change.removed.map(account) } : {}),
      channelData: { ...base.channelData, eventType: change.added ? 'teamMemberAdded' : 'teamMemberRemoved' },
    };
    return this.post(activity);
  }

  async post(activity: any, headers: Record<string, string> = {}): Promise<PostResult> {
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // plain text
    }
    // An invoke answered with a card goes to Teams in the HTTP response, not
    // through the connector: Teams holds it to the same rules.
    if (body && typeof body === 'object' && body.type === 'application/vnd.microsoft.card.adaptive') {
      const refused = teamsRefusal({ type: 'message', attachments: [{ contentType: body.type, content: body.value }] });
      if (refused) throw new Error(`Teams would refuse the invoke response (${refused.status} ${refused.code}): ${refused.message}`);
    }
    await this.settle?.();
    return { status: res.status, body, activityId: activity.id };
  }
}

export interface TeamsRig {
  app: App;
  teams: TeamsAdapter;
  connector: FakeBotConnector;
  sim: TeamsSim;
  clock: ManualClock;
  base: string;
  dir: string;
  close(): Promise<void>;
}

export async function startTeams(
  options: { env?: Record<string, string>; clock?: ManualClock; log?: Logger; connector?: FakeConnectorOptions; outboxPace?: AppOptions['outboxPace'] } = {},
): Promise<TeamsRig> {
  const connector = await FakeBotConnector.start(options.connector);
  const clock = options.clock ?? new ManualClock(new Date('2026-03-02T09:00:00Z'));
  const running = await startApp({
    prefix: 'teams',
    clock,
    ...(options.log ? { log: options.log } : {}),
    ...(options.outboxPace !== undefined ? { outboxPace: options.outboxPace } : {}),
    env: { TEAMS_INSECURE_LOCAL: '1', ...options.env },
  });
  const { app, base, dir } = running;
  const teams = app.adapters.get('teams') as TeamsAdapter;
  const sim = new TeamsSim(`${base}/api/messages`, connector, () => app.inbox.drain());
  for (const u of Object.values(users)) connector.addMember({ id: u.id, name: u.name, aadObjectId: u.aadObjectId });
  return {
    app,
    teams,
    connector,
    sim,
    clock,
    base,
    dir,
    async close() {
      await running.close();
      await connector.close();
      const refused = connector.refusals();
      if (refused.length) throw new Error(`the fake Bot Connector refused ${refused.length} call(s): ${refused.map((c) => `${c.status} ${c.kind}`).join(', ')}`);
    },
  };
}

/** All text a person reads on an Adaptive Card (TextRuns, TextBlocks, facts, button titles). */
export function cardText(card: any): string {
  const parts: string[] = [];
  const walk = (x: any): void => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(walk);
    if ((x.type === 'TextRun' || x.type === 'TextBlock') && typeof x.text === 'string') parts.push(x.text);
    if (x.type === 'Fact' || (typeof x.title === 'string' && typeof x.value === 'string' && !x.type)) parts.push(`${x.title}: ${x.value}`);
    if (typeof x.type === 'string' && x.type.startsWith('Action.') && typeof x.title === 'string') parts.push(`[${x.title}]`);
    if (typeof x.type === 'string' && x.type.startsWith('Input.') && typeof x.label === 'string') parts.push(`<${x.label}>`);
    for (const [k, v] of Object.entries(x)) if (k !== 'fallbackText' && k !== 'text') walk(v);
  };
  walk(card);
  return parts.join('\n');
}

/** The card text of an activity stored at the fake connector. */
export function activityText(a: StoredActivity | undefined): string {
  return a ? cardText(a.activity?.attachments?.[0]?.content) : '';
}
