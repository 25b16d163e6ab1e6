import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe('npm run export: where and how the file is written', () => {
  it('writes relative to the folder the administrator ran it from, creates mode 0600, never overwrites, never follows a symlink', async () => {
    const h = await coreHarness();
    await h.say('U-GM', '/casus nieuw EXP-002 export');
    await h.say('U-GM', '/signaal zorg hoog school meldt verzuim');
    await h.app.close();
    const here = join(h.dir, 'beheerder');
    mkdirSync(here);
    // npm sets INIT_CWD to where `npm run` was typed, and runs the script in the package folder.
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export.ts', ...args], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: h.dbUrl, INIT_CWD: here },
        encoding: 'utf8',
      });

    const relative = run('EXP-002', 'dossier.md');
    expect(relative.status, relative.stderr).toBe(0);
    const written = join(here, 'dossier.md');
    expect(readFileSync(written, 'utf8')).toContain('# Dossierexport casus EXP-002');
    // Had it gone to the package folder, clean that up before saying so.
    const stray = existsSync(join(root, 'dossier.md'));
    if (stray) rmSync(join(root, 'dossier.md'));
    expect(stray).toBe(false);
    expect(statSync(written).mode & 0o777).toBe(0o600);
    expect(relative.stdout).toContain(written);

    // No name: the export's own file name, in the same folder.
    const named = run('EXP-002');
    expect(named.status, named.stderr).toBe(0);
    expect(readdirSync(here).filter((f) => /^casus-exp-002-\d{4}-\d{2}-\d{2}\.md$/.test(f))).toHaveLength(1);

    // An existing file stays as it was.
    writeFileSync(join(here, 'bestaat.md'), 'van iemand anders\n');
    const over = run('EXP-002', 'bestaat.md');
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('bestaat al');
    expect(readFileSync(join(here, 'bestaat.md'), 'utf8')).toBe('van iemand anders\n');

    // A symlink, to an existing file or to none yet, is not followed.
    const victim = join(h.dir, 'elders.txt');
    writeFileSync(victim, 'niet aanraken\n');
    symlinkSync(victim, join(here, 'link.md'));
    symlinkSync(join(h.dir, 'nieuw-elders.txt'), join(here, 'hangend.md'));
    for (const link of ['link.md', 'hangend.md']) {
      const res = run('EXP-002', link);
      expect(res.status, link).toBe(2);
      expect(res.stderr).toContain('symbolische link');
      expect(lstatSync(join(here, link)).isSymbolicLink()).toBe(true);
    }
    expect(readFileSync(victim, 'utf8')).toBe('niet aanraken\n');
    expect(existsSync(join(h.dir, 'nieuw-elders.txt'))).toBe(false);

    const nowhere = run('EXP-002', 'geen-map/dossier.md');
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toContain('Kan');
    expect(nowhere.stderr).toContain('ENOENT');
    rmSync(h.dir, { recursive: true, force: true });
    // Seven runs of the script, a few seconds each on a busy machine.
  }, 120_000);
});
