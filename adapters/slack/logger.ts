import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/public.js';

/**
 * Bolt's logger interface on top of the app's pino logger. Bolt's debug output
 * may describe requests, so it is dropped; other lines keep strings and error
 * messages only (never objects, which could hold a payload or a token).
 */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack' });
  let level: LogLevel = LogLevel.INFO;
  const text = (parts: unknown[]) =>
    parts
      .map((p) => (typeof p === 'string' ? p : p instanceof Error ? `${p.name}: ${p.message}` : '[object]'))
      .join(' ')
      .replace(/xox[a-z]-[A-Za-z0-9-]+/g, '[token]')
      .slice(0, 500);
  return {
    debug: () => undefined,
    info: (...parts: unknown[]) => child.info(text(parts)),
    warn: (...parts: unknown[]) => child.warn(text(parts)),
    error: (...parts: unknown[]) => child.error(text(parts)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
