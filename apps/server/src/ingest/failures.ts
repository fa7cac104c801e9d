import { SolarisApiError, SolarisInvalidResponseError, SolarisUnavailableError } from '@identdesk/solaris';

/** A delivery that can never succeed as it is (a malformed body, no way to tell the person). */
export class UnprocessableDeliveryError extends Error {
  override name = 'UnprocessableDeliveryError';
}

export interface ClassifiedFailure {
  /** Worth another try later: Solaris or the database was unavailable, rate-limited or overloaded. */
  retryable: boolean;
  /** For the admin page and the logs: ids, statuses and field names only, never response values. */
  message: string;
}

const MAX_MESSAGE_LENGTH = 500;

/**
 * Solaris answers that name a problem with the request (400, 404, 422 ...) do not change by
 * asking again, so the delivery goes straight to the dead letters. Rate limits, server errors,
 * timeouts and credentials that a restart may fix are retried with backoff.
 */
export function classifyFailure(error: unknown): ClassifiedFailure {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_MESSAGE_LENGTH);
  if (error instanceof UnprocessableDeliveryError) return { retryable: false, message };
  if (error instanceof SolarisInvalidResponseError) return { retryable: false, message };
  if (error instanceof SolarisUnavailableError) return { retryable: true, message };
  if (error instanceof SolarisApiError) {
    const retryable = error.status === 401 || error.status === 403 || error.status === 408 || error.status === 425;
    return { retryable: retryable || error.status === 429 || error.status >= 500, message };
  }
  return { retryable: true, message: `${error instanceof Error ? error.name : 'Error'}: ${message}`.slice(0, MAX_MESSAGE_LENGTH) };
}
