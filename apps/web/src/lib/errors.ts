import { TRPCClientError } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';

export interface ErrorDescription {
  title: string;
  /** What went wrong, as the server or the browser put it. */
  detail: string;
  /** What to do next. */
  hint: string;
  /** For a report to the team running Identdesk: HTTP status and tRPC code. */
  reference: string | null;
}

const SERVER_FAILED_HINT =
  'Try again. If it keeps failing, tell the team running Identdesk and quote the reference below.';

/**
 * Turns whatever a query or loader threw into words that say what to do next. A request that
 * never reached the server reads differently from an error the server answered with.
 */
export function describeError(error: unknown): ErrorDescription {
  if (!(error instanceof TRPCClientError)) {
    return {
      title: 'Something went wrong in Identdesk',
      detail: error instanceof Error ? error.message : String(error),
      hint: 'Reload the page. If it happens again, tell the team running Identdesk what you were doing.',
      reference: null,
    };
  }

  const data: unknown = error.data;
  const code = isRecord(data) && typeof data.code === 'string' ? data.code : null;
  const httpStatus = readHttpStatus(error);
  const reference = [httpStatus === null ? null : `HTTP ${httpStatus}`, code].filter(Boolean).join(' · ') || null;

  if (httpStatus === null) {
    return {
      title: 'The server could not be reached',
      detail: error.message,
      hint: 'Check that the Identdesk server is running and that your network connection works, then try again.',
      reference: null,
    };
  }
  switch (code) {
    case 'UNAUTHORIZED':
      return { title: 'You are not signed in', detail: error.message, hint: 'Sign in, then try again.', reference };
    case 'FORBIDDEN':
      return {
        title: 'Your role does not allow this',
        detail: error.message,
        hint: 'Ask a team lead or an admin if you need access.',
        reference,
      };
    case 'NOT_FOUND':
      return {
        title: 'Not found',
        detail: error.message,
        hint: 'Check the link, or search again from the start page.',
        reference,
      };
    default:
      return { title: 'The server answered with an error', detail: error.message, hint: SERVER_FAILED_HINT, reference };
  }
}

function readHttpStatus(error: TRPCClientError<AnyTRPCRouter>): number | null {
  const data: unknown = error.data;
  if (isRecord(data) && typeof data.httpStatus === 'number') return data.httpStatus;
  // Answers that are not tRPC's own (a proxy's 502, an HTML error page) still carry the response.
  const response: unknown = error.meta?.response;
  if (isRecord(response) && typeof response.status === 'number') return response.status;
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
