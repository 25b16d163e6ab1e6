/**
 * Who writes next on SQLite, between the threads of one process.
 *
 * SQLite has one write lock, and its busy handler is not fair: the work
 * thread, saturated, begins its next transaction microseconds after it
 * committed the last, so the acknowledging thread's inbox write, retrying on
 * timers, rarely finds the lock free, and every ack waits behind a backlog
 * that the ack is meant to leave for later. Here the acknowledging thread
 * says that it waits, the work thread lets it go first before it begins a
 * transaction (bounded, so it is never starved), and each release wakes
 * whoever waits at once instead of at its next timer.
 *
 * Two words shared by the threads (SharedArrayBuffer): [0] writers that wait
 * with priority, [1] a counter bumped at every release of the lock. Across
 * processes (several instances on one file) nothing is shared, and SQLite's
 * own busy handling applies as before.
 */
let words = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));

const WAITING = 0;
const RELEASES = 1;

/** The words to hand to a worker thread (`workerData`), so that it takes turns with this thread. */
export function writeTurnBuffer(): SharedArrayBuffer {
  return words.buffer as SharedArrayBuffer;
}

/** In a worker thread: take turns with the thread that started it. */
export function shareWriteTurn(buffer: SharedArrayBuffer): void {
  words = new Int32Array(buffer);
}

type WaitAsync = (typed: Int32Array, index: number, value: number, timeoutMs: number) => { async: boolean; value: Promise<string> | string };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

async function waitWhile(index: number, value: number, timeoutMs: number): Promise<void> {
  const r = waitAsync(words, index, value, timeoutMs);
  if (r.async) await r.value;
}

/** A priority writer begins: the others hold back until `done` is called. */
export function claimTurn(): () => void {
  Atomics.add(words, WAITING, 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    Atomics.sub(words, WAITING, 1);
    Atomics.notify(words, WAITING);
  };
}

/** Before an ordinary write transaction: lets priority writers go first, for at most `limitMs`. */
export async function giveWay(limitMs = 50): Promise<void> {
  const until = Date.now() + limitMs;
  for (;;) {
    const waiting = Atomics.load(words, WAITING);
    const left = until - Date.now();
    if (waiting <= 0 || left <= 0) return;
    await waitWhile(WAITING, waiting, left);
  }
}

/** After a commit or rollback: wakes the writers waiting for the lock. */
export function released(): void {
  Atomics.add(words, RELEASES, 1);
  Atomics.notify(words, RELEASES);
}

/** The current release count, read before a try, so that a release in between is not missed. */
export function releases(): number {
  return Atomics.load(words, RELEASES);
}

/** Waits until the lock was released since `seen`, or `timeoutMs` passed. */
export function nextRelease(seen: number, timeoutMs: number): Promise<void> {
  return waitWhile(RELEASES, seen, timeoutMs);
}
