/**
 * The logging surface the sandbox needs; pino's logger fits it as is. Log records carry ids,
 * statuses and counts only, never personal data (names, addresses, phone numbers).
 */
export interface SandboxLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export const silentLogger: SandboxLogger = {
  info() {},
  warn() {},
  error() {},
};

export function consoleLogger(name = 'sandbox'): SandboxLogger {
  const write = (level: string, details: Record<string, unknown>, message: string) =>
    JSON.stringify({ level, time: new Date().toISOString(), name, msg: message, ...details });
  return {
    info: (details, message) => console.info(write('info', details, message)),
    warn: (details, message) => console.warn(write('warn', details, message)),
    error: (details, message) => console.error(write('error', details, message)),
  };
}

/**
 * What may be logged of an error. Database errors from drizzle carry the query's parameters
 * (names, addresses) in their message, so only the driver's code and message are kept.
 */
export function errorDetails(error: unknown): Record<string, unknown> {
  return { err: describeError(error) };
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return 'non-error thrown';
  if (error.message.startsWith('Failed query')) {
    const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
    const code = typeof cause?.code === 'string' ? ` ${cause.code}` : '';
    return `database error${code}: ${typeof cause?.message === 'string' ? cause.message : 'query failed'}`;
  }
  return `${error.name}: ${error.message}`;
}
