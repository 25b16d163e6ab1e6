// Which cases a write transaction touched: every Scope made inside it names
// its case here, so the code that opened the transaction can bring what
// depends on those cases up to date before it commits (the scheduler's due
// moments), whatever the command changed and without the services knowing.

const open = new WeakMap<object, Set<number>>();

/** Starts collecting for a transaction; returns the set the Scopes made in it fill. */
export function collectTouched(tx: object): Set<number> {
  const touched = new Set<number>();
  open.set(tx, touched);
  return touched;
}

export function stopCollecting(tx: object): void {
  open.delete(tx);
}

/** Called by Scope: the case is part of the transaction that collects (if any). */
export function touch(tx: object, caseId: number): void {
  open.get(tx)?.add(caseId);
}
