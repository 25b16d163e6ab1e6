import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start` with a database it cannot open: one line on stderr that names
// the database (never a password), the driver's reason and what to do, and
// exit code 1, instead of a bare driver message. A database that cannot be
// reached now is waited for instead (see outage.test.ts), with the same line.

const root = join(import.meta.dirname, '../..');
// Run from a folder of its own (relative paths stay in it), so tsx is named by its path.
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
const dir = mkdtempSync(join(tmpdir(), 'regiebot-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts `npm start`; resolves when it exits, or (with `until`) once stderr says so, then stops it. */
function start(env: Record<string, string>, until?: RegExp): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx, join(root, 'src/main.ts')], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (until?.test(stderr)) child.kill('SIGKILL');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}


describe('a start-up failure names the database and what to do', () => {
  it('a folder where the SQLite file should be', async () => {
    mkdirSync(join(dir, 'data', 'regiebot.db'), { recursive: true });
    const run = await start({ DATABASE_URL: 'file:data/regiebot.db' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^regiebot kon niet starten: kan data\/regiebot\.db niet openen \(.+\)\. Controleer of de map bestaat/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a file that is no SQLite database', async () => {
    writeFileSync(join(dir, 'kapot.db'), 'dit is geen database, alleen tekst die lang genoeg is voor de kop van een bestand\n'.repeat(4));
    const run = await start({ DATABASE_URL: 'file:kapot.db' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('kan kapot.db niet openen (file is not a database)');
    expect(run.stderr).toContain('zet een back-up terug');
  });

  it('a PostgreSQL server that does not answer: the URL without its password, and it waits instead of exiting', async () => {
    // A refused connection may be a failover or a restart: the process waits (no restart loop) and says why.
    const run = await start({ DATABASE_URL: 'postgres://regiebot:Geheim-wachtwoord-42@127.0.0.1:1/regiebot' }, /probeert het steeds opnieuw/);
    expect(run.status).toBeNull(); // still running until the test stopped it
    expect(run.stderr).toContain('kan postgres://regiebot:***@127.0.0.1:1/regiebot niet openen');
    expect(run.stderr).toContain('Controleer of PostgreSQL draait');
    expect(run.stderr).toContain('regiebot wacht tot de database bereikbaar is');
    expect(run.stderr).not.toContain('Geheim-wachtwoord-42');
  });
});
