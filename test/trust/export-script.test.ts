import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { first, openDatabase } from '../../db/connection.js';
import { auditLog } from '../../db/schema.js';
import { coreHarness } from '../core/harness.js';

const root = join(import.meta.dirname, '../..');

describe('npm run export', () => {
  it('writes a case’s full record to a file for the administrator, and logs who did it', async () => {
    const h = await coreHarness();
    await h.say('U-GM', '/casus nieuw EXP-001 export');
    await h.say('U-GM', '/signaal zorg hoog school meldt verzuim');
    await h.app.close();
    const out = join(h.dir, 'dossier.md');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export.ts', 'exp-001', out], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: h.dbUrl },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Export van casus EXP-001 geschreven naar');
    const content = readFileSync(out, 'utf8');
    expect(content).toContain('# Dossierexport casus EXP-001');
    expect(content).toContain('school meldt verzuim');
    const db = await openDatabase(h.dbUrl);
    const row = await first(
      db.q.select({ platform: auditLog.platform, actor_id: auditLog.actorId }).from(auditLog).where(eq(auditLog.action, 'casus.geexporteerd')).limit(1),
    );
    await db.close();
    expect(row).toEqual({ platform: 'cli', actor_id: 'beheerder' });

    const missing = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export.ts', 'NIET-001', join(h.dir, 'x.md')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: h.dbUrl },
      encoding: 'utf8',
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Casus NIET-001 bestaat niet');
    expect(existsSync(join(h.dir, 'x.md'))).toBe(false);
    rmSync(h.dir, { recursive: true, force: true });
  });
});
