import { eq } from 'drizzle-orm';
import { first, type Tx } from '../../db/connection.js';
import { teams } from '../../db/schema.js';
import { dayOf, daysBetween, formatDay, formatMoment } from '../clock.js';
import { words } from '../commands/words.js';
import type { Field, Message } from '../kernel/message.js';
import { lastHeld, nextOverleg, pendingPlanned } from '../meetings/model.js';
import { isYouthCare, referralLabel, referralStatusLine, texts as referralTexts } from '../referrals/messages.js';
import { providerKey, referralsOf } from '../referrals/model.js';
import { scoreSummary } from '../safety/messages.js';
import { caseSparkline } from '../safety/chart.js';
import { recentScores } from '../safety/model.js';
import { openSignalsOf } from '../signals/model.js';
import { ownAck, signalLabel, signalState } from '../signals/messages.js';
import { agreementCounts } from '../agreements/service.js';
import { escalationsOf } from '../escalations/model.js';
import { escalationLine } from '../escalations/service.js';
import { resultLines } from '../results/service.js';
import { texts } from '../cases/messages.js';
import { activeMembers, holderOf, namesOf, type CaseRow } from '../cases/model.js';

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
  // People are grouped by the provider they work for: a provider is a team, not one person.
  const byProvider = new Map<string, { name: string; people: typeof list }>();
  for (const m of list) {
    if (!m.provider || m.role === 'gezinsmanager') continue;
    const key = providerKey(m.provider);
    const group = byProvider.get(key) ?? { name: m.provider, people: [] };
    group.people.push(m);
    byProvider.set(key, group);
  }
  const oas = list.filter((m) => m.role === 'onderaannemer' && !m.provider);
  const others = list.filter((m) => !m.provider && !['gezinsmanager', 'hoofdaannemer', 'onderaannemer'].includes(m.role));
  const signalsOpen = await openSignalsOf(tx, kase.id);
  const [latest, previous] = await recentScores(tx, kase.id, 2);
  const refs = await referralsOf(tx, kase.id);
  const next = nextOverleg(kase, await lastHeld(tx, kase.id), await pendingPlanned(tx, kase.id), refs, intervalDays);
  const team = kase.teamId ? await first(tx.select({ name: teams.name }).from(teams).where(eq(teams.id, kase.teamId)).limit(1)) : undefined;

  const fields: Field[] = [
    { label: t.phase, value: w.phase[kase.phase] },
    { label: t.regieVeiligheid, value: gm ? `<@${gm.userId}>` : t.nobody },
    { label: t.regieZorg, value: ha ? `<@${ha.userId}>${ha.provider ? ` (${ha.provider})` : ''}` : t.nobody },
  ];
  for (const group of byProvider.values()) {
    fields.push({ label: t.providerTeam(group.name), value: group.people.map((m) => `<@${m.userId}> (${w.role[m.role]})`).join(', ') });
  }
  if (oas.length) fields.push({ label: t.oa, value: oas.map((m) => `<@${m.userId}>`).join(', ') });
  if (others.length) fields.push({ label: t.others, value: others.map((m) => `<@${m.userId}> (${w.role[m.role]})`).join(', ') });
  fields.push({
    label: t.openSignals,
    value: signalsOpen.length
      ? signalsOpen
          .map(
            (s) =>
              `S-${s.number} ${signalLabel(s)}, ${t.reportedBy(`<@${s.reporterId}>`)}, ${
                ownAck(s) ? t.ownAcked : s.ackById ? t.ackedBy(`<@${s.ackById}>`) : signalState(s)
              }, ${t.age(daysBetween(dayOf(s.createdAt), today))}`,
          )
          .join('\n')
      : t.none,
    more: '/signaal lijst',
  });
  const spark = latest ? await caseSparkline(tx, kase.id) : undefined;
  fields.push({ label: t.scores, value: latest ? `${scoreSummary(latest, previous)}${spark ? `\n${spark}` : ''}` : t.notScored });
  const youth = refs.filter(isYouthCare);
  const beyond = refs.filter((r) => !isYouthCare(r));
  fields.push({
    label: t.referrals,
    value: youth.length ? youth.map((r) => `${r.provider} (${referralLabel(r)}): ${referralStatusLine(r, today)}`).join('\n') : t.none,
  });
  // Help beyond youth care (a parent's debt help, adult mental-health care) the family waits for too.
  if (beyond.length) {
    fields.push({ label: referralTexts().beyond, value: beyond.map((r) => `${r.provider} (${referralLabel(r)}): ${referralStatusLine(r, today)}`).join('\n') });
  }
  const resultList = await resultLines(tx, kase.id, false);
  if (resultList.length) fields.push({ label: t.results, value: resultList.join('\n'), more: '/resultaat lijst' });
  const agreementList = await agreementCounts(tx, kase.id, today);
  if (agreementList) fields.push({ label: t.agreements, value: agreementList, more: '/afspraak lijst' });
  const escalationList = await escalationsOf(tx, kase.id);
  if (escalationList.length) fields.push({ label: t.escalations, value: escalationList.map((e) => escalationLine(e, now)).join('\n'), more: '/escalatie lijst' });
  const rhythm = kase.overlegWeeks ? ` (${t.overlegRhythm(kase.overlegWeeks)})` : '';
  fields.push({ label: t.nextOverleg, value: `${next ? formatDay(next.due) : t.noOverleg}${rhythm}` });
  if (team) fields.push({ label: t.team, value: team.name });
  const consent = kase.consent && kase.consentOn ? t.consentSince(t.consentValue[kase.consent], formatDay(kase.consentOn)) : t.consentUnknown;
  fields.push({ label: t.consent, value: kase.consentNote ? `${consent}: ${kase.consentNote}` : consent });

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
