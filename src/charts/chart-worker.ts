import { parentPort } from 'node:worker_threads';
import { READY, type ChartJob, type ChartReply } from './chart-messages.js';
import { rasterise } from './render.js';

// A thread of the chart pool (pool.ts): rasterises the SVG documents it is
// sent, one at a time, with the same code as the main thread (`rasterise`),
// so a chart drawn here is the same PNG, byte for byte.


parentPort?.on('message', (job: ChartJob) => {
  let reply: ChartReply;
  try {
    reply = { id: job.id, png: rasterise(job.svg).png };
  } catch (err) {
    // The kind of error only: the main thread draws the chart itself then.
    reply = { id: job.id, error: err instanceof Error ? err.name : 'Error' };
  }
  parentPort?.postMessage(reply);
});

// Loaded: from now on a failure is a chart's, not the thread's start.
parentPort?.postMessage(READY);
