import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as s from './schema.js';

/** Every table, a table after the tables it references (for copying and for the PostgreSQL schema). */
export const tablesInOrder: readonly SQLiteTable[] = [
  s.teams,
  s.cases,
  s.members,
  s.signals,
  s.safetyScores,
  s.referrals,
  s.meetings,
  s.results,
  s.resultProgress,
  s.resultLinks,
  s.escalations,
  s.agreements,
  s.auditLog,
  s.outbox,
  s.inbox,
  s.deliveries,
  s.due,
  s.sandboxChannels,
  s.sandboxMessages,
  s.teamsConversations,
  s.teamsUsers,
  s.healthProbe,
];
