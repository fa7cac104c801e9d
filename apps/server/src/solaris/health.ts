import type { SolarisAttemptProblem, SolarisCallOutcome } from '@identdesk/solaris';

/**
 * How the connection to Solaris has been lately, as support staff need to see it: fed by every
 * call the Solaris client makes (its outcome hook), kept in this server process only. It never
 * holds ids, URLs or bodies: the client reports path templates and statuses, and only the
 * statuses are kept.
 *
 * The thresholds, in the words a support lead would use:
 * - Only the last five minutes count (HEALTH_WINDOW_MS). That is long enough that a short burst
 *   of 503s stays visible while agents notice that something was slow, and short enough that the
 *   warning goes away by itself soon after Solaris is well again.
 * - `degraded`: at least one request in those five minutes got a 5xx, a 429 or no answer, even
 *   when the client's retries then got through: the customer-facing work is slower and the
 *   queue may be catching up.
 * - `unreachable`: the last UNREACHABLE_AFTER_FAILED_REQUESTS (5) requests all failed. With the
 *   client's own retries (4 after the first attempt) that is one call that never got through, or
 *   several calls failing in a row; a single 503 among successes never reads as "unreachable".
 * - `ok` otherwise, also when nothing asked Solaris for five minutes: silence is not trouble.
 *
 * A 4xx other than 429 is Solaris answering (refusing the request itself) and counts as healthy.
 */
export const HEALTH_WINDOW_MS = 5 * 60_000;
export const UNREACHABLE_AFTER_FAILED_REQUESTS = 5;
/** Enough requests to describe the window on a busy day without holding memory for long. */
const REQUESTS_KEPT = 200;

export type SolarisConnectionState = 'ok' | 'degraded' | 'unreachable';

interface RequestRecord {
  /** Wall-clock ms when the call that made this request ended. */
  at: number;
  status: number | null;
  problem: SolarisAttemptProblem | null;
}

/** One kind of failure in the window: `503`, `429`, or no answer (`timeout`, `network`). */
export interface SolarisProblemCount {
  problem: SolarisAttemptProblem;
  /** The HTTP status, null for a request without an answer. */
  status: number | null;
  count: number;
}

export interface SolarisConnectionSnapshot {
  state: SolarisConnectionState;
  /** `sandbox`: Identdesk's built-in Solaris sandbox, watched exactly like Solaris. */
  mode: 'sandbox' | 'live';
  windowMinutes: number;
  /** HTTP requests to Solaris in the window, retries included. */
  requests: number;
  failedRequests: number;
  /** Most frequent first. */
  problems: SolarisProblemCount[];
  /** Calls in the window that needed at least one retry. */
  retriedCalls: number;
  /** When the first failed request in the window was made (ISO), null without one. */
  failingSince: string | null;
  lastFailureAt: string | null;
  /** The last request Solaris answered properly (ISO), ever since this server started. */
  lastSuccessAt: string | null;
  /** The last 429's Retry-After in the window, in seconds. */
  retryAfterSeconds: number | null;
}

export interface SolarisConnectionHealth {
  /** The Solaris client's outcome hook. */
  record(outcome: SolarisCallOutcome): void;
  snapshot(): SolarisConnectionSnapshot;
}

export function createSolarisConnectionHealth(options: {
  mode: 'sandbox' | 'live';
  /** Wall clock in ms (the window is real time, whatever the sandbox clock says). */
  now?: () => number;
}): SolarisConnectionHealth {
  const now = options.now ?? Date.now;
  const requests: RequestRecord[] = [];
  const retriedCallTimes: number[] = [];
  let lastSuccessAt: number | null = null;
  let lastRetryAfter: { at: number; ms: number } | null = null;

  function forget(before: number) {
    while (requests.length > REQUESTS_KEPT || (requests[0] && requests[0].at < before)) requests.shift();
    while (retriedCallTimes[0] !== undefined && retriedCallTimes[0] < before) retriedCallTimes.shift();
  }

  return {
    record(outcome) {
      const at = now();
      for (const attempt of outcome.attempts) {
        requests.push({ at, status: attempt.status, problem: attempt.problem });
        if (attempt.problem === null) lastSuccessAt = at;
      }
      if (outcome.attempts.length > 1) retriedCallTimes.push(at);
      if (outcome.retryAfterMs !== null) lastRetryAfter = { at, ms: outcome.retryAfterMs };
      forget(at - HEALTH_WINDOW_MS);
    },

    snapshot() {
      const at = now();
      const windowStart = at - HEALTH_WINDOW_MS;
      forget(windowStart);
      const failed = requests.filter((request) => request.problem !== null);

      let failingInARow = 0;
      for (let index = requests.length - 1; index >= 0 && requests[index]?.problem; index -= 1) failingInARow += 1;
      const state: SolarisConnectionState =
        failingInARow >= UNREACHABLE_AFTER_FAILED_REQUESTS ? 'unreachable' : failed.length > 0 ? 'degraded' : 'ok';

      const counts = new Map<string, SolarisProblemCount>();
      for (const request of failed) {
        const problem = request.problem as SolarisAttemptProblem;
        const key = `${problem}:${request.status ?? ''}`;
        const entry = counts.get(key) ?? { problem, status: request.status, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      }
      const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

      return {
        state,
        mode: options.mode,
        windowMinutes: HEALTH_WINDOW_MS / 60_000,
        requests: requests.length,
        failedRequests: failed.length,
        problems: [...counts.values()].sort((a, b) => b.count - a.count),
        retriedCalls: retriedCallTimes.length,
        failingSince: iso(failed[0]?.at),
        lastFailureAt: iso(failed.at(-1)?.at),
        lastSuccessAt: iso(lastSuccessAt),
        retryAfterSeconds: lastRetryAfter && lastRetryAfter.at >= windowStart ? Math.ceil(lastRetryAfter.ms / 1000) : null,
      };
    },
  };
}
