import { TRPCError } from '@trpc/server';

/**
 * Whether an error means the database cannot be reached right now (server down, restarting,
 * refusing connections, connection lost mid-query), as opposed to a fault in Identdesk or in
 * the request. Such a request is answered 503 "try again", not 500: nothing was wrong with it,
 * and the connection pool reconnects by itself once the database is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (matches(current)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

// SQLSTATE class 08 (connection exception) and 57P01–57P03 (the server shutting down, crashed
// or still starting); Node's socket errors for a server that is gone or unreachable.
const UNAVAILABLE_SQLSTATES = /^(08\d{3}|57P0[123])$/;
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENOENT']);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

function matches(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, syscall } = error as { code?: unknown; message?: unknown; syscall?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_SQLSTATES.test(code)) return true;
  // ENOENT only as a socket error: the embedded database's unix socket is gone.
  if (typeof code === 'string' && UNAVAILABLE_SOCKET_CODES.has(code) && (code !== 'ENOENT' || syscall === 'connect')) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => matches(inner))) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((text) => message.includes(text));
}

export const DATABASE_UNAVAILABLE_MESSAGE =
  'The database cannot be reached right now. Nothing was changed; Identdesk reconnects by itself: try again in a moment.';

/**
 * Builds a request's context, which reads the session from the database: when the database
 * cannot be reached, the request is answered 503 with words to try again instead of 500.
 */
export async function contextOrUnavailable<T>(build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, cause: error });
    throw error;
  }
}
