import { z } from 'zod';

// Every setting comes from the environment and is checked once at start.
// A bad value stops the process with one line naming the variable.

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const positiveInt = (def: number) => z.coerce.number().int().positive().default(def);

/**
 * A base URL that credentials or tokens travel to: https, or plain http on
 * loopback only (the fakes tests run against).
 */
const secureUrl = optionalString.pipe(z.url().optional()).refine((v) => {
  if (v === undefined) return true;
  const url = new URL(v);
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
}, 'https');

const hours = (def: number) => z.coerce.number().positive().default(def);

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'hh:mm');

export const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /**
   * Host names (comma-separated) under which the sandbox and local Teams mode
   * may be reached besides loopback; every other Host header is refused.
   */
  ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((h) => h.trim().toLowerCase().replace(/^\[|\]$/g, '')).filter(Boolean))
    .refine((hosts) => hosts.every((h) => /^[a-z0-9.-]+$|^[0-9a-f:.]+$/.test(h)), 'host names'),
  DATABASE_URL: z
    .string()
    .default('file:data/regiebot.db')
    .refine((v) => v.startsWith('file:') || v === ':memory:' || /^postgres(ql)?:\/\//.test(v), 'file:<pad> of postgres://…'),
  LOCALE: z.enum(['nl', 'en']).default('nl'),
  TIMEZONE: z
    .string()
    .default('Europe/Amsterdam')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('nl-NL', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'een IANA-tijdzone, bijvoorbeeld Europe/Amsterdam'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString.pipe(z.url().optional()),
  SLACK_TEAM_ID: optionalString,

  TEAMS_CLIENT_ID: optionalString,
  TEAMS_CLIENT_SECRET: optionalString,
  TEAMS_TENANT_ID: optionalString,
  TEAMS_INSECURE_LOCAL: bool.default(false),
  /**
   * `/casus verwijder` also takes the person out of the Teams channel through
   * Microsoft Graph, with the bot's own app registration (TEAMS_CLIENT_ID,
   * TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID) and the application permission
   * ChannelMember.ReadWrite.All. Off: the answer names the manual step.
   */
  TEAMS_GRAPH_REMOVE: bool.default(false),
  /** Microsoft Graph's base URL (national clouds, tests). */
  TEAMS_GRAPH_URL: secureUrl,
  /** The Microsoft identity platform's base URL for the token (national clouds, tests). */
  TEAMS_LOGIN_URL: secureUrl,

  SCHEDULER_CRON: z.string().default('* * * * *'),

  // Norms from DOMAIN.md; all configurable.
  OVERLEG_INTERVAL_DAYS: positiveInt(42),
  START_NORM_DAYS: positiveInt(28),
  START_ESCALATION_DAYS: positiveInt(42),
  SILENCE_DAYS: positiveInt(14),
  SPIC11_WEEKS: positiveInt(6),
  /** A SPIC 11 referral must start within this many hours; the teamleider is alerted at twice that. */
  SPIC11_START_HOURS: hours(24),
  /** The family plan's first result is due this long after the case was created (inspection norm: one month). */
  PLAN_DUE_DAYS: positiveInt(30),
  /** An open agreement this many working days past its date is reported in the case channel. */
  AFSPRAAK_TE_LAAT_WERKDAGEN: positiveInt(2),
  SLA_ACUUT_HOURS: hours(1),
  SLA_HOOG_HOURS: hours(4),
  SLA_NORMAAL_WORKDAYS: positiveInt(2),
  SLA_LAAG_WORKDAYS: positiveInt(5),
  /** An escalation without a decision reminds the teamleider after this many working days, then weekly. */
  ESCALATIE_HERINNER_WERKDAGEN: positiveInt(5),
  DIGEST_DAY: z.enum(['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag']).default('maandag'),
  DIGEST_TIME: timeOfDay.default('08:30'),
  RETENTION_DAYS: positiveInt(365),
  /** A closed case's Slack channel is archived this long after closure; 0 is never. */
  ARCHIVE_AFTER_DAYS: z.coerce.number().int().min(0).default(30),
  OUTBOX_MAX_ATTEMPTS: positiveInt(8),
  /** Sent outbox rows are deleted this many days after sending (those retention still needs stay). */
  OUTBOX_KEEP_DAYS: positiveInt(30),
  /**
   * `platform`: each conversation's new messages paced to its platform's
   * published rate (Slack 1 a second per channel); `off`: as fast as the
   * platform answers (a proxy that paces by itself; crash and load tests).
   */
  OUTBOX_PACE: z.enum(['platform', 'off']).default('platform'),
  /** Conversations the outbox delivers to at the same time, each in order. */
  OUTBOX_CONCURRENCY: positiveInt(8),
  /**
   * `npm start` runs the core, the outbox senders and the scheduler on a
   * worker thread of their own (src/worker.ts), so that the thread serving
   * HTTP only stores and acknowledges. 0 keeps everything on one thread.
   */
  WORK_THREAD: bool.default(true),
  /**
   * The work thread's nice value (Linux: per thread; 0 is the HTTP thread's).
   * Above 0 the acknowledging thread gets the CPU first when both want it, as
   * the issue's "ack first" asks; the work thread takes every cycle left over
   * and catches up from the durable inbox. 0 gives both the same share.
   */
  WORK_THREAD_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** Inbox rows processed at once (different conversations; one conversation is always one at a time). */
  INBOX_CONCURRENCY: positiveInt(8),
  /** GET /metrics (Prometheus text format): off unless 1. */
  METRICS: bool.default(false),
  /** When set, /metrics answers only `Authorization: Bearer <token>`. */
  METRICS_TOKEN: optionalString,
  /**
   * This instance's name when several share one database (row claims in the
   * outbox). Defaults to host and port, which is stable across restarts.
   */
  INSTANCE_ID: z
    .string()
    .regex(/^[\w.:-]{1,100}$/, 'letters, cijfers en . : _ -')
    .optional(),
}).superRefine((s, ctx) => {
  // Graph needs the bot's app registration even where local mode skips it for /api/messages.
  if (s.TEAMS_GRAPH_REMOVE && !(s.TEAMS_CLIENT_ID && s.TEAMS_CLIENT_SECRET && s.TEAMS_TENANT_ID)) {
    ctx.addIssue({ code: 'custom', path: ['TEAMS_GRAPH_REMOVE'], message: 'TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET en TEAMS_TENANT_ID' });
  }
});

export type Settings = z.infer<typeof settingsSchema>;

export class SettingsError extends Error {}

/** Reads the settings; throws a SettingsError whose message is one line per bad variable. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const known = Object.keys(settingsSchema.shape);
  const input: Record<string, string | undefined> = {};
  for (const key of known) input[key] = env[key] === '' ? undefined : env[key];
  const parsed = settingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '?');
    // Never echo the value: it may be a secret.
    return `Instelling ${name} is ongeldig: verwacht ${describe(name, issue.message)}.`;
  });
  throw new SettingsError(lines.join('\n'));
}

function describe(name: string, message: string): string {
  const hints: Record<string, string> = {
    PORT: 'een poortnummer van 0 tot 65535',
    DATABASE_URL: 'file:<pad> (SQLite) of postgres://… (PostgreSQL)',
    LOCALE: 'nl of en',
    TEAMS_INSECURE_LOCAL: '1 of 0',
    TEAMS_GRAPH_REMOVE: '1 of 0, en met 1 ook TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET en TEAMS_TENANT_ID (de app-registratie van de bot)',
    TEAMS_GRAPH_URL: 'een https-URL, bijvoorbeeld https://graph.microsoft.com/v1.0',
    TEAMS_LOGIN_URL: 'een https-URL, bijvoorbeeld https://login.microsoftonline.com',
    DIGEST_TIME: 'een tijd als hh:mm, bijvoorbeeld 08:30',
    SLACK_API_URL: 'een volledige URL, bijvoorbeeld https://slack.com/api/',
    INSTANCE_ID: 'een naam van letters, cijfers en . : _ -, bijvoorbeeld bot-1',
    ARCHIVE_AFTER_DAYS: 'een geheel aantal dagen, 0 of meer (0 is nooit)',
    METRICS: '1 of 0',
    OUTBOX_PACE: 'platform of off',
    OUTBOX_CONCURRENCY: 'een positief geheel getal, bijvoorbeeld 8',
    INBOX_CONCURRENCY: 'een positief geheel getal, bijvoorbeeld 8',
    WORK_THREAD: '1 of 0',
    WORK_THREAD_NICE: 'een geheel getal van 0 tot en met 19, bijvoorbeeld 10',
    ALLOWED_HOSTS: 'hostnamen gescheiden door komma\'s, zonder poort, bijvoorbeeld regiebot.intern,192.168.1.20',
  };
  return hints[name] ?? (name.endsWith('_DAYS') || name.endsWith('_HOURS') || name.endsWith('_WORKDAYS') || name.endsWith('_WEEKS') || name.endsWith('ATTEMPTS') ? 'een positief getal' : message);
}

export function slackConfigured(s: Settings): boolean {
  return Boolean(s.SLACK_BOT_TOKEN && s.SLACK_SIGNING_SECRET);
}

export function teamsConfigured(s: Settings): boolean {
  return Boolean((s.TEAMS_CLIENT_ID && s.TEAMS_CLIENT_SECRET && s.TEAMS_TENANT_ID) || s.TEAMS_INSECURE_LOCAL);
}
