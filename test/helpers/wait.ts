import { vi } from 'vitest';

/**
 * Waits until `check` holds, polling every 10 ms (for work that runs after a
 * platform got its answer). vi.waitFor underneath; this form takes a boolean.
 */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check()) throw new Error('condition not met in time');
    },
    { timeout: timeoutMs, interval: 10 },
  );
}
