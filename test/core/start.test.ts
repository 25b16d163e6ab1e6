import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { testDatabaseUrl } from '../helpers/database.js';
import { freePort } from '../helpers/ports.js';

const root = join(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');


function run(env: Record<string, string>): { child: ChildProcess; out: () => string; exit: Promise<number | null> } {
  let out = '';
  const child = spawn(tsx, ['src/main.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, exit };
}

describe('npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regiebot-start-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the sandbox and a healthy /healthz within 10 s, creating the database folder', async () => {
    const port = await freePort();
    const started = Date.now();
    const p = run({ PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: testDatabaseUrl(join(dir, 'nieuw'), 'regiebot') });
    try {
      // The first answer of any kind, within 10 s of the start (fetch throws until it listens).
      const health = await vi
        .waitFor(() => fetch(`http://127.0.0.1:${port}/healthz`), { timeout: Math.max(0, 10_000 - (Date.now() - started)), interval: 100 })
        .catch(() => undefined);
      expect(health?.status, p.out()).toBe(200);
      const body = (await health!.json()) as { status: string; database: { ok: boolean }; platforms: string[] };
      expect(body.status).toBe('ok');
      expect(body.database.ok).toBe(true);
      expect(body.platforms).toEqual(['sandbox']);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('regiebot');
    } finally {
      p.child.kill('SIGTERM');
      await p.exit;
    }
  });

  it('stops with one line naming a bad setting, without echoing its value', async () => {
    const p = run({ PORT: 'drieduizend', SLACK_SIGNING_SECRET: 'geheim-123', DATABASE_URL: testDatabaseUrl(dir, 'x') });
    const code = await p.exit;
    expect(code).toBe(2);
    const lines = p.out().trim().split('\n');
    expect(lines).toEqual(['Instelling PORT is ongeldig: verwacht een poortnummer van 0 tot 65535.']);
  });
});
