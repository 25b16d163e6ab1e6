import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { prepared } from '../../db/prepared.js';
import { auditLog } from '../../db/schema.js';
import type { Actor } from '../actors.js';

/**
 * Audit actions: every one the code writes, so the timeline has a sentence
 * for each (src/cases/timeline.ts). The summary holds codes, numbers, dates
 * and kinds only, never free text: the audit log outlives the retention of
 * case content. A correction's reason is free text and sits in its own
 * column, which retention erases.
 */
export const auditActions = [
  'casus.aangemaakt',
  'casus.gekoppeld',
  'casus.lid',
  'casus.lid-overgedragen',
  'casus.fase',
  'casus.team',
  'casus.afgesloten',
  'casus.geexporteerd',
  'signaal.gemeld',
  'signaal.bevestigd',
  'signaal.gesloten',
  'signaal.gewijzigd',
  'signaal.ingetrokken',
  'veiligheid.gescoord',
  'veiligheid.ingetrokken',
  'inzet.verwezen',
  'inzet.gestart',
  'inzet.gestopt',
  'inzet.gewijzigd',
  'overleg.gepland',
  'overleg.gehouden',
  'overleg.verzet',
  'overleg.afgezegd',
  'team.gekoppeld',
  'casus.lid-verwijderd',
  'casus.afsluiten-gecontroleerd',
  'casus.nazorg',
  'casus.gewist',
  'inzet.afronden',
  'resultaat.nieuw',
  'resultaat.voortgang',
  'resultaat.gewijzigd',
  'escalatie.nieuw',
  'escalatie.besluit',
  'afspraak.nieuw',
  'afspraak.klaar',
  'overleg.ritme',
  'team.teamleider',
  'casus.overgedragen',
  'casus.zonder-gezinsmanager',
  'casus.toestemming',
  'escalatie.doorgezet',
  'bsn.geweigerd',
] as const;

export type AuditAction = (typeof auditActions)[number];

/** `actor.platform` is 'cli' for an administrator's script. */
export async function audit(
  tx: Tx,
  actor: Pick<Actor, 'userId'> & { platform: Actor['platform'] | 'cli' },
  action: AuditAction,
  caseId: number | null,
  summary: string,
  at: Date,
  reason?: string,
): Promise<void> {
  const query = prepared(tx, 'audit', (q) =>
    q
      .insert(auditLog)
      .values({
        at: sql.placeholder('at'),
        platform: sql.placeholder('platform'),
        actorId: sql.placeholder('actorId'),
        action: sql.placeholder('action'),
        caseId: sql.placeholder('caseId'),
        summary: sql.placeholder('summary'),
        reason: sql.placeholder('reason'),
      })
      .prepare(),
  );
  await query.execute({ at, platform: actor.platform, actorId: actor.userId, action, caseId, summary, reason: reason ?? null });
}

export async function auditTrail(tx: Tx, caseId: number) {
  return tx.select().from(auditLog).where(and(eq(auditLog.caseId, caseId))).orderBy(asc(auditLog.at), asc(auditLog.id));
}
