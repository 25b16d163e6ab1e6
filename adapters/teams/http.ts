import type { AppOptions, HttpMethod, HttpRouteHandler, IHttpServerAdapter, IPlugin } from '@microsoft/teams.apps';
import { type Logger, readBody, type Route, sendJson } from '../../src/public.js';

// The Teams SDK's HTTP server adapter, mounted on the app's one shared node:http
// server: the SDK registers `POST /api/messages` here (with its token check in
// front of it), and the adapter hands that handler out as a Route. No Express,
// no port of its own.

export class SharedServerAdapter implements IHttpServerAdapter {
  private readonly handlers = new Map<string, HttpRouteHandler>();

  registerRoute(method: HttpMethod, path: string, handler: HttpRouteHandler): void {
    this.handlers.set(`${method} ${path}`, handler);
  }

  /** The route for a path the SDK registered (after `app.initialize()`). */
  route(path: string, log: Logger): Route {
    return {
      method: 'POST',
      path,
      handler: async (req, res) => {
        const handler = this.handlers.get(`POST ${path}`);
        if (!handler) {
          sendJson(res, 503, { error: 'De Teams-app is nog niet gestart.' });
          return;
        }
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
          sendJson(res, 415, { error: 'Verwacht application/json.' });
          return;
        }
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req, 2_000_000));
        } catch {
          sendJson(res, 400, { error: 'Ongeldige JSON.' });
          return;
        }
        if (!body || typeof body !== 'object' || Array.isArray(body)) {
          sendJson(res, 400, { error: 'Verwacht een activity (JSON-object).' });
          return;
        }
        const headers: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = v;
        const out = await handler({ body, headers });
        if (out.status >= 500) log.warn({ status: out.status }, 'teams: activity niet verwerkt');
        if (out.body === undefined || out.body === null) {
          res.writeHead(out.status).end();
          return;
        }
        sendJson(res, out.status, out.body);
      },
    };
  }
}

type TeamsLogger = NonNullable<AppOptions<IPlugin>['logger']>;
type TeamsLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * The SDK's logger on top of the app's pino logger. The SDK logs whole
 * activities at debug level (personal data), so debug and trace are dropped;
 * other lines keep strings and error messages only, never objects.
 */
export function teamsLogger(log: Logger, name = 'teams'): TeamsLogger {
  const child = log.child({ component: 'teams', sdk: name });
  const text = (parts: unknown[]) =>
    parts
      .map((p) => (typeof p === 'string' ? p : p instanceof Error ? `${p.name}: ${p.message}` : '[object]'))
      .join(' ')
      .replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/g, 'Bearer [token]')
      .slice(0, 500);
  const write = (level: TeamsLevel, parts: unknown[]) => {
    if (level === 'debug' || level === 'trace') return;
    child[level](text(parts));
  };
  const logger: TeamsLogger = {
    debug: () => undefined,
    trace: () => undefined,
    info: (...parts: unknown[]) => write('info', parts),
    warn: (...parts: unknown[]) => write('warn', parts),
    error: (...parts: unknown[]) => write('error', parts),
    log: (level: TeamsLevel, ...parts: unknown[]) => write(level, parts),
    child: (childName: string) => teamsLogger(log, `${name}/${childName}`),
  };
  return logger;
}
