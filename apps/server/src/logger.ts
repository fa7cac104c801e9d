import { pino, type Logger } from 'pino';

/**
 * Paths that may carry personal data or secrets. Request bodies and query strings are never
 * logged at all (see app.ts); this list is the second line of defence for anything a
 * developer passes to the logger by hand.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.email',
  '*.first_name',
  '*.last_name',
  '*.firstName',
  '*.lastName',
  '*.birth_date',
  '*.birthDate',
  '*.mobile_number',
  '*.mobileNumber',
  '*.address',
  '*.reference',
  '*.url',
  '*.query',
  '*.secret',
  '*.token',
];

export function createLogger(options: { level: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'identdesk' },
    },
    options.destination ?? process.stdout,
  );
}

export type { Logger };
