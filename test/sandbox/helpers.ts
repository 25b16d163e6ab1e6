import type { App } from '../../src/app.js';
import type { Message, Reply } from '../../src/kernel/message.js';
import type { ManualClock } from '../../src/clock.js';
import { startApp } from '../helpers/listen.js';

/** The whole app on loopback with a fresh database, the sandbox as its only platform. */
export async function startSandboxApp(options: { clock?: ManualClock } = {}): Promise<{ app: App; base: string; cleanup(): Promise<void> }> {
  const { app, base, close } = await startApp({ prefix: 'sandbox', ...(options.clock ? { clock: options.clock } : {}) });
  return { app, base, cleanup: close };
}

export interface MessageView {
  id: number;
  kind: 'post' | 'direct' | 'ephemeral';
  conversationId: string | null;
  message: Message | null;
  pinned: boolean;
  error: boolean;
  typed: string | null;
  about: { id: string; name: string; messageId: number | null } | null;
  time: string;
  edited: string | null;
}

export interface ActResponse {
  reply: Reply & { error: boolean };
  channels: { id: string; name: string; latestId: number }[];
  switchTo?: string;
  /** The id of the channel post a "Geplaatst" answer confirms. */
  posted?: number;
}

/** A small client for the sandbox's JSON API. */
export function sandboxClient(base: string) {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}/sandbox/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as ActResponse & { error?: string } };
  };
  return {
    post,
    async command(userId: string, channelId: string, text: string): Promise<ActResponse> {
      const { status, body } = await post('command', { userId, channelId, text });
      if (status !== 200) throw new Error(`command ${text}: ${status} ${body.error ?? ''}`);
      return body;
    },
    async action(userId: string, channelId: string, actionId: string, value: string, messageId?: number): Promise<ActResponse> {
      const { status, body } = await post('action', { userId, channelId, actionId, value, ...(messageId ? { messageId } : {}) });
      if (status !== 200) throw new Error(`action ${actionId}: ${status} ${body.error ?? ''}`);
      return body;
    },
    async leave(userId: string, channelId: string): Promise<void> {
      const { status, body } = await post('leave', { userId, channelId });
      if (status !== 200) throw new Error(`leave: ${status} ${body.error ?? ''}`);
    },
    async messages(userId: string, channelId: string): Promise<MessageView[]> {
      const res = await fetch(`${base}/sandbox/api/messages?${new URLSearchParams({ userId, channelId })}`);
      if (res.status !== 200) throw new Error(`messages: ${res.status}`);
      return ((await res.json()) as { messages: MessageView[] }).messages;
    },
    /** The channel post a "Geplaatst" answer confirms, as that person reads it in the channel; fails when it confirms none. */
    async postOf(userId: string, channelId: string, res: ActResponse): Promise<Message> {
      if (res.posted === undefined) throw new Error(`the answer confirms no post: ${res.reply.message?.title ?? '(none)'}`);
      const found = (await this.messages(userId, channelId)).find((m) => m.id === res.posted && m.kind === 'post');
      if (!found?.message) throw new Error(`post ${res.posted} is not in ${channelId}`);
      return found.message;
    },
    /** What a person reads after acting: the answer, and for a "Geplaatst" the post it confirms before it. */
    async heard(userId: string, channelId: string, res: ActResponse): Promise<string> {
      const answer = textOf(res.reply.message);
      return res.posted === undefined ? answer : `${textOf(await this.postOf(userId, channelId, res))}\n${answer}`;
    },
  };
}

/** All readable text of a message, mentions resolved through its names. */
export function textOf(message: Message | null | undefined): string {
  if (!message) return '';
  const names = message.names ?? {};
  const parts = [
    message.title,
    message.text ?? '',
    ...(message.fields ?? []).map((f) => `${f.label}: ${f.value}`),
    ...(message.lines ?? []),
    message.context ?? '',
  ];
  return parts.join('\n').replace(/<@([^>|]+)(?:\|([^>]*))?>/g, (_m, id: string, name?: string) => `@${names[id] ?? name ?? id}`);
}
