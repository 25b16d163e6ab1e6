import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface Route {
  method: 'GET' | 'POST' | '*';
  /** Exact path, or a prefix when it ends with '/*'. */
  path: string;
  handler: Handler;
}

/** One HTTP server for everything: sandbox, /healthz, /slack/events, /api/messages. */
export function createHttpServer(routes: Route[], onError: (err: unknown) => void): Server {
  return createServer((req, res) => {
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
