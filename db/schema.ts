import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { UNFINISHED } from './inbox-state.js';

// Calendar days are stored as 'yyyy-mm-dd' text (a day in Europe/Amsterdam);
// moments as epoch milliseconds.

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch() * 1000)`);

export const teams = sqliteTable(
  'teams',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    platform: text('platform'),
    conversationId: text('conversation_id'),
    /**
     * The basisteam's teamleider (one per team, not per case): alerts and
     * escalations of its cases reach them when a case has no teamleider of its own.
     */
    leaderPlatform: text('leader_platform'),
    leaderId: text('leader_id'),
    leaderName: text('leader_name'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teams_name_uq').on(t.name)],
);

export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    title: text('title'),
    phase: text('phase', { enum: ['verbinden', 'ondersteunen', 'borgen'] }).notNull().default('verbinden'),
    phaseSince: integer('phase_since', { mode: 'timestamp_ms' }).notNull(),
    teamId: integer('team_id').references(() => teams.id),
    platform: text('platform'),
    conversationId: text('conversation_id'),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    spic: text('spic'),
    createdAt: createdAt(),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    closeReason: text('close_reason'),
    erasedAt: integer('erased_at', { mode: 'timestamp_ms' }),
    /** The outbox row of the pinned case card, so changes update it in place. */
    cardMessageId: integer('card_message_id'),
    /** What the borging check found open when the case was closed (JSON). */
    closureOpen: text('closure_open', { mode: 'json' }),
    /** The "vinger aan de pols" answer, three months after closure. */
    followUpAnswer: text('follow_up_answer', { enum: ['goed', 'zorgen'] }),
    followUpAt: integer('follow_up_at', { mode: 'timestamp_ms' }),
    /** This case's overleg interval in weeks (`/overleg ritme`); null: OVERLEG_INTERVAL_DAYS. */
    overlegWeeks: integer('overleg_weeks'),
    /** The family's consent to share information (seed 002), with the day it was recorded. */
    consent: text('consent', { enum: ['ja', 'nee', 'deels'] }),
    consentOn: text('consent_on'),
    consentNote: text('consent_note'),
  },
  (t) => [
    uniqueIndex('cases_code_uq').on(t.code),
    uniqueIndex('cases_conversation_uq').on(t.platform, t.conversationId),
    index('cases_team_idx').on(t.teamId, t.status),
  ],
);

export const members = sqliteTable(
  'members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    platform: text('platform').notNull(),
    userId: text('user_id').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', {
      enum: ['gezinsmanager', 'hoofdaannemer', 'hulpverlener', 'onderaannemer', 'teamleider', 'gedragsdeskundige', 'spoedhulp'],
    }).notNull(),
    /** The provider (aanbieder) a provider's worker works for, as typed; its workers may record its start and stop. */
    provider: text('provider'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
    removedAt: integer('removed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('members_case_idx').on(t.caseId, t.active), index('members_user_idx').on(t.platform, t.userId)],
);

export const signals = sqliteTable(
  'signals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    number: integer('number').notNull(),
    kind: text('kind', { enum: ['veiligheid', 'zorg', 'stagnatie', 'incident', 'positief'] }).notNull(),
    urgency: text('urgency', { enum: ['acuut', 'hoog', 'normaal', 'laag'] }).notNull(),
    cause: text('cause', { enum: ['gezin', 'hulp', 'samenwerking'] }),
    text: text('text').notNull(),
    reporterId: text('reporter_id').notNull(),
    reporterName: text('reporter_name').notNull(),
    reporterRole: text('reporter_role').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    ackById: text('ack_by_id'),
    ackByName: text('ack_by_name'),
    ackAt: integer('ack_at', { mode: 'timestamp_ms' }),
    ackResponse: text('ack_response'),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    closedById: text('closed_by_id'),
    outcome: text('outcome'),
    messageId: integer('message_id'),
    // Content only the gezinsmanager and the teamleider may read (issue 16, item 6).
    confidential: integer('confidential', { mode: 'boolean' }).notNull().default(false),
    // A withdrawn signal (filed by mistake) leaves the card, the deadlines and the counts; the timeline keeps it.
    withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('signals_number_uq').on(t.caseId, t.number),
    // Open or unacknowledged per case, and (the digest chart's weekly counts)
    // open at a moment, read from the index alone.
    index('signals_open_idx').on(t.caseId, t.closedAt, t.ackAt, t.createdAt),
    // The last word from the providers (cases/attention.ts lastWord), from the index alone.
    index('signals_word_idx').on(t.caseId, t.reporterRole, t.createdAt),
  ],
);

export const safetyScores = sqliteTable(
  'safety_scores',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    actueel: integer('actueel').notNull(),
    blijvend: integer('blijvend').notNull(),
    note: text('note'),
    byId: text('by_id').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** A score typed wrong is withdrawn, not deleted: the timeline says it existed. */
    withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('scores_case_idx').on(t.caseId, t.at)],
);

export const referrals = sqliteTable(
  'referrals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    provider: text('provider').notNull(),
    providerKey: text('provider_key').notNull(),
    /** ha or oa (youth care), or help beyond youth care: volwassenenzorg, schuldhulp, lokaal-team, overig. */
    role: text('role', { enum: ['ha', 'oa', 'volwassenenzorg', 'schuldhulp', 'lokaal-team', 'overig'] }).notNull(),
    /** Required for the hoofdaannemer; an onderaannemer may work under the HA's arrangement without one. */
    spic: text('spic'),
    referredOn: text('referred_on').notNull(),
    startDue: text('start_due').notNull(),
    startedOn: text('started_on'),
    stoppedOn: text('stopped_on'),
    stopReason: text('stop_reason'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('referrals_case_idx').on(t.caseId, t.providerKey)],
);

export const meetings = sqliteTable(
  'meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    plannedAt: integer('planned_at', { mode: 'timestamp_ms' }),
    heldOn: text('held_on'),
    decisions: text('decisions'),
    byId: text('by_id').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    /** A planned overleg that will not take place (`/overleg afgezegd`). */
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
  },
  // The last overleg held and the next one planned, per case, from the index alone.
  (t) => [index('meetings_case_idx').on(t.caseId, t.heldOn, t.plannedAt)],
);

// The family plan's results (resultaten), numbered … per case.
export const results = sqliteTable(
  'results',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    number: integer('number').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['open', 'op-koers', 'achter', 'behaald', 'vervallen'] }).notNull().default('open'),
    byId: text('by_id').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('results_number_uq').on(t.caseId, t.number)],
);

export const resultProgress = sqliteTable(
  'result_progress',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resultId: integer('result_id')
      .notNull()
      .references(() => results.id),
    caseId: integer('case_id').notNull(),
    status: text('status', { enum: ['op-koers', 'achter', 'behaald', 'vervallen'] }).notNull(),
    note: text('note'),
    byId: text('by_id').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** Set when the progress was recorded at an overleg. */
    meetingId: integer('meeting_id'),
  },
  (t) => [index('result_progress_idx').on(t.resultId, t.at)],
);

/** A signal or an overleg decision that names R-n. */
export const resultLinks = sqliteTable(
  'result_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    resultId: integer('result_id')
      .notNull()
      .references(() => results.id),
    caseId: integer('case_id').notNull(),
    signalId: integer('signal_id'),
    meetingId: integer('meeting_id'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('result_links_idx').on(t.resultId)],
);

// Agreements (afspraken), numbered … per case: who does what by when.
export const agreements = sqliteTable(
  'agreements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    number: integer('number').notNull(),
    ownerId: text('owner_id').notNull(),
    ownerName: text('owner_name').notNull(),
    dueOn: text('due_on').notNull(),
    text: text('text').notNull(),
    /** The result it serves, when its text names R-n. */
    resultId: integer('result_id').references(() => results.id),
    /** Set when it was made at an overleg (the review form). */
    meetingId: integer('meeting_id'),
    byId: text('by_id').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    doneAt: integer('done_at', { mode: 'timestamp_ms' }),
    doneById: text('done_by_id'),
    doneNote: text('done_note'),
  },
  (t) => [uniqueIndex('agreements_number_uq').on(t.caseId, t.number), index('agreements_open_idx').on(t.doneAt, t.dueOn)],
);

// Disagreements between the gezinsmanager and a provider, for the teamleider.
export const escalations = sqliteTable(
  'escalations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    number: integer('number').notNull(),
    topic: text('topic', { enum: ['spic', 'hulp', 'afsluiting', 'anders'] }).notNull(),
    text: text('text').notNull(),
    byId: text('by_id').notNull(),
    byRole: text('by_role').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    decision: text('decision'),
    decidedById: text('decided_by_id'),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    /** Taken beyond the team (seed 000): to whom, when, by whom, why. A decision after it is that body's. */
    forwardedTo: text('forwarded_to', { enum: ['escalatietafel', 'zorgbemiddeling', 'deskundige', 'anders'] }),
    forwardedAt: integer('forwarded_at', { mode: 'timestamp_ms' }),
    forwardedById: text('forwarded_by_id'),
    forwardedNote: text('forwarded_note'),
  },
  (t) => [uniqueIndex('escalations_number_uq').on(t.caseId, t.number)],
);

// Append-only: who did what, when, to which case. Never free text.
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    platform: text('platform').notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    caseId: integer('case_id'),
    summary: text('summary').notNull(),
    /** Why a correction was made, as typed: case content, so retention erases it with the rest. */
    reason: text('reason'),
  },
  (t) => [index('audit_case_idx').on(t.caseId, t.at)],
);

// Messages the core decided to send, written in the same transaction as the
// change that caused them; a sender per platform delivers them.
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    platform: text('platform').notNull(),
    kind: text('kind', { enum: ['post', 'update', 'direct', 'delete', 'archive'] }).notNull(),
    conversationId: text('conversation_id'),
    userId: text('user_id'),
    caseId: integer('case_id'),
    relatedId: integer('related_id'),
    payload: text('payload', { mode: 'json' }).notNull(),
    /** `superseded`: a card update that a newer update of the same message replaced before it was sent. */
    status: text('status', { enum: ['pending', 'sent', 'dead', 'superseded'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lastError: text('last_error'),
    platformMessageId: text('platform_message_id'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /**
     * Set before a delivery attempt and cleared when its outcome is known. A row
     * still marked after a crash may already be on the platform: its next
     * attempt first looks there.
     */
    attemptStartedAt: integer('attempt_started_at', { mode: 'timestamp_ms' }),
    /**
     * The instance delivering this row, until when. Several instances on one
     * database each deliver only what they claimed.
     */
    claimedBy: text('claimed_by'),
    claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.platform, t.nextAttemptAt),
    // The claim walks a platform's pending rows oldest first and stops at its
    // limit, instead of filtering the whole backlog and sorting it.
    index('outbox_pending_idx').on(t.status, t.platform, t.id),
    // The claim's in-order check for direct messages: the user's earlier pending rows.
    index('outbox_user_idx').on(t.userId, t.status),
    // The sender keeps one conversation in order: a row waits while an earlier
    // one of its conversation is still pending (claim's NOT EXISTS).
    index('outbox_conversation_idx').on(t.conversationId, t.status),
    // Retention finds a case's delivered messages, and pruning keeps them, by case.
    index('outbox_case_idx').on(t.caseId),
    // A card update is superseded by a newer update of the same message.
    index('outbox_related_idx').on(t.relatedId),
  ],
);

// The inbox: every platform request the bot acknowledged, stored before the
// ack and worked off after it (src/inbound/inbox.ts). The request's key
// (`slack:trigger:<id>`, `slack:event:<id>`, the Teams activity id) is unique,
// so a platform's retry or a replayed request is refused by the insert itself.
// Requests handled on the spot (events, invokes) leave a `done` row of kind
// `seen` for the same reason.
export const inbox = sqliteTable(
  'inbox',
  {
    /** Arrival order: rows of one conversation are processed by ascending id. */
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    platform: text('platform').notNull(),
    /** The per-case ordering key: rows of one conversation run one after another. */
    conversationId: text('conversation_id').notNull(),
    /** `text`, `action`, `form`, or `seen` (a request handled on the spot). */
    kind: text('kind').notNull(),
    /** JSON: who acted, what they sent and where the answer goes; emptied once processed. */
    payload: text('payload').notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    /** `pending`, `done` (the core's effect committed), `failed` (nothing recorded; the key may be sent again). */
    state: text('state').notNull(),
    attempts: integer('attempts').notNull().default(0),
    doneAt: integer('done_at', { mode: 'timestamp_ms' }),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
    /** The instance working this row, until when (several instances on one database). */
    claimedBy: text('claimed_by'),
    claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('inbox_key_uq').on(t.key),
    // The hourly prune: finished rows past their keep (and nothing on the
    // state, so that the claim walks the partial index below instead of
    // collecting every unfinished row and sorting them).
    index('inbox_received_idx').on(t.receivedAt),
    index('inbox_conversation_idx').on(t.conversationId, t.id),
    // The claim walks the unfinished rows in arrival order and stops at its
    // limit; its in-order check looks at the conversation's unfinished rows
    // only, not its whole history. The condition must read as inbox.ts's
    // \`unfinished\`, word for word, for the query to use them.
    index('inbox_unfinished_idx').on(t.id).where(sql.raw(UNFINISHED)),
    index('inbox_unfinished_conversation_idx').on(t.conversationId, t.id).where(sql.raw(UNFINISHED)),
  ],
);

// The scheduler's ledger: one row per delivered reminder, keyed by what, about
// which record, for which due moment. The unique key makes delivery exactly-once.
export const deliveries = sqliteTable('deliveries', {
  key: text('key').primaryKey(),
  at: integer('at', { mode: 'timestamp_ms' }).notNull(),
});

// The next moment each timed rule is due for a case (src/scheduler/due.ts).
// Rules that keep their due-ness here report, while they derive what is due,
// the future moments their answer changes; the row holds the earliest. It is
// rewritten in the transaction of every change to the case and by the sweep
// after the rule fired, so a sweep reads only the rows with due_at <= now.
// A hint, never the truth: the sweep derives the rule again for the case, and
// the delivery ledger above stays the exactly-once guard.
export const due = sqliteTable(
  'due',
  {
    /** `<rule>:<case id>`: one row per rule and case. */
    key: text('key').primaryKey(),
    rule: text('rule').notNull(),
    caseId: integer('case_id').notNull(),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('due_rule_at_idx').on(t.rule, t.dueAt)],
);

// /healthz writes one row here: a write, not a read, is what fails when the
// disk is full or the server refuses writes. One row per instance name.
export const healthProbe = sqliteTable('health_probe', {
  instance: text('instance').primaryKey(),
  at: integer('at', { mode: 'timestamp_ms' }).notNull(),
});

// The local sandbox is a platform of its own: its channels and the messages
// delivered to them live here, so a restart of `npm start` keeps the demo.
export const sandboxChannels = sqliteTable(
  'sandbox_channels',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('sandbox_channels_name_uq').on(t.name)],
);

export const sandboxMessages = sqliteTable(
  'sandbox_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** A channel id, or null for a direct message to `userId`. */
    conversationId: text('conversation_id'),
    userId: text('user_id'),
    payload: text('payload', { mode: 'json' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('sandbox_messages_conv_idx').on(t.conversationId, t.id)],
);

// Microsoft Teams: what the bot must remember to write to a conversation or a
// person later (reminders, alerts, personal messages), learned from the
// activities Teams sends. One row per conversation (a channel without its
// `;messageid=` thread suffix, a group chat, a personal chat).
export const teamsConversations = sqliteTable('teams_conversations', {
  id: text('id').primaryKey(),
  serviceUrl: text('service_url').notNull(),
  tenantId: text('tenant_id'),
  /** personal, groupChat or channel. */
  type: text('type'),
  /** The bot's own account id in that conversation (`28:…`). */
  botId: text('bot_id').notNull(),
  /** For a channel: the team's Microsoft 365 group id, for links to a message and Microsoft Graph. */
  teamGroupId: text('team_group_id'),
  /**
   * For a channel: the team's Teams id (`19:…`). A message carries only this,
   * not the group id Graph needs; the Bot Connector tells the one for the other.
   */
  teamId: text('team_id'),
  /** For a channel: standard, private or shared, as the latest activity that said so told. */
  channelType: text('channel_type'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

// A Teams user: the id the core knows (the Entra object id, or the Teams id
// when Teams gives none) and the Teams id (`29:…`) a personal chat needs.
export const teamsUsers = sqliteTable(
  'teams_users',
  {
    userId: text('user_id').primaryKey(),
    teamsId: text('teams_id').notNull(),
    name: text('name'),
    tenantId: text('tenant_id'),
    serviceUrl: text('service_url'),
    /** The 1:1 chat between the bot and this user, once opened. */
    personalConversationId: text('personal_conversation_id'),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('teams_users_teams_id_idx').on(t.teamsId)],
);
