import { and, eq, isNotNull } from 'drizzle-orm';
import { cases } from '../../../db/schema.js';
import { DAY, dayOf } from '../../clock.js';
import { enqueue } from '../../outbox/outbox.js';
import type { DueItem, Rule } from '../sweep.js';

// ARCHIVE_AFTER_DAYS after closure a Slack case channel is archived: it leaves
// people's sidebars and takes no new messages. Once per closure (the ledger
// key names the day the case closed). Teams needs Microsoft Graph for that and
// the sandbox has no archive, so only Slack channels. 0 means never.

export const archiveKey = (caseId: number, closedOn: string) => `archive:case:${caseId}:closed:${closedOn}`;

export const archiveRule: Rule = {
  name: 'archive',
  async due(tx, now, settings, filter) {
    const days = settings.ARCHIVE_AFTER_DAYS;
    if (days === 0 || filter.teamId !== undefined) return [];
    const where = [eq(cases.status, 'closed'), isNotNull(cases.closedAt), eq(cases.platform, 'slack'), isNotNull(cases.conversationId)];
    if (filter.caseId !== undefined) where.push(eq(cases.id, filter.caseId));
    const rows = await tx
      .select({ id: cases.id, code: cases.code, closedAt: cases.closedAt, conversationId: cases.conversationId })
      .from(cases)
      .where(and(...where));
    const items: DueItem[] = [];
    for (const kase of rows) {
      if (now.getTime() < kase.closedAt!.getTime() + days * DAY) continue;
      const conversationId = kase.conversationId!;
      items.push({
        key: archiveKey(kase.id, dayOf(kase.closedAt!)),
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
