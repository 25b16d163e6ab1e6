// What the chart pool (pool.ts) and its threads (chart-worker.ts) say to each other.

export interface ChartJob {
  id: number;
  svg: string;
}

export type ChartReply = { id: number; png: Uint8Array } | { id: number; error: string };

/** The thread's first message: its module loaded. */
export const READY = 'ready';
