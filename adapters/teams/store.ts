import { eq } from 'drizzle-orm';
import { type Db, first, safeName, teamsConversations, teamsUsers } from '../../src/public.js';

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
  /** For a channel: the team's Teams id (`19:…`), which the Bot Connector turns into the group id. */
  teamId: string | null;
  /** For a channel: standard, private or shared, when Teams said so. */
  channelType: string | null;
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

  async saveConversation(ref: ConversationRef, now: Date): Promise<void> {
    const { id, ...rest } = ref;
    await this.db.write((q) =>
      q
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
            ...(rest.teamId ? { teamId: rest.teamId } : {}),
            ...(rest.channelType ? { channelType: rest.channelType } : {}),
          },
        }),
    );
  }

  async conversation(id: string): Promise<ConversationRef | undefined> {
    const row = await first(this.db.q.select().from(teamsConversations).where(eq(teamsConversations.id, id)).limit(1));
    if (!row) return undefined;
    const { id: rowId, serviceUrl, tenantId, type, botId, teamGroupId, teamId, channelType } = row;
    return { id: rowId, serviceUrl, tenantId, type, botId, teamGroupId, teamId, channelType };
  }

  /** The group id the Bot Connector told for this conversation's team. */
  async saveTeamGroupId(id: string, teamGroupId: string, now: Date): Promise<void> {
    await this.db.write((q) => q.update(teamsConversations).set({ teamGroupId, updatedAt: now }).where(eq(teamsConversations.id, id)));
  }

  async saveUser(given: Omit<TeamsUser, 'personalConversationId'>, now: Date): Promise<void> {
    // Names come from Teams (the roster, mentions): one holding a BSN is not kept.
    const user = { ...given, name: safeName(given.name) };
    await this.db.write((q) =>
      q
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
        }),
    );
  }

  async user(userId: string): Promise<TeamsUser | undefined> {
    return (await first(this.db.q.select().from(teamsUsers).where(eq(teamsUsers.userId, userId)).limit(1))) ?? undefined;
  }

  /** The core's id for a Teams id (`29:…`), when this user was seen before. */
  async userByTeamsId(teamsId: string): Promise<TeamsUser | undefined> {
    return (await first(this.db.q.select().from(teamsUsers).where(eq(teamsUsers.teamsId, teamsId)).limit(1))) ?? undefined;
  }

  async savePersonalConversation(userId: string, conversationId: string, now: Date): Promise<void> {
    await this.db.write((q) => q.update(teamsUsers).set({ personalConversationId: conversationId, updatedAt: now }).where(eq(teamsUsers.userId, userId)));
  }
}
