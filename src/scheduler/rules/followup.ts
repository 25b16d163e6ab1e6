import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { first } from '../../../db/connection.js';
import { cases, teams } from '../../../db/schema.js';
import type { Platform } from '../../actors.js';
import { followUpQuestion } from '../../cases/followup.js';
import { activeMembers, holderOf } from '../../cases/model.js';
import { addDays, dayOf } from '../../clock.js';
import { enqueue } from '../../outbox/outbox.js';
import { morningOf } from '../moments.js';
import type { DueItem, Rule } from '../sweep.js';

// "Vinger aan de pols": three months after closure, ask the gezinsmanager
// personally (or, without one, the team channel) whether the family is still
// doing well. Once per case; an answer already given means no question.

export const FOLLOW_UP_MONTHS = 3;

function threeMonthsAfter(closedAt: Date): string {
  const day = dayOf(closedAt);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const month = m - 1 + FOLLOW_UP_MONTHS;
  const target = new Date(Date.UTC(y + Math.floor(month / 12), month % 12, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return addDays(`${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}-01`, Math.min(d, lastDay) - 1);
}

export const followUpRule: Rule = {
  name: 'followup',
  async due(tx, now, _settings, filter) {
    if (filter.teamId !== undefined) return [];
    const where = [eq(cases.status, 'closed'), isNotNull(cases.closedAt), isNull(cases.followUpAnswer), isNull(cases.erasedAt)];
    if (filter.caseId !== undefined) where.push(eq(cases.id, filter.caseId));
    const items: DueItem[] = [];
    for (const kase of await tx.select().from(cases).where(and(...where))) {
      if (now < morningOf(threeMonthsAfter(kase.closedAt!))) continue;
      items.push({
        key: `followup:case:${kase.id}`,
        scope: { caseId: kase.id },
        caseCode: kase.code,
        recordId: kase.id,
        deliver: async (t, at) => {
          const question = followUpQuestion(kase);
          const gm = holderOf(await activeMembers(t, kase.id), 'gezinsmanager');
          if (gm && kase.platform) {
            await enqueue(t, { kind: 'direct', platform: kase.platform as Platform, userId: gm.userId, caseId: kase.id }, question, at);
            return;
          }
          const team = kase.teamId ? await first(t.select().from(teams).where(eq(teams.id, kase.teamId)).limit(1)) : undefined;
          if (team?.platform && team.conversationId) {
            await enqueue(t, { kind: 'post', platform: team.platform as Platform, conversationId: team.conversationId, caseId: kase.id }, question, at);
          }
        },
      });
    }
    return items;
  },
};
