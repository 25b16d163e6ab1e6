// `npm run build`, and `npm install`'s `prepare`: compiles src/, adapters/ and
// db/ to dist/ (one .js and source map per .ts file, the same folder layout)
// and copies what the code reads from disk next to its own path: the
// migrations, the sandbox page and the chart fonts. `npm start` runs dist/;
// its `prestart` runs this again when a source is newer than the last build.
//
//   tsx scripts/build.ts [--out <folder inside the repository>]
//
// No type check here (`npm run typecheck` does that): a type error must not
// stop `npm install`. Syntax errors do stop it.

import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--out');
// Inside the repository: the compiled files find node_modules by walking up.
const out = resolve(root, i >= 0 ? process.argv[i + 1]! : 'dist');
if (relative(root, out).startsWith('..')) throw new Error(`build: --out must lie inside ${root}`);

/** Read from disk by path relative to the module that reads it: copied to the same place under dist/. */
const copied = ['db/migrations', 'adapters/sandbox/public', 'assets/fonts'];
/** What this build writes, and so removes first (dist/teams/ holds the Teams app package: left alone). */
const owned = ['src', 'adapters', 'db', 'assets', '.built'];

const started = performance.now();
const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), { outDir: out }, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
});
if (!parsed) throw new Error('build: tsconfig.build.json could not be read');
for (const folder of owned) rmSync(join(out, folder), { recursive: true, force: true });
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
const emitted = program.emit();
const errors = [...program.getSyntacticDiagnostics(), ...emitted.diagnostics].filter((d) => d.category === ts.DiagnosticCategory.Error);
if (errors.length || emitted.emitSkipped) {
  const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  process.stderr.write(ts.formatDiagnostics(errors, host));
  process.exit(1);
}
for (const folder of copied) {
  cpSync(join(root, folder), join(out, folder), { recursive: true, filter: (src) => !src.endsWith('tsconfig.json') });
}
mkdirSync(out, { recursive: true });
// The moment of this build: `prestart` rebuilds when a source is newer.
writeFileSync(join(out, '.built'), `${new Date().toISOString()}\n`);
process.stdout.write(`regiebot gebouwd: ${parsed.fileNames.length} bestanden naar ${relative(root, out)}/ in ${Math.round(performance.now() - started)} ms\n`);
