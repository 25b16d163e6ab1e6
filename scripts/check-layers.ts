// `npm run lint:layers`: the layer rules of .dependency-cruiser.cjs, failing on
// every violation that is not in .dependency-cruiser-known-violations.json.
//
// dependency-cruiser's own --ignore-known softens only file-level violations;
// a folder cycle (scope: 'folder') stays an error even when it is listed. So
// this script passes --ignore-known for the file-level ones and compares the
// folder-level ones with the same list itself (rule, from-folder, to-folder).
//
// After removing violations, regenerate the list so they cannot come back:
//   npm run lint:layers -- --update
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Violation {
  type: string;
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: Array<{ name: string }>;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const knownFile = resolve(root, '.dependency-cruiser-known-violations.json');
const depcruise = resolve(root, 'node_modules/.bin/depcruise');
const base = ['src', 'adapters', '--config', '.dependency-cruiser.cjs'];

function run(args: string[]): string {
  try {
    return execFileSync(depcruise, [...base, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    // depcruise exits with the number of errors; its output is still the report.
    const out = (err as { stdout?: string }).stdout;
    if (typeof out === 'string' && out.length > 0) return out;
    throw err;
  }
}

if (process.argv.includes('--update')) {
  writeFileSync(knownFile, run(['--output-type', 'baseline']));
}

const known = JSON.parse(readFileSync(knownFile, 'utf8')) as Violation[];
const key = (v: Violation) => `${v.rule.name}\u0000${v.from}\u0000${v.to}`;
const knownKeys = new Set(known.map(key));

const result = JSON.parse(run(['--ignore-known', knownFile, '--output-type', 'json'])) as { summary: { violations: Violation[] } };
const fresh = result.summary.violations.filter((v) => v.rule.severity === 'error' && !knownKeys.has(key(v)));

const perRule = new Map<string, number>();
for (const v of known) perRule.set(v.rule.name, (perRule.get(v.rule.name) ?? 0) + 1);
console.log(`layers: ${known.length} known violations (${[...perRule].map(([rule, n]) => `${rule} ${n}`).join(', ')})`);

if (fresh.length > 0) {
  for (const v of fresh) {
    const path = v.cycle ? [v.from, ...v.cycle.map((c) => c.name)].join(' → ') : `${v.from} → ${v.to}`;
    console.error(`  ${v.rule.name}: ${path}`);
  }
  console.error(`layers: ${fresh.length} new violation(s); see the rule comments in .dependency-cruiser.cjs and docs/architecture.md`);
  process.exit(1);
}
console.log('layers: no new violations');
