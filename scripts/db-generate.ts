// Writes the migrations of both databases from db/schema.ts (drizzle-kit).
// PostgreSQL's are made schema-neutral: drizzle-kit names "public" in foreign
// keys, but regiebot may live in a schema of its own (?schema= in DATABASE_URL).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const kit = (args: string[]) => execFileSync('npx', ['drizzle-kit', 'generate', ...args], { stdio: 'inherit' });
kit([]);
kit(['--config', 'drizzle.pg.config.ts']);
const dir = 'db/migrations/pg';
for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
  const path = `${dir}/${file}`;
  const text = readFileSync(path, 'utf8');
  const neutral = text.replaceAll('"public".', '');
  if (neutral !== text) writeFileSync(path, neutral);
}
