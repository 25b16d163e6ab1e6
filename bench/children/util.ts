// Small helpers shared by the benchmark's child processes.

import { readFileSync } from 'node:fs';

export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Resident set size now, in MB. */
export function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 1048576);
}

/** The highest resident set size this process has had, in MB (getrusage's ru_maxrss). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** CPU time of this process's main thread alone, in ms (Linux: /proc/self/task/<pid>/stat; other threads, such as worker threads, are not counted). */
export function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
