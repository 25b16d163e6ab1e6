import { parseArgs } from 'node:util';
import { describeUrl, openDatabase } from '../db/connection.js';
import { CopyError, copyDatabase } from '../db/copy.js';

// `npm run db:copy -- --from file:data/regiebot.db --to postgres://…`: moves a
// deployment to another database (README, "Naar PostgreSQL"). The target is
// migrated, filled in one transaction, and its row counts are checked
// against the source's.

const usage = 'Gebruik: npm run db:copy -- --from file:data/regiebot.db --to postgres://gebruiker@host:5432/database';
let from: string | undefined;
let to: string | undefined;
try {
  ({ values: { from, to } } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } }));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${usage}\n`);
  process.exit(2);
}
if (!from || !to) {
  process.stderr.write(`Geef zowel --from als --to.\n${usage}\n`);
  process.exit(2);
}
if (from === to) {
  process.stderr.write(`--from en --to zijn dezelfde database.\n${usage}\n`);
  process.exit(2);
}

const source = await openDatabase(from);
const target = await openDatabase(to);
let mismatch = false;
try {
  process.stdout.write(`Kopiëren van ${describeUrl(from)} naar ${describeUrl(to)}\n`);
  const copied = await copyDatabase(source, target);
  const width = Math.max(...copied.map((c) => c.table.length));
  for (const c of copied) {
    const ok = c.source === c.target;
    if (!ok) mismatch = true;
    process.stdout.write(`  ${c.table.padEnd(width)}  ${String(c.source).padStart(9)} → ${String(c.target).padStart(9)}  ${ok ? 'ok' : 'VERSCHIL'}\n`);
  }
  const total = copied.reduce((n, c) => n + c.target, 0);
  process.stdout.write(mismatch ? 'De aantallen verschillen: gebruik de doeldatabase niet.\n' : `Klaar: ${total} rijen gekopieerd, alle aantallen kloppen.\n`);
} catch (err) {
  process.stderr.write(`${err instanceof CopyError ? err.message : `Kopiëren mislukt: ${(err as Error).message}`}\n`);
  mismatch = true;
} finally {
  await source.close();
  await target.close();
}
process.exit(mismatch ? 1 : 0);
