import { first, type Tx } from '../../db/connection.js';
import { safetyScores } from '../../db/schema.js';
import { and, desc, eq, lte } from 'drizzle-orm';
import type { CaseRow } from '../cases/model.js';
import { dayOf, formatDay, zonedTime } from '../clock.js';
import type { Day } from '../commands/types.js';
import type { Message } from '../message.js';
import { referralStatusLine } from '../referrals/messages.js';
import { referralsOf } from '../referrals/model.js';
import { recentScores } from '../safety/model.js';
import { signalLabel, signalState } from '../signals/messages.js';
import { signalsOf } from '../signals/model.js';
import { texts } from './messages.js';
import { lastHeld, nextOverleg, pendingPlanned } from './model.js';

/**
 * The automatic agenda: what the table needs to see, straight from the record.
 * Used by `/overleg agenda` and by the 7-day reminder.
 */
export async function buildAgenda(tx: Tx, kase: CaseRow, today: Day, intervalDays: number): Promise<Message> {
  const t = texts();
  const held = await lastHeld(tx, kase.id);
  const refs = await referralsOf(tx, kase.id);
  const next = nextOverleg(kase, held, await pendingPlanned(tx, kase.id), refs, intervalDays);
  const all = await signalsOf(tx, kase.id);
  const sinceDay = held?.heldOn;
  const signalLine = (s: (typeof all)[number]) => `S-${s.number} ${signalLabel(s)}, ${signalState(s)}`;
  const open = all.filter((s) => !s.closedAt).map(signalLine);
  const fresh = all.filter((s) => !sinceDay || dayOf(s.createdAt) > sinceDay).map(signalLine);
  const [latest] = await recentScores(tx, kase.id, 1);
  let scoreLine = t.noScores;
  if (latest) {
    const before = sinceDay
      ? await first(
          tx
            .select()
            .from(safetyScores)
            .where(and(eq(safetyScores.caseId, kase.id), lte(safetyScores.at, zonedTime(sinceDay, '23:59'))))
            .orderBy(desc(safetyScores.at), desc(safetyScores.id))
            .limit(1),
        )
      : undefined;
    scoreLine = before
      ? t.scoreChange(before.actueel, latest.actueel, before.blijvend, latest.blijvend)
      : t.scoreNow(latest.actueel, latest.blijvend);
  }
  const fields = [
    { label: t.openSignals, value: open.length ? open.join('\n') : t.none },
    { label: t.newSignals, value: fresh.length ? fresh.join('\n') : t.none },
    { label: t.scores, value: scoreLine },
    { label: t.referrals, value: refs.length ? refs.map((r) => `${r.provider}: ${referralStatusLine(r, today)}`).join('\n') : t.none },
    { label: t.lastDecisions, value: held?.decisions ?? t.none },
  ];
  return {
    title: t.agendaTitle(kase.code),
    text: next ? t.due(formatDay(next.due)) : t.noneDue,
    fields,
    tone: 'info',
  };
}
