// Small helpers shared by the benchmark's child processes.

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
