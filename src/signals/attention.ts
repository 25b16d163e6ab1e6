import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Tx } from '../../db/connection.js';
import { signals } from '../../db/schema.js';
import { openIds, prepared, shapeOf, valuesOf, type CaseFilter } from '../cases/open.js';
import type { SignalRow } from './model.js';

// The signals that need attention in the open cases, with a fixed number of
// queries for any number of cases (src/cases/open.ts says how these queries work).

export type SignalLite = Pick<
  SignalRow,
  'id' | 'caseId' | 'number' | 'kind' | 'urgency' | 'cause' | 'createdAt' | 'reporterRole' | 'messageId' | 'confidential'
>;

const signalLite = {
  id: signals.id,
  caseId: signals.caseId,
  number: signals.number,
  kind: signals.kind,
  urgency: signals.urgency,
  cause: signals.cause,
  createdAt: signals.createdAt,
  reporterRole: signals.reporterRole,
  messageId: signals.messageId,
  confidential: signals.confidential,
};

/**
 * Open signals nobody acknowledged yet, oldest first. Signals the
 * gezinsmanager filed herself are left out: she has seen them.
 */
export async function unacknowledgedSignals(tx: Tx, filter: CaseFilter): Promise<SignalLite[]> {
  return prepared(tx, 'unacked', shapeOf(filter), (s) =>
    tx
      .select(signalLite)
      .from(signals)
      .where(
        and(
          isNull(signals.ackAt),
          isNull(signals.closedAt),
          isNull(signals.withdrawnAt),
          ne(signals.reporterRole, 'gezinsmanager'),
          inArray(signals.caseId, openIds(tx, s)),
        ),
      )
      .orderBy(asc(signals.createdAt), asc(signals.id))
      .prepare(),
  ).execute(valuesOf(filter));
}

/** Open stagnatie signals (acknowledged or not), oldest first. */
export async function openStagnations(tx: Tx, filter: CaseFilter): Promise<SignalLite[]> {
  return prepared(tx, 'stagnations', shapeOf(filter), (s) =>
    tx
      .select(signalLite)
      .from(signals)
      .where(and(eq(signals.kind, 'stagnatie'), isNull(signals.closedAt), isNull(signals.withdrawnAt), inArray(signals.caseId, openIds(tx, s))))
      .orderBy(asc(signals.createdAt), asc(signals.id))
      .prepare(),
  ).execute(valuesOf(filter));
}
