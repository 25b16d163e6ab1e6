import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { prepared } from '../../db/prepared.js';
import { auditLog } from '../../db/schema.js';
import type { Actor } from '../actors.js';

/**
 * Audit actions. The summary holds codes, numbers and kinds only, never free
 * text: the audit log outlives the retention of case content.
 */
export type AuditAction =
  | 'casus.aangemaakt'
  | 'casus.gekoppeld'
  | 'casus.lid'
  | 'casus.lid-overgedragen'
  | 'casus.fase'
  | 'casus.team'
  | 'casus.afgesloten'
  | 'casus.geexporteerd'
  | 'signaal.gemeld'
  | 'signaal.bevestigd'
  | 'signaal.gesloten'
  | 'veiligheid.gescoord'
  | 'inzet.verwezen'
  | 'inzet.gestart'
  | 'inzet.gestopt'
  | 'overleg.gepland'
  | 'overleg.gehouden'
  | 'team.gekoppeld'
  | 'team.teamleider'
  | 'casus.overgedragen'
  | 'casus.zonder-gezinsmanager'
  | 'casus.toestemming'
  | 'casus.lid-verwijderd'
  | 'casus.afsluiten-gecontroleerd'
  | 'casus.nazorg'
  | 'casus.gewist'
  | 'inzet.afronden'
  | 'resultaat.nieuw'
  | 'resultaat.voortgang'
  | 'escalatie.nieuw'
  | 'escalatie.besluit'
  | 'escalatie.doorgezet'
  | 'bsn.geweigerd';

/** `actor.platform` is 'cli' for an administrator's script. */
export async function audit(tx: Tx, actor: Pick<Actor, 'userId'> & { platform: Actor['platform'] | 'cli' }, action: AuditAction, caseId: number | null, summary: string, at: Date): Promise<void> {
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
      })
      .prepare(),
  );
  await query.execute({ at, platform: actor.platform, actorId: actor.userId, action, caseId, summary });
}

export async function auditTrail(tx: Tx, caseId: number) {
  return tx.select().from(auditLog).where(and(eq(auditLog.caseId, caseId))).orderBy(asc(auditLog.at), asc(auditLog.id));
}
