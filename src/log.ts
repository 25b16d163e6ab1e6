import pino, { type Logger } from 'pino';

export type { Logger };

// Paths that may hold free text, personal data or secrets. Logs carry case
// codes and record ids only; these are censored wherever they appear.
export const redactPaths = [
  'text',
  '*.text',
  'title',
  '*.title',
  'response',
  '*.response',
  'outcome',
  '*.outcome',
  'note',
  '*.note',
  'decisions',
  '*.decisions',
  'reason',
  '*.reason',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'secret',
  '*.secret',
  'payload',
  '*.payload',
  'body',
  '*.body',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'regiebot' },
      redact: { paths: redactPaths, censor: '[verwijderd]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
