import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { httpTexts } from './messages.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Route {
  method: 'GET' | 'POST' | '*';
  /** Exact path, or a prefix when it ends with '/*'. */
  path: string;
  handler: Handler;
}

export interface HttpLimits {
  /** The whole request, headers and body, must have arrived within this (Node answers 408 and closes). */
  requestTimeoutMs?: number;
  /** The headers must have arrived within this. */
  headersTimeoutMs?: number;
}

/** Slack and Teams send small bodies at once; a client trickling one holds a connection for nothing. */
export const defaultRequestTimeoutMs = 10_000;

/** One HTTP server for everything: sandbox, /healthz, /slack/events, /api/messages. */
export function createHttpServer(routes: Route[], onError: (err: unknown) => void, limits: HttpLimits = {}): Server {
  const requestTimeout = limits.requestTimeoutMs ?? defaultRequestTimeoutMs;
  const headersTimeout = Math.min(limits.headersTimeoutMs ?? requestTimeout, requestTimeout);
  // Node looks for overdue requests only every connectionsCheckingInterval
  // (30 s by default), which would let a slow client stay three times as long.
  const connectionsCheckingInterval = Math.max(100, Math.min(1000, Math.floor(requestTimeout / 4)));
  return createServer({ requestTimeout, headersTimeout, connectionsCheckingInterval }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routes.find(
      (r) =>
        (r.method === '*' || r.method === req.method) &&
        (r.path.endsWith('/*') ? path.startsWith(r.path.slice(0, -1)) || path === r.path.slice(0, -2) : path === r.path),
    );
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Niet gevonden');
      return;
    }
    Promise.resolve()
      .then(() => route.handler(req, res))
      .catch((err) => {
        onError(err);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Interne fout');
      });
  });
}

export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/** Host names that always reach this machine only. */
function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** The host name of a Host header, lower case, without port or IPv6 brackets; undefined when malformed. */
export function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const h = header.trim().toLowerCase();
  const v6 = /^\[([0-9a-f:.]+)\](?::\d+)?$/.exec(h);
  if (v6) return v6[1];
  const named = /^([a-z0-9.-]+)(?::\d+)?$/.exec(h);
  return named?.[1]?.replace(/\.$/, '');
}

/**
 * A route that only answers requests addressed to loopback or to one of the
 * `allowed` host names. A web page elsewhere can point a name of its own at
 * 127.0.0.1 (DNS rebinding) and then read the sandbox through the victim's
 * browser: the browser still sends that foreign name as Host.
 */
export function hostChecked(route: Route, allowed: readonly string[]): Route {
  return {
    ...route,
    handler: (req, res) => {
      const host = hostName(req.headers.host);
      if (!host || !(isLoopback(host) || allowed.includes(host))) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(httpTexts().foreignHost);
        return;
      }
      return route.handler(req, res);
    },
  };
}
