import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { cases, deliveries } from '../../../db/schema.js';
import { DAY } from '../../clock.js';
import { enqueue } from '../../outbox/outbox.js';
import type { DueItem, Rule } from '../sweep.js';

// ARCHIVE_AFTER_DAYS after closure a Slack case channel is archived: it leaves
// people's sidebars and takes no new messages. Once per closure (the ledger
// key names the moment the case closed). Teams needs Microsoft Graph for that
// and the sandbox has no archive, so only Slack channels. 0 means never.

export const archiveKey = (caseId: number, closedAt: Date) => `archive:case:${caseId}:closed:${closedAt.getTime()}`;

export const archiveRule: Rule = {
  name: 'archive',
  async due(tx, now, settings, filter) {
    const days = settings.ARCHIVE_AFTER_DAYS;
    if (days === 0 || filter.teamId !== undefined) return [];
    const where = [
      eq(cases.status, 'closed'),
      isNotNull(cases.closedAt),
      lte(cases.closedAt, new Date(now.getTime() - days * DAY)),
      eq(cases.platform, 'slack'),
      isNotNull(cases.conversationId),
      // Closed cases pile up over the years: those archived already are left out in SQL, not read every minute.
      sql`not exists (select 1 from ${deliveries} where ${deliveries.key} = 'archive:case:' || ${cases.id} || ':closed:' || ${cases.closedAt})`,
    ];
    if (filter.caseId !== undefined) where.push(eq(cases.id, filter.caseId));
    const rows = await tx
      .select({ id: cases.id, code: cases.code, closedAt: cases.closedAt, conversationId: cases.conversationId })
      .from(cases)
      .where(and(...where));
    const items: DueItem[] = [];
    for (const kase of rows) {
      const conversationId = kase.conversationId!;
      items.push({
        key: archiveKey(kase.id, kase.closedAt!),
        scope: { caseId: kase.id },
        caseCode: kase.code,
        recordId: kase.id,
        deliver: async (t, at) => {
          await enqueue(t, { kind: 'archive', platform: 'slack', conversationId, caseId: kase.id }, { title: 'archiveren' }, at);
        },
      });
    }
    return items;
  },
};
