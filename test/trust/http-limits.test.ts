import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/app.js';
import { loadSettings } from '../../src/config.js';
import { signingSecret } from '../slack/harness.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { testDatabaseUrl } from '../helpers/database.js';

// The shared HTTP server against slow and foreign clients: a body trickled in
// is cut off after the request timeout while /healthz keeps answering, and the
// sandbox and token-less Teams answer only to loopback and configured names.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function start(env: Record<string, string> = {}, http?: { requestTimeoutMs: number }): Promise<{ app: App; base: string; port: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'regiebot-http-'));
  const app = await buildApp({ settings: loadSettings({ DATABASE_URL: testDatabaseUrl(dir), LOG_LEVEL: 'silent', ...env }), senderIntervalMs: 0, ...(http ? { http } : {}) });
  const base = await app.listen(0, '127.0.0.1');
  cleanups.push(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, base, port: Number(new URL(base).port) };
}

/** A request with a Host header of our choosing (fetch does not let one set it). */
function get(port: number, path: string, host: string, method = 'GET', body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('a body trickled at one byte per second', () => {
  it('is cut off after the request timeout, and /healthz answers all the while', async () => {
    const { base, port } = await start({}, { requestTimeoutMs: 1500 });
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (received += d));
    socket.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
    socket.write(`POST /sandbox/api/command HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{`);
    const trickle = setInterval(() => socket.write(' '), 1000);
    cleanups.push(async () => {
      clearInterval(trickle);
      socket.destroy();
    });

    const health: number[] = [];
    const polling = (async () => {
      while (Date.now() - started < 2500) {
        health.push((await fetch(`${base}/healthz`)).status);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    // Without a limit Node waits five minutes: give up well before that.
    const after = await Promise.race([closed, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 6000))]);
    clearInterval(trickle);
    await polling;
    expect(after, 'the slow request was not closed within 6 s').toBeGreaterThan(0);
    expect(after).toBeGreaterThanOrEqual(1400);
    expect(after).toBeLessThan(4000);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(health.length).toBeGreaterThanOrEqual(5);
    expect(health.every((s) => s === 200)).toBe(true);
  });
});

describe('headers trickled in, or nothing sent at all', () => {
  it('both connections are closed after the timeout', async () => {
    const { port } = await start({}, { requestTimeoutMs: 1500 });
    const closedAfter = (socket: ReturnType<typeof connect>, started: number) =>
      Promise.race([new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started))), new Promise<number>((resolve) => setTimeout(() => resolve(-1), 6000))]);
    const started = Date.now();
    const idle = connect(port, '127.0.0.1');
    const slow = connect(port, '127.0.0.1');
    const answers = ['', ''];
    // Reading (flowing mode) is what lets a socket notice that the server hung up.
    [idle, slow].forEach((s, i) => {
      s.on('error', () => undefined);
      s.setEncoding('utf8').on('data', (d: string) => (answers[i] += d));
    });
    slow.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    const trickle = setInterval(() => slow.write('X-Traag: ja\r\n'), 500);
    cleanups.push(async () => {
      clearInterval(trickle);
      idle.destroy();
      slow.destroy();
    });
    const [idleAfter, slowAfter] = await Promise.all([closedAfter(idle, started), closedAfter(slow, started)]);
    clearInterval(trickle);
    for (const after of [idleAfter, slowAfter]) {
      expect(after).toBeGreaterThanOrEqual(1400);
      expect(after).toBeLessThan(4000);
    }
    for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });
});

describe('the Host check (DNS rebinding)', () => {
  it('the sandbox refuses a foreign host name and answers loopback names', async () => {
    const { port } = await start();
    const foreign = await get(port, '/sandbox/api/users', `rebind.example:${port}`);
    expect(foreign.status).toBe(403);
    expect(foreign.text).toContain('ALLOWED_HOSTS');
    expect(foreign.text).not.toContain('Sanne');
    expect((await get(port, '/', `attacker.example`)).status).toBe(403);
    expect((await get(port, '/sandbox/api/command', `rebind.example:${port}`, 'POST', JSON.stringify({ userId: 'U-GM', channelId: 'x', text: '/help' }))).status).toBe(403);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'LOCALHOST']) {
      expect((await get(port, '/sandbox/api/users', host)).status, host).toBe(200);
    }
    // /healthz is for load balancers under any name.
    expect((await get(port, '/healthz', 'rebind.example')).status).toBe(200);
  });

  it('accepts the names in ALLOWED_HOSTS', async () => {
    const { port } = await start({ ALLOWED_HOSTS: 'regiebot.intern, 192.168.10.20' });
    expect((await get(port, '/sandbox/api/users', `regiebot.intern:${port}`)).status).toBe(200);
    expect((await get(port, '/sandbox/api/users', `192.168.10.20:${port}`)).status).toBe(200);
    expect((await get(port, '/sandbox/api/users', `regiebot.intern.example:${port}`)).status).toBe(403);
  });

  it('Teams without token checks refuses a foreign host; Slack, reached under the public name, is not host-checked', async () => {
    const fake = await FakeSlackApi.start();
    cleanups.push(() => fake.close());
    const { port } = await start({ TEAMS_INSECURE_LOCAL: '1', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: fake.apiUrl });
    const activity = JSON.stringify({ type: 'message', id: '1', text: 'help', from: { id: '29:x' }, recipient: { id: '28:bot' }, conversation: { id: 'a:1' }, serviceUrl: 'http://127.0.0.1:1/' });
    expect((await get(port, '/api/messages', `rebind.example:${port}`, 'POST', activity)).status).toBe(403);
    // Unsigned: Bolt refuses it itself (401), but the Host did not stop it.
    expect((await get(port, '/slack/events', `regiebot.example.org`, 'POST', '{}')).status).toBe(401);
  });

  it('refuses a bad ALLOWED_HOSTS value at start, naming the variable', () => {
    expect(() => loadSettings({ ALLOWED_HOSTS: 'http://regiebot.intern/' })).toThrow(/ALLOWED_HOSTS/);
  });
});
