import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabaseUrl } from '../helpers/database.js';
import { freePort } from '../helpers/ports.js';

// `npm start` runs the build in dist/ (`npm install` makes it through
// `prepare`). Here the build script compiles the sources afresh into a folder
// of its own, and node runs it from another working directory: the
// migrations, the sandbox page and the chart fonts must be found next to the
// compiled code, not in the sources.

const root = join(import.meta.dirname, '../..');
const out = join(root, '.tmp', `dist-test-${process.pid}`);
const dir = mkdtempSync(join(tmpdir(), 'regiebot-compiled-'));

beforeAll(() => {
  const built = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build.ts'), '--out', out], { cwd: root, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

function start(env: Record<string, string>): { child: ChildProcess; out: () => string; exit: Promise<number | null> } {
  let text = '';
  const child = spawn(process.execPath, ['--enable-source-maps', join(out, 'src/main.js')], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  child.stdout.on('data', (d) => (text += d));
  child.stderr.on('data', (d) => (text += d));
  return { child, out: () => text, exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

describe('the compiled build', () => {
  it('holds one JavaScript file with its source map for every source, and no TypeScript', () => {
    for (const file of ['src/main.js', 'src/app.js', 'db/connection.js', 'adapters/sandbox/index.js', 'adapters/slack/index.js', 'adapters/teams/index.js']) {
      expect(existsSync(join(out, file)), file).toBe(true);
      const map = JSON.parse(readFileSync(join(out, `${file}.map`), 'utf8')) as { sources: string[] };
      expect(map.sources[0]).toMatch(/\.ts$/);
    }
    expect(existsSync(join(out, 'src/main.ts'))).toBe(false);
  });

  it('starts from another folder: migrations applied, a healthy /healthz, the sandbox page and its script', async () => {
    const port = await freePort();
    const p = start({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATABASE_URL: testDatabaseUrl(dir, 'compiled') });
    try {
      const health = await vi.waitFor(() => fetch(`http://127.0.0.1:${port}/healthz`), { timeout: 20_000, interval: 100 }).catch(() => undefined);
      expect(health?.status, p.out()).toBe(200);
      const body = (await health!.json()) as { status: string; database: { ok: boolean }; platforms: string[] };
      expect(body).toMatchObject({ status: 'ok', database: { ok: true }, platforms: ['sandbox'] });
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('regiebot');
      const script = await fetch(`http://127.0.0.1:${port}/sandbox/sandbox.js`);
      expect(script.status).toBe(200);
    } finally {
      p.child.kill('SIGTERM');
      await p.exit;
    }
  });

  it('draws a chart with the fonts copied next to it (without them resvg would draw no text and regiebot refuses)', async () => {
    const render = (await import(pathToFileURL(join(out, 'src/charts/render.js')).href)) as typeof import('../../src/charts/render.js');
    expect(render.fontFiles.every((f) => f.startsWith(out))).toBe(true);
    const svg = render.svgDocument(120, 40, [render.text(10, 25, 'week 48')]);
    const raster = await render.rasteriseAsync(svg);
    expect(raster.png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Text was drawn: dark pixels exist, which an empty white image would not have.
    expect(raster.png.length).toBeGreaterThan(render.rasterise(render.svgDocument(120, 40, [])).png.length);
  });

  it('the chart pool starts its threads from the compiled worker file and draws the same bytes in them', async () => {
    const { ChartPool } = (await import(pathToFileURL(join(out, 'src/charts/pool.js')).href)) as typeof import('../../src/charts/pool.js');
    const render = (await import(pathToFileURL(join(out, 'src/charts/render.js')).href)) as typeof import('../../src/charts/render.js');
    const pool = new ChartPool(2);
    try {
      const svg = render.svgDocument(120, 40, [render.text(10, 25, 'week 49')]);
      expect((await pool.rasterise(svg)).equals(render.rasterise(svg).png)).toBe(true);
      // Drawn in a thread (dist/src/charts/chart-worker.js), not handed back to this one.
      expect(pool.fallbacks).toBe(0);
      expect(pool.threadCount).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
