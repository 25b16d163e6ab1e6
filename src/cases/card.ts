import { eq } from 'drizzle-orm';
import { first, type Tx } from '../../db/connection.js';
import { teams } from '../../db/schema.js';
import { dayOf, daysBetween, formatDay, formatMoment } from '../clock.js';
import { words } from '../i18n/common.js';
import type { Field, Message } from '../kernel/message.js';
import { lastHeld, nextOverleg, pendingPlanned } from '../meetings/model.js';
import { referralStatusLine } from '../referrals/messages.js';
import { referralsOf } from '../referrals/model.js';
import { scoreSummary } from '../safety/messages.js';
import { caseSparkline } from '../safety/chart.js';
import { recentScores } from '../safety/model.js';
import { openSignalsOf } from '../signals/model.js';
import { signalLabel, signalState } from '../signals/messages.js';
import { escalationsOf } from '../escalations/model.js';
import { escalationLine } from '../escalations/service.js';
import { resultLines } from '../results/service.js';
import { texts } from './messages.js';
import { activeMembers, holderOf, namesOf, type CaseRow } from './model.js';

/**
 * The case at a glance: who holds which regie, what is open, how safe, who is
 * waiting, when the table meets next. Pinned in the case channel and kept
 * current; also the answer to `/casus info`.
 */
export async function caseCard(tx: Tx, kase: CaseRow, now: Date, intervalDays: number): Promise<Message> {
  const today = dayOf(now);
  const t = texts();
  const w = words();
  const list = await activeMembers(tx, kase.id);
  const gm = holderOf(list, 'gezinsmanager');
  const ha = holderOf(list, 'hoofdaannemer');
  const oas = list.filter((m) => m.role === 'onderaannemer');
  const others = list.filter((m) => !['gezinsmanager', 'hoofdaannemer', 'onderaannemer'].includes(m.role));
  const signalsOpen = await openSignalsOf(tx, kase.id);
  const [latest, previous] = await recentScores(tx, kase.id, 2);
  const refs = await referralsOf(tx, kase.id);
  const next = nextOverleg(kase, await lastHeld(tx, kase.id), await pendingPlanned(tx, kase.id), refs, intervalDays);
  const team = kase.teamId ? await first(tx.select({ name: teams.name }).from(teams).where(eq(teams.id, kase.teamId)).limit(1)) : undefined;

  const fields: Field[] = [
    { label: t.phase, value: w.phase[kase.phase] },
    { label: t.regieVeiligheid, value: gm ? `<@${gm.userId}>` : t.nobody },
    { label: t.regieZorg, value: ha ? `<@${ha.userId}>` : t.nobody },
  ];
  if (oas.length) fields.push({ label: t.oa, value: oas.map((m) => `<@${m.userId}>`).join(', ') });
  if (others.length) fields.push({ label: t.others, value: others.map((m) => `<@${m.userId}> (${w.role[m.role]})`).join(', ') });
  fields.push({
    label: t.openSignals,
    value: signalsOpen.length
      ? signalsOpen
          .map(
            (s) =>
              `S-${s.number} ${signalLabel(s)}, ${t.reportedBy(`<@${s.reporterId}>`)}, ${
                s.ackById ? t.ackedBy(`<@${s.ackById}>`) : signalState(s)
              }, ${t.age(daysBetween(dayOf(s.createdAt), today))}`,
          )
          .join('\n')
      : t.none,
    more: '/signaal lijst',
  });
  const spark = latest ? await caseSparkline(tx, kase.id) : undefined;
  fields.push({ label: t.scores, value: latest ? `${scoreSummary(latest, previous)}${spark ? `\n${spark}` : ''}` : t.notScored });
  fields.push({
    label: t.referrals,
    value: refs.length ? refs.map((r) => `${r.provider} (${r.role.toUpperCase()}, SPIC ${r.spic}): ${referralStatusLine(r, today)}`).join('\n') : t.none,
  });
  const resultList = await resultLines(tx, kase.id, false);
  if (resultList.length) fields.push({ label: t.results, value: resultList.join('\n'), more: '/resultaat lijst' });
  const escalationList = await escalationsOf(tx, kase.id);
  if (escalationList.length) fields.push({ label: t.escalations, value: escalationList.map((e) => escalationLine(e, now)).join('\n'), more: '/escalatie lijst' });
  fields.push({ label: t.nextOverleg, value: next ? formatDay(next.due) : t.noOverleg });
  if (team) fields.push({ label: t.team, value: team.name });

  const message: Message = {
    title: t.cardTitle(kase.code),
    summary: t.cardSummary(kase.code, w.phase[kase.phase], signalsOpen.length, next ? formatDay(next.due) : t.noOverleg),
    fields,
    names: { ...signalNames(signalsOpen), ...namesOf(list) },
    tone: signalsOpen.some((s) => !s.ackAt) ? 'warning' : 'info',
    context: kase.status === 'closed' && kase.closedAt ? t.closed(formatMoment(kase.closedAt)) : `${t.cardUpdated} ${formatMoment(now)}`,
  };
  if (kase.title) message.text = kase.title;
  return message;
}

function signalNames(rows: { reporterId: string; reporterName: string; ackById: string | null; ackByName: string | null }[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const r of rows) {
    names[r.reporterId] = r.reporterName;
    if (r.ackById && r.ackByName) names[r.ackById] = r.ackByName;
  }
  return names;
}
