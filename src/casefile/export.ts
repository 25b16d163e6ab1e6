import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { meetings, members, resultProgress, safetyScores } from '../../db/schema.js';
import { dayOf, formatDay, formatMoment } from '../clock.js';
import { escalationsOf } from '../escalations/model.js';
import { words } from '../commands/words.js';
import { catalog } from '../i18n/index.js';
import { referralLabel, referralStatusLine } from '../referrals/messages.js';
import { referralsOf } from '../referrals/model.js';
import { texts as resultTexts } from '../results/messages.js';
import { resultsOf } from '../results/model.js';
import { signalsOf } from '../signals/model.js';
import type { CaseRow } from '../cases/model.js';
import { timelineSentences } from './timeline.js';

const texts = catalog({
  nl: {
    title: (code: string) => `Dossierexport casus ${code}`,
    made: (at: string) => `Gemaakt op ${at}. Bewaar dit bestand in het dossier van de GI; regiebot wist de vrije tekst na de bewaartermijn.`,
    phase: 'Fase',
    status: 'Status',
    open: 'open',
    closed: (at: string) => `afgesloten op ${at}`,
    members: 'Betrokkenen',
    left: (at: string) => `tot ${at}`,
    signals: 'Signalen',
    acked: (who: string, at: string) => `bevestigd door ${who} op ${at}`,
    closedSignal: (at: string) => `gesloten op ${at}`,
    withdrawn: (at: string) => `ingetrokken op ${at}`,
    cancelled: (at: string) => `afgezegd op ${at}`,
    confidentialSignal: 'vertrouwelijk signaal',
    confidentialContent: 'De inhoud is vertrouwelijk: alleen de gezinsmanager en de teamleider hebben die, persoonlijk, ontvangen.',
    scores: 'Veiligheidsscores',
    referrals: 'Inzet',
    meetings: 'Uitvoerdersoverleggen',
    planned: (at: string) => `gepland ${at}`,
    held: (d: string) => `gehouden ${d}`,
    results: 'Resultaten gezinsplan',
    escalations: 'Escalaties',
    audit: 'Logboek (wie deed wat)',
    none: 'geen',
  },
  en: {
    title: (code: string) => `Dossier export of case ${code}`,
    made: (at: string) => `Made on ${at}. Keep this file in the institution's dossier; regiebot erases free text after the retention period.`,
    phase: 'Phase',
    status: 'Status',
    open: 'open',
    closed: (at: string) => `closed on ${at}`,
    members: 'People involved',
    left: (at: string) => `until ${at}`,
    signals: 'Signals',
    acked: (who: string, at: string) => `acknowledged by ${who} on ${at}`,
    closedSignal: (at: string) => `closed on ${at}`,
    withdrawn: (at: string) => `withdrawn on ${at}`,
    cancelled: (at: string) => `cancelled on ${at}`,
    confidentialSignal: 'confidential signal',
    confidentialContent: 'The content is confidential: only the family manager and the team leader received it, personally.',
    scores: 'Safety scores',
    referrals: 'Referrals',
    meetings: "Executors' meetings",
    planned: (at: string) => `planned ${at}`,
    held: (d: string) => `held ${d}`,
    results: 'Results of the family plan',
    escalations: 'Escalations',
    audit: 'Audit log (who did what)',
    none: 'none',
  },
});

/** The case's full record as Markdown, for the dossier before retention erases it. */
export async function exportCase(tx: Tx, kase: CaseRow, now: Date): Promise<{ filename: string; content: string }> {
  const t = texts();
  const w = words();
  const rt = resultTexts();
  const today = dayOf(now);
  const people = await tx.select().from(members).where(eq(members.caseId, kase.id)).orderBy(asc(members.id));
  const name = new Map(people.map((m) => [m.userId, m.displayName]));
  const who = (id: string | null) => (id ? (name.get(id) ?? id) : '?');
  const out: string[] = [`# ${t.title(kase.code)}`, '', t.made(formatMoment(now)), ''];
  if (kase.title) out.push(kase.title, '');
  out.push(`- ${t.phase}: ${w.phase[kase.phase]}`);
  out.push(`- ${t.status}: ${kase.status === 'closed' && kase.closedAt ? t.closed(formatMoment(kase.closedAt)) : t.open}`);
  if (kase.spic) out.push(`- SPIC: ${kase.spic}`);
  const section = (title: string, lines: string[]) => out.push('', `## ${title}`, '', ...(lines.length ? lines : [t.none]));
  section(
    t.members,
    people.map((m) => `- ${m.displayName} (${w.role[m.role]}), ${formatMoment(m.addedAt)}${m.removedAt ? `, ${t.left(formatMoment(m.removedAt))}` : ''}`),
  );
  section(
    t.signals,
    (await signalsOf(tx, kase.id)).flatMap((s) =>
      // The export is posted in the case channel: a confidential signal shows there as it does in the channel.
      s.confidential
        ? [
            `### S-${s.number} ${t.confidentialSignal}, ${formatMoment(s.createdAt)}, ${s.reporterName}`,
            '',
            t.confidentialContent,
            ...(s.ackAt ? ['', t.acked(s.ackByName ?? who(s.ackById), formatMoment(s.ackAt))] : []),
            ...(s.closedAt ? ['', t.closedSignal(formatMoment(s.closedAt))] : []),
            ...(s.withdrawnAt ? ['', t.withdrawn(formatMoment(s.withdrawnAt))] : []),
            '',
          ]
        : [
            `### S-${s.number} ${w.kind[s.kind]} (${w.urgency[s.urgency]}${s.cause ? `, ${w.cause[s.cause]}` : ''}), ${formatMoment(s.createdAt)}, ${s.reporterName}`,
            '',
            s.text,
            ...(s.ackAt ? ['', `${t.acked(s.ackByName ?? who(s.ackById), formatMoment(s.ackAt))}${s.ackResponse ? `: ${s.ackResponse}` : ''}`] : []),
            ...(s.closedAt ? ['', `${t.closedSignal(formatMoment(s.closedAt))}${s.outcome ? `: ${s.outcome}` : ''}`] : []),
            ...(s.withdrawnAt ? ['', t.withdrawn(formatMoment(s.withdrawnAt))] : []),
            '',
          ],
    ),
  );
  section(
    t.scores,
    (
      await tx
        .select()
        .from(safetyScores)
        .where(eq(safetyScores.caseId, kase.id))
        .orderBy(asc(safetyScores.at), asc(safetyScores.id))
    ).map(
      (s) =>
        `- ${formatMoment(s.at)}: actueel ${s.actueel}, blijvend ${s.blijvend}${s.note ? ` (${s.note})` : ''}, ${who(s.byId)}${s.withdrawnAt ? `, ${t.withdrawn(formatMoment(s.withdrawnAt))}` : ''}`,
    ),
  );
  section(
    t.referrals,
    (await referralsOf(tx, kase.id)).map(
      (r) => `- ${r.provider} (${referralLabel(r)}), verwezen ${formatDay(r.referredOn)}: ${referralStatusLine(r, today)}${r.stopReason ? ` (${r.stopReason})` : ''}`,
    ),
  );
  section(
    t.meetings,
    (
      await tx
        .select()
        .from(meetings)
        .where(eq(meetings.caseId, kase.id))
        .orderBy(asc(meetings.id))
    ).map(
      (m) =>
        `- ${m.heldOn ? t.held(formatDay(m.heldOn)) : t.planned(m.plannedAt ? formatMoment(m.plannedAt) : '?')}${m.cancelledAt ? `, ${t.cancelled(formatMoment(m.cancelledAt))}` : ''}${m.decisions ? `: ${m.decisions}` : ''}`,
    ),
  );
  const results = await resultsOf(tx, kase.id);
  const progress = await tx.select().from(resultProgress).where(eq(resultProgress.caseId, kase.id)).orderBy(asc(resultProgress.at));
  section(
    t.results,
    results.flatMap((r) => [
      `- R-${r.number} ${r.text}: ${rt.status[r.status]}`,
      ...progress.filter((p) => p.resultId === r.id).map((p) => `  - ${formatMoment(p.at)} ${rt.status[p.status]}${p.note ? `: ${p.note}` : ''}, ${who(p.byId)}`),
    ]),
  );
  section(
    t.escalations,
    (await escalationsOf(tx, kase.id)).map(
      (e) => `- E-${e.number} (${e.topic}), ${formatMoment(e.createdAt)}, ${who(e.byId)}: ${e.text}${e.decision ? ` — besluit: ${e.decision}` : ''}`,
    ),
  );
  section(
    t.audit,
    // The same sentences as /casus tijdlijn.
    (await timelineSentences(tx, kase.id)).map((line) => `- ${line}`),
  );
  return { filename: `casus-${kase.code.toLowerCase()}-${today}.md`, content: `${out.join('\n')}\n` };
}
