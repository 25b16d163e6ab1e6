// Profiles one of the benchmark's workloads with V8's CPU profiler and prints
// where the time goes (self time and inclusive time per function), so that a
// missed goal can be traced to its cause. The .cpuprofile files are kept for
// Chrome DevTools or speedscope.
//
//   tsx bench/profile.ts ack [--cases 1000] [--seconds 10] [--concurrency 10]
//   tsx bench/profile.ts sweep [--cases 10000]
//   tsx bench/profile.ts digest [--cases 50000]
//   tsx bench/profile.ts cold [--cases 10000]

import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseChannel, haOf, TEAMS } from './generate.js';
import { runLoad, slashCommandBody } from './load.js';
import { freePort, repo, runScript, startFakeSlack, stop, stopAll, waitHealthy, waitDrained } from './procs.js';

const argv = process.argv.slice(2);
const what = argv[0] ?? 'ack';
const option = (name: string, def: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? def) : def;
};
const cases = Number(option('cases', what === 'digest' ? '50000' : what === 'ack' ? '1000' : '10000'));
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const dir = mkdtempSync(join(tmpdir(), 'regiebot-profile-'));
const profDir = join(dir, 'prof');
const secret = 'bench-signing-secret-0123456789abcdef';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self and inclusive time per function of the largest profile in `profDir`. */
export function summarize(file: string, top = 30): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = p.timeDeltas.reduce((a, b) => a + b, 0);
  const key = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules\/)?/, '').split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map<string, number>();
  const inclBy = new Map<string, number>();
  for (const [id, t] of self) {
    selfBy.set(key(byId.get(id)!), (selfBy.get(key(byId.get(id)!)) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      inclBy.set(k, (inclBy.get(k) ?? 0) + t);
    }
  }
  const line = ([k, t]: [string, number]) => `${(t / 1000).toFixed(0).padStart(8)} ms ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`;
  const busy = total - (selfBy.get('(idle) :0') ?? 0);
  return [
    `${file}: ${(total / 1000).toFixed(0)} ms sampled, ${(busy / 1000).toFixed(0)} ms busy`,
    'self time:',
    ...[...selfBy].sort((a, b) => b[1] - a[1]).slice(0, top).map(line),
    'inclusive time (our code and the libraries it calls):',
    ...[...inclBy]
      .filter(([k]) => !/^\((root|program|idle|garbage collector)\)/.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(line),
  ].join('\n');
}

function largestProfile(): string {
  const files = readdirSync(profDir).map((f) => join(profDir, f));
  return files.map((f) => ({ f, size: readFileSync(f).length })).sort((a, b) => b.size - a.size)[0]!.f;
}

async function generate(): Promise<string> {
  const file = join(dir, `gen-${cases}.db`);
  const gen = await runScript('bench/generate.ts', ['--cases', String(cases), '--out', file, '--now', now.toISOString()], 900_000);
  if (gen.code !== 0) throw new Error(gen.stderr);
  return file;
}

async function prime(file: string, at: Date): Promise<void> {
  const shot = await runScript('bench/children/sweep.ts', ['--db', file, '--now', at.toISOString(), '--mode', 'prime'], 900_000);
  if (shot.code !== 0) throw new Error(shot.stderr);
}

function profiled(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--import', 'tsx', ...args], {
    cwd: repo,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
}

async function main(): Promise<void> {
  const db = await generate();
  if (what === 'ack' || what === 'cold') {
    await prime(db, now);
    const fake = await startFakeSlack(cases, TEAMS);
    const port = await freePort();
    const env = { DATABASE_URL: `file:${db}`, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'info', PORT: String(port), HOST: '127.0.0.1' };
    const child = profiled(['src/main.ts'], env);
    const url = `http://127.0.0.1:${port}`;
    await waitHealthy(url, child, 120_000);
    if (what === 'ack') {
      await waitDrained(db, 60_000);
      const res = await runLoad({
        url: `${url}/slack/events`,
        secret,
        concurrency: Number(option('concurrency', '10')),
        durationMs: Number(option('seconds', '10')) * 1000,
        maxRequests: 1_000_000,
        body: (n) => {
          const i = (n % cases) + 1;
          return slashCommandBody({ teamId: 'T0TEST', channelId: caseChannel(i), userId: haOf(i), userName: 'ha', command: '/signaal', text: 'zorg normaal moeder zegt afspraken af', responseUrl: `${fake.url}/respond/p${n}`, n });
        },
      });
      process.stdout.write(`${res.requests} requests, ${res.throughput} /s, p50 ${res.latencyMs.p50} ms, p99 ${res.latencyMs.p99} ms\n`);
      await waitDrained(db, 120_000);
    }
    await stop(child, 10_000);
    await fake.close();
  } else if (what === 'sweep') {
    const file = join(dir, 'sweep.db');
    copyFileSync(db, file);
    await prime(file, now);
    const child = profiled(['bench/children/sweep.ts', '--db', file, '--now', now.toISOString(), '--mode', 'steady']);
    await new Promise((r) => child.on('exit', r));
  } else if (what === 'digest') {
    const child = profiled(['bench/children/digest.ts', '--db', db, '--now', now.toISOString()]);
    await new Promise((r) => child.on('exit', r));
  } else {
    throw new Error(`unknown workload ${what}: ack, sweep, digest or cold`);
  }
  process.stdout.write(`${summarize(largestProfile(), Number(option('top', '30')))}\nprofiles in ${profDir}\n`);
}

try {
  await main();
} finally {
  await stopAll();
}
