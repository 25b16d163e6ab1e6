import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { members, referrals, teams } from '../../db/schema.js';
import { auditActions, auditTrail, type AuditAction } from '../audit/log.js';
import { formatDay, formatMoment } from '../clock.js';
import type { Cause, Phase, SignalKind, Urgency } from '../commands/types.js';
import { texts as escalationTexts } from '../escalations/messages.js';
import { words } from '../commands/words.js';
import { plural } from '../i18n/index.js';
import { texts as resultTexts } from '../results/messages.js';
import { timelineTexts, type TimelineParts } from '../cases/messages.js';
import { ownAckMark } from '../signals/messages.js';

/*
 * The case's timeline as people read it: "01-12-2026 09:14 — Sanne de Wit
 * voegde Joris Bakker toe als hoofdaannemer". The audit log holds codes and
 * numbers only (src/audit/log.ts); here they become names, words and
 * dd-mm-jjjj dates, and a correction's reason is added. `/casus tijdlijn` and
 * the export read the same sentences.
 */

export interface TimelineEntry {
  at: Date;
  platform: string;
  actorId: string;
  action: string;
  summary: string;
  reason: string | null;
}

/** What the summaries point at, by the ids they carry. */
export interface TimelineLookup {
  people: ReadonlyMap<string, string>;
  providers: ReadonlyMap<number, string>;
  teams: ReadonlyMap<number, string>;
}

/** Every entry of the case's log as a sentence, oldest first. */
export async function timelineSentences(tx: Tx, caseId: number): Promise<string[]> {
  const trail = await auditTrail(tx, caseId);
  const lookup = await lookupFor(tx, caseId, trail);
  return trail.map((e) => timelineSentence(e, lookup));
}

async function lookupFor(tx: Tx, caseId: number, trail: TimelineEntry[]): Promise<TimelineLookup> {
  const people = new Map<string, string>();
  // Everyone who was ever a member, by the name they last had: removed members did things too.
  for (const m of await tx.select({ userId: members.userId, name: members.displayName }).from(members).where(eq(members.caseId, caseId)).orderBy(members.id)) {
    people.set(m.userId, m.name);
  }
  const providers = new Map<number, string>(
    (await tx.select({ id: referrals.id, provider: referrals.provider }).from(referrals).where(eq(referrals.caseId, caseId))).map((r) => [r.id, r.provider]),
  );
  const teamIds = [...new Set(trail.flatMap((e) => [...e.summary.matchAll(/team #(\d+)/g)].map((m) => Number(m[1]))))];
  const teamNames = new Map<number, string>(
    teamIds.length ? (await tx.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds))).map((r) => [r.id, r.name]) : [],
  );
  return { people, providers, teams: teamNames };
}

const isAction = (action: string): action is AuditAction => (auditActions as readonly string[]).includes(action);

export function timelineSentence(e: TimelineEntry, lookup: TimelineLookup): string {
  const t = timelineTexts();
  const who = e.platform === 'cli' ? t.regiebot : (lookup.people.get(e.actorId) ?? t.unknown);
  // An action this version does not know (a newer one wrote it) still says who and when.
  const sentence = isAction(e.action) ? t.sentence[e.action](partsOf(e.action, e.summary, who, lookup)) : t.unknownAction(who);
  return `${formatMoment(e.at)} — ${sentence}${e.reason ? t.reason(e.reason) : ''}`;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (d: string | undefined) => (d && DAY.test(d) ? formatDay(d) : undefined);

/** The summary's codes as readable parts; what a legacy summary lacks stays out. */
function partsOf(action: AuditAction, summary: string, who: string, lookup: TimelineLookup): TimelineParts {
  const t = timelineTexts();
  const w = words();
  const person = (id: string | undefined) => (id === undefined ? undefined : (lookup.people.get(id) ?? t.unknown));
  const role = (r: string | undefined) => (r && r in w.role ? w.role[r as keyof typeof w.role] : r);
  const m = (re: RegExp) => re.exec(summary) ?? undefined;
  const p: TimelineParts = { who };
  switch (action) {
    case 'casus.aangemaakt':
    case 'casus.gekoppeld':
      if (summary) p.n = summary;
      break;
    case 'casus.lid': {
      const x = m(/^(\S+) (\S+)$/);
      Object.assign(p, { role: role(x?.[1]), name: person(x?.[2]) });
      break;
    }
    case 'casus.lid-overgedragen': {
      const x = m(/^(\S+) (\S+) -> (\S+)$/);
      Object.assign(p, { role: role(x?.[1]), from: person(x?.[2]), to: person(x?.[3]) });
      break;
    }
    case 'casus.lid-verwijderd': {
      const x = m(/^(\S+) (\S+)( kanaal verlaten)?$/);
      Object.assign(p, { role: role(x?.[1]), name: person(x?.[2]), ...(x?.[3] ? { flag: 'left' } : {}) });
      break;
    }
    case 'casus.fase':
      p.what = w.phase[summary as Phase] ?? summary;
      break;
    case 'casus.team':
    case 'team.gekoppeld': {
      const x = m(/team #(\d+)/);
      const name = x ? lookup.teams.get(Number(x[1])) : undefined;
      if (name) p.name = name;
      break;
    }
    case 'casus.afgesloten': {
      const x = m(/open: (\d+) resultaten, (\d+) signalen, (\d+) inzet/);
      if (x) {
        const count = (n: string, key: string) => plural(Number(n), t.counts[key]![0], t.counts[key]![1]);
        p.what = t.closedOpen(count(x[1]!, 'result'), count(x[2]!, 'signal'), count(x[3]!, 'referral'));
      }
      break;
    }
    case 'casus.nazorg':
      p.what = t.followUp[summary] ?? summary;
      break;
    case 'casus.gewist': {
      const x = m(/na (\d+) dagen/);
      if (x) p.what = x[1];
      break;
    }
    case 'signaal.gemeld': {
      const x = m(/^S-(\d+) (\S+)/);
      p.n = `S-${x?.[1] ?? '?'}`;
      const [kind, urgency, cause] = (x?.[2] ?? '').split('/');
      if (urgency) p.what = `${w.kind[kind as SignalKind] ?? kind} (${w.urgency[urgency as Urgency] ?? urgency}${cause ? `, ${w.cause[cause as Cause] ?? cause}` : ''})`;
      else p.flag = 'vertrouwelijk';
      break;
    }
    case 'signaal.bevestigd':
    case 'signaal.gesloten':
      p.n = summary.split(' ')[0];
      if (summary.split(' ')[1] === ownAckMark) p.flag = 'own';
      break;
    case 'signaal.gewijzigd': {
      const x = m(/^S-(\d+) (\S+)(?: (\S+) -> (\S+))?/);
      p.n = `S-${x?.[1] ?? '?'}`;
      const field = x?.[2] ?? '';
      p.what = t.field[field] ?? field;
      if (x?.[4] !== undefined) {
        const shown = (v: string) => (v === '-' ? t.notSet : field === 'soort' ? w.kind[v as SignalKind] : field === 'urgentie' ? w.urgency[v as Urgency] : w.cause[v as Cause]) ?? v;
        p.from = shown(x[3]!);
        p.to = shown(x[4]);
      }
      break;
    }
    case 'signaal.ingetrokken': {
      const x = m(/^S-(\d+)( .+)?$/);
      p.n = `S-${x?.[1] ?? '?'}`;
      if (x?.[2]) p.flag = 'vertrouwelijk';
      break;
    }
    case 'veiligheid.gescoord':
    case 'veiligheid.ingetrokken': {
      const x = m(/actueel (\d+) blijvend (\d+)/);
      if (x) p.what = t.scores(Number(x[1]), Number(x[2]));
      break;
    }
    case 'inzet.verwezen': {
      const x = m(/^(ha|oa) spic (\S+) referral #(\d+)/);
      Object.assign(p, { role: t.referralRole[x?.[1] ?? ''], what: x?.[2], name: x ? lookup.providers.get(Number(x[3])) : undefined });
      break;
    }
    case 'inzet.gestart':
    case 'inzet.gestopt':
    case 'inzet.afronden': {
      const x = m(/^(?:ha|oa) referral #(\d+)(?: (\S+))?/);
      Object.assign(p, { name: x ? lookup.providers.get(Number(x[1])) : undefined, date: day(x?.[2]) });
      break;
    }
    case 'inzet.gewijzigd': {
      const x = m(/^(?:ha|oa) referral #(\d+) (\S+) (\S+) -> (\S+)$/);
      const shown = (v: string) => (v === '-' ? t.notSet : (day(v) ?? v));
      Object.assign(p, {
        name: x ? lookup.providers.get(Number(x[1])) : undefined,
        what: t.field[x?.[2] ?? ''] ?? x?.[2],
        from: x ? shown(x[3]!) : undefined,
        to: x ? shown(x[4]!) : undefined,
      });
      break;
    }
    case 'overleg.gepland':
    case 'overleg.gehouden':
    case 'overleg.afgezegd': {
      const x = m(/^(\S+)(?: (\d\d:\d\d))?/);
      Object.assign(p, { date: day(x?.[1]), time: x?.[2] });
      break;
    }
    case 'overleg.verzet': {
      const x = m(/^(\S+) -> (\S+)(?: (\d\d:\d\d))?$/);
      Object.assign(p, { from: day(x?.[1]), to: day(x?.[2]), time: x?.[3] });
      break;
    }
    case 'resultaat.nieuw':
    case 'resultaat.gewijzigd':
    case 'escalatie.besluit':
      p.n = summary.split(' ')[0];
      break;
    case 'resultaat.voortgang': {
      const x = m(/^(R-\d+) (\S+)( overleg #\d+)?/);
      const status = x?.[2] as keyof ReturnType<typeof resultTexts>['status'] | undefined;
      Object.assign(p, { n: x?.[1], what: status ? (resultTexts().status[status] ?? status) : undefined, ...(x?.[3] ? { flag: 'meeting' } : {}) });
      break;
    }
    case 'escalatie.nieuw': {
      const x = m(/^(E-\d+) (\S+)/);
      const topic = x?.[2] as keyof ReturnType<typeof escalationTexts>['topic'] | undefined;
      Object.assign(p, { n: x?.[1], what: topic ? (escalationTexts().topic[topic] ?? topic) : undefined });
      break;
    }
    case 'afspraak.nieuw': {
      const x = m(/^(A-\d+) (\S+)(?: (R-\d+))?/);
      Object.assign(p, { n: x?.[1], date: day(x?.[2]), what: x?.[3] });
      break;
    }
    case 'casus.overgedragen': {
      const x = m(/^(\S+) -> (\S+)$/);
      Object.assign(p, { from: x?.[1] === '-' ? undefined : person(x?.[1]), to: person(x?.[2]) });
      break;
    }
    case 'casus.zonder-gezinsmanager':
      p.name = person(summary.trim() || undefined);
      break;
    case 'casus.toestemming':
      p.what = summary.split(' ')[0];
      break;
    case 'team.teamleider': {
      const x = m(/^team #(\d+) (\S+)$/);
      Object.assign(p, { name: x ? lookup.teams.get(Number(x[1])) : undefined, to: person(x?.[2]) });
      break;
    }
    case 'escalatie.doorgezet': {
      const x = m(/^(E-\d+) (\S+)/);
      Object.assign(p, { n: x?.[1], what: x?.[2] });
      break;
    }
    case 'afspraak.klaar':
      p.n = summary.split(' ')[0];
      break;
    case 'overleg.ritme': {
      const x = m(/^(\d+) weken/);
      p.what = x?.[1];
      break;
    }
    case 'casus.afsluiten-gecontroleerd':
    case 'casus.geexporteerd':
    case 'bsn.geweigerd':
      break;
  }
  // Object.assign above may have set keys to undefined; the sentences test for presence.
  for (const k of Object.keys(p) as Array<keyof TimelineParts>) if (p[k] === undefined) delete p[k];
  return p;
}
