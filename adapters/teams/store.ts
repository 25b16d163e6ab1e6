import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { teamsConversations, teamsUsers } from '../../db/schema.js';

// What the Teams adapter remembers between requests: each conversation's
// reference (service URL, tenant, the bot's id there), so that the outbox can
// write to it later; and each user's Teams id (`29:…`), which a personal
// message needs while the core knows people by their Entra object id.
//
// Only single statements on `db.q` (upserts): these run beside the core's
// transactions, never inside them.

export interface ConversationRef {
  id: string;
  serviceUrl: string;
  tenantId: string | null;
  type: string | null;
  botId: string;
  teamGroupId: string | null;
}

export interface TeamsUser {
  userId: string;
  teamsId: string;
  name: string | null;
  tenantId: string | null;
  serviceUrl: string | null;
  personalConversationId: string | null;
}

export class TeamsStore {
  constructor(private readonly db: Db) {}

  saveConversation(ref: ConversationRef, now: Date): void {
    const { id, ...rest } = ref;
    this.db.q
      .insert(teamsConversations)
      .values({ id, ...rest, updatedAt: now })
      .onConflictDoUpdate({
        target: teamsConversations.id,
        // Keep what an earlier activity told us when this one does not say.
        set: {
          serviceUrl: rest.serviceUrl,
          botId: rest.botId,
          updatedAt: now,
          ...(rest.tenantId ? { tenantId: rest.tenantId } : {}),
          ...(rest.type ? { type: rest.type } : {}),
          ...(rest.teamGroupId ? { teamGroupId: rest.teamGroupId } : {}),
        },
      })
      .run();
  }

  conversation(id: string): ConversationRef | undefined {
    const row = this.db.q.select().from(teamsConversations).where(eq(teamsConversations.id, id)).get();
    if (!row) return undefined;
    return { id: row.id, serviceUrl: row.serviceUrl, tenantId: row.tenantId, type: row.type, botId: row.botId, teamGroupId: row.teamGroupId };
  }

  saveUser(user: Omit<TeamsUser, 'personalConversationId'>, now: Date): void {
    this.db.q
      .insert(teamsUsers)
      .values({ ...user, updatedAt: now })
      .onConflictDoUpdate({
        target: teamsUsers.userId,
        set: {
          teamsId: user.teamsId,
          updatedAt: now,
          ...(user.name ? { name: user.name } : {}),
          ...(user.tenantId ? { tenantId: user.tenantId } : {}),
          ...(user.serviceUrl ? { serviceUrl: user.serviceUrl } : {}),
        },
      })
      .run();
  }

  user(userId: string): TeamsUser | undefined {
    return this.db.q.select().from(teamsUsers).where(eq(teamsUsers.userId, userId)).get() ?? undefined;
  }

  /** The core's id for a Teams id (`29:…`), when this user was seen before. */
  userByTeamsId(teamsId: string): TeamsUser | undefined {
    return this.db.q.select().from(teamsUsers).where(eq(teamsUsers.teamsId, teamsId)).get() ?? undefined;
  }

  savePersonalConversation(userId: string, conversationId: string, now: Date): void {
    this.db.q.update(teamsUsers).set({ personalConversationId: conversationId, updatedAt: now }).where(eq(teamsUsers.userId, userId)).run();
  }
}
