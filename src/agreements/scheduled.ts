import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { members } from '../../db/schema.js';
import type { Platform } from '../actors.js';
import { addDays, dayOf, formatDay } from '../clock.js';
import { enqueue } from '../kernel/outbox.js';
import { truncateGraphemes } from '../text/truncate.js';
import { ledgerKeys } from '../scheduler/ledger.js';
import { texts as sharedTexts } from '../scheduler/messages.js';
import { reachedBy } from '../scheduler/due.js';
import { morningOf } from '../scheduler/moments.js';
import type { DueItem, Rule } from '../scheduler/sweep.js';
import { addWorkdays } from '../scheduler/workdays.js';
import { scheduledTexts, texts as agreementTexts } from './messages.js';
import { dueAgreements, type DueAgreement } from './model.js';

// Agreements on the clock. On the morning of its day (09:00) the owner of an
// open agreement gets a personal reminder carrying the case code and A-n only
// (a direct message never holds case content). When it is still open
// AFSPRAAK_TE_LAAT_WERKDAGEN working days later (09:00), the case channel is
// told, mentioning the owner and the gezinsmanager. Catch-up: the late notice
// replaces a reminder that was never sent. Ticking it off stops both, because
// the query only finds open agreements. The morning after its day the case's
// pinned card is redrawn, so that it counts the agreement late without
// waiting for the next command.
//
// This folder addresses the case itself (members, outbox) rather than through
// src/cases/target.ts: the case card reads agreements, and an arrow back into
// src/cases would close a folder cycle.

/** Redraws a case's pinned card: src/scheduled.ts hands in the cases' own (this folder cannot import it). */
export type RedrawCard = (tx: Tx, caseId: number, now: Date, intervalDays: number) => Promise<void>;

export function agreementRuleWith(redrawCard: RedrawCard): Rule {
  return {
    name: 'afspraak',
    keepsDue: true,
    async due(tx, now, settings, filter, _memo, wake) {
      const reached = reachedBy(now, wake);
      const items: DueItem[] = [];
      // Keeping its moments, the rule must also see the agreements still to come (their day is the next wake-up).
      for (const a of await dueAgreements(tx, filter, wake ? undefined : dayOf(now))) {
        if (!reached(a.caseId, morningOf(a.dueOn))) continue;
        const lateDay = addWorkdays(a.dueOn, settings.AFSPRAAK_TE_LAAT_WERKDAGEN);
        const reminderKey = ledgerKeys.agreementReminder(a.id, a.dueOn);
        const base = { scope: { caseId: a.caseId }, caseCode: a.caseCode, recordId: a.id };
        // The day after its date it is late: the pinned card says so (no message; the key keeps it to once).
        const pastDay = addDays(a.dueOn, 1);
        if (reached(a.caseId, morningOf(pastDay))) {
          items.push({ ...base, key: ledgerKeys.agreementPast(a.id, a.dueOn), deliver: (t, at) => redrawCard(t, a.caseId, at, settings.OVERLEG_INTERVAL_DAYS) });
        }
        if (reached(a.caseId, morningOf(lateDay))) {
          items.push({
            ...base,
            key: ledgerKeys.agreementLate(a.id, a.dueOn, lateDay),
            supersedes: [reminderKey],
            deliver: (t, at) => late(t, a, settings.AFSPRAAK_TE_LAAT_WERKDAGEN, at),
          });
        } else {
          items.push({ ...base, key: reminderKey, deliver: (t, at) => remind(t, a, at) });
        }
      }
      return items;
    },
  };
}

async function activeMembers(tx: Tx, caseId: number) {
  return tx.select().from(members).where(and(eq(members.caseId, caseId), eq(members.active, true)));
}

async function remind(tx: Tx, a: DueAgreement, now: Date): Promise<void> {
  const list = await activeMembers(tx, a.caseId);
  // Someone who left the case hears nothing more about it.
  if (!list.some((m) => m.userId === a.ownerId)) return;
  const t = scheduledTexts();
  await enqueue(
    tx,
    { kind: 'direct', platform: a.platform as Platform, userId: a.ownerId, caseId: a.caseId },
    { title: t.reminderTitle(a.caseCode, a.number), text: t.reminderText(a.number), tone: 'info' },
    now,
  );
}

async function late(tx: Tx, a: DueAgreement, workdays: number, now: Date): Promise<void> {
  const list = await activeMembers(tx, a.caseId);
  const gm = list.find((m) => m.role === 'gezinsmanager');
  const t = scheduledTexts();
  const who = [`<@${a.ownerId}>`, gm && gm.userId !== a.ownerId ? `<@${gm.userId}>` : gm ? '' : sharedTexts().nobody].filter(Boolean).join(' ');
  const names: Record<string, string> = Object.fromEntries(list.map((m) => [m.userId, m.displayName]));
  names[a.ownerId] ??= a.ownerName;
  await enqueue(
    tx,
    { kind: 'post', platform: a.platform as Platform, conversationId: a.conversationId, caseId: a.caseId },
    {
      title: t.lateTitle(a.number, workdays),
      text: t.lateText(who, a.number, formatDay(a.dueOn)),
      fields: [{ label: agreementTexts().agreement, value: truncateGraphemes(a.text, 200) }],
      tone: 'warning',
      names,
    },
    now,
  );
}
