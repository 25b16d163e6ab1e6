import { and, asc, desc, eq, isNotNull, isNull, max, or } from 'drizzle-orm';
import { type Db, first, type Message, sandboxChannels, sandboxMessages } from '../../src/public.js';

/** What the sandbox stores per message (the `payload` column). */
export interface SandboxPayload {
  message?: Message;
  /** An ephemeral reply that reports a refused or malformed command. */
  error?: boolean;
  /** For an ephemeral reply: what the user typed or did. */
  typed?: string;
  /** For a direct message about a channel post: that post's channel. */
  about?: string;
  /** And that post's sandbox message id, the anchor the notice links to. */
  aboutMessage?: number;
  /** Pinned when posted; pinning is the message's state, so an update keeps it. */
  pinned?: boolean;
}

export interface SandboxChannel {
  id: string;
  name: string;
}

export type MessageKind = 'post' | 'direct' | 'ephemeral';

export interface StoredMessage {
  id: number;
  kind: MessageKind;
  conversationId: string | null;
  userId: string | null;
  payload: SandboxPayload;
  createdAt: Date;
  updatedAt: Date | null;
}

/** Channel names as in Slack: lower case letters, digits and dashes. */
export const channelNamePattern = /^[a-z0-9][a-z0-9_-]{0,59}$/;

export function channelSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

const kindOf = (conversationId: string | null, userId: string | null): MessageKind =>
  conversationId === null ? 'direct' : userId === null ? 'post' : 'ephemeral';

/**
 * The sandbox's own tables. Rows: a channel post has a conversation and no
 * user; a direct message a user and no conversation; an ephemeral reply both
 * (shown in that channel to that user only).
 *
 * Only single statements on `db.q`: the provisioner runs inside the core's
 * transaction, where a nested `db.tx` would wait for itself.
 */
export class SandboxStore {
  constructor(private readonly db: Db) {}

  async channels(): Promise<SandboxChannel[]> {
    return this.db.q
      .select({ id: sandboxChannels.id, name: sandboxChannels.name })
      .from(sandboxChannels)
      .orderBy(asc(sandboxChannels.createdAt), asc(sandboxChannels.name));
  }

  async channel(id: string): Promise<SandboxChannel | undefined> {
    return first(this.db.q.select({ id: sandboxChannels.id, name: sandboxChannels.name }).from(sandboxChannels).where(eq(sandboxChannels.id, id)).limit(1));
  }

  async channelByName(name: string): Promise<SandboxChannel | undefined> {
    return first(this.db.q.select({ id: sandboxChannels.id, name: sandboxChannels.name }).from(sandboxChannels).where(eq(sandboxChannels.name, name)).limit(1));
  }

  /** The channel of that name; created (id `C-<name>`) when it does not exist yet. */
  async ensureChannel(name: string, now: Date): Promise<{ channel: SandboxChannel; created: boolean }> {
    const existing = await this.channelByName(name);
    if (existing) return { channel: existing, created: false };
    let id = `C-${name}`;
    for (let n = 2; await this.channel(id); n++) id = `C-${name}-${n}`;
    await this.db.write((q) => q.insert(sandboxChannels).values({ id, name, createdAt: now }).onConflictDoNothing());
    const channel = await this.channelByName(name);
    if (!channel) throw new Error(`sandbox channel ${name} could not be created`);
    return { channel, created: channel.id === id };
  }

  async insertMessage(row: { conversationId: string | null; userId: string | null; payload: SandboxPayload; now: Date }): Promise<number> {
    const [inserted] = await this.db.write((q) =>
      q
        .insert(sandboxMessages)
        .values({ conversationId: row.conversationId, userId: row.userId, payload: row.payload, createdAt: row.now })
        .returning({ id: sandboxMessages.id }),
    );
    return inserted!.id;
  }

  /** Replaces a message's content; false when there is no such message. */
  async replaceMessage(id: number, payload: SandboxPayload, now: Date): Promise<boolean> {
    const rows = await this.db.write((q) =>
      q
        .update(sandboxMessages)
        .set({ payload, updatedAt: now })
        .where(eq(sandboxMessages.id, id))
        .returning({ id: sandboxMessages.id }),
    );
    return rows.length > 0;
  }

  /** Removes a message for good (retention); a message already gone is no error. */
  async deleteMessage(id: number): Promise<void> {
    await this.db.write((q) => q.delete(sandboxMessages).where(eq(sandboxMessages.id, id)));
  }

  async message(id: number): Promise<StoredMessage | undefined> {
    const row = await first(this.db.q.select().from(sandboxMessages).where(eq(sandboxMessages.id, id)).limit(1));
    return row ? this.toStored(row) : undefined;
  }

  /** A channel as one user sees it: every post, plus the replies only they see. The last `limit`, oldest first. */
  async channelMessages(conversationId: string, userId: string, limit = 200): Promise<StoredMessage[]> {
    const rows = await this.db.q
      .select()
      .from(sandboxMessages)
      .where(and(eq(sandboxMessages.conversationId, conversationId), or(isNull(sandboxMessages.userId), eq(sandboxMessages.userId, userId))))
      .orderBy(desc(sandboxMessages.id))
      .limit(limit);
    return rows.reverse().map((r) => this.toStored(r));
  }

  /** One user's direct messages, the last `limit`, oldest first. */
  async directMessages(userId: string, limit = 200): Promise<StoredMessage[]> {
    const rows = await this.db.q
      .select()
      .from(sandboxMessages)
      .where(and(isNull(sandboxMessages.conversationId), eq(sandboxMessages.userId, userId)))
      .orderBy(desc(sandboxMessages.id))
      .limit(limit);
    return rows.reverse().map((r) => this.toStored(r));
  }

  /** The id of a user's newest direct message (0 if none), for the unread badge. */
  async latestDirectId(userId: string): Promise<number> {
    return (
      (
        await first(
          this.db.q
            .select({ id: sandboxMessages.id })
            .from(sandboxMessages)
            .where(and(isNull(sandboxMessages.conversationId), eq(sandboxMessages.userId, userId)))
            .orderBy(desc(sandboxMessages.id))
            .limit(1),
        )
      )?.id ?? 0
    );
  }

  /** Per channel, the id of its newest post (for unread marks). */
  async latestPostIds(): Promise<Map<string, number>> {
    const rows = await this.db.q
      .select({ conversationId: sandboxMessages.conversationId, id: max(sandboxMessages.id) })
      .from(sandboxMessages)
      .where(and(isNotNull(sandboxMessages.conversationId), isNull(sandboxMessages.userId)))
      .groupBy(sandboxMessages.conversationId);
    const out = new Map<string, number>();
    for (const r of rows) if (r.conversationId !== null && r.id !== null) out.set(r.conversationId, r.id);
    return out;
  }

  private toStored(row: typeof sandboxMessages.$inferSelect): StoredMessage {
    return {
      id: row.id,
      kind: kindOf(row.conversationId, row.userId),
      conversationId: row.conversationId,
      userId: row.userId,
      payload: row.payload as SandboxPayload,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt ?? null,
    };
  }
}
