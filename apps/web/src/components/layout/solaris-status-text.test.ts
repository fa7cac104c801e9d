import { describe, expect, it } from 'vitest';
import { describeSolarisStatus, type SolarisStatus } from './solaris-status-text.ts';

const hourMinute = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const CHECKED_AT = '2026-11-26T10:45:00.000Z';
const FAILING_SINCE = '2026-11-26T10:42:00.000Z';

function status(overrides: Partial<SolarisStatus> = {}, connection: Partial<NonNullable<SolarisStatus['connection']>> = {}): SolarisStatus {
  return {
    state: 'ok',
    checkedAt: CHECKED_AT,
    connection: {
      state: 'ok',
      mode: 'live',
      windowMinutes: 5,
      requests: 10,
      failedRequests: 0,
      problems: [],
      retriedCalls: 0,
      failingSince: null,
      lastFailureAt: null,
      lastSuccessAt: CHECKED_AT,
      retryAfterSeconds: null,
      ...connection,
    },
    webhooks: { waitingForRetry: 0, dead: 0, nextRetryInSeconds: null, oldestUnprocessedSeconds: null },
    ...overrides,
  };
}

describe('the Solaris status in words', () => {
  it('is quiet when Solaris answers: a neutral "connected" without a short label', () => {
    const words = describeSolarisStatus(status());
    expect(words).toMatchObject({ tone: 'neutral', label: 'Solaris: connected', shortLabel: null });
    expect(words.sentences).toEqual(['Solaris answered all of the last 10 requests (5 minutes).']);
  });

  it('says what Solaris answered, since when, and what Identdesk does about it', () => {
    const words = describeSolarisStatus(
      status(
        { state: 'degraded', webhooks: { waitingForRetry: 12, dead: 0, nextRetryInSeconds: 120, oldestUnprocessedSeconds: 300 } },
        { state: 'degraded', failedRequests: 4, problems: [{ problem: 'server_error', status: 503, count: 4 }], failingSince: FAILING_SINCE },
      ),
    );
    const nextRetry = hourMinute.format(new Date('2026-11-26T10:47:00.000Z'));
    expect(words).toMatchObject({ tone: 'warning', label: 'Solaris slow: answering with errors', shortLabel: 'Solaris slow' });
    expect(words.sentences.slice(0, 3)).toEqual([
      `Solaris answered 503 to 4 of the last 10 requests since ${hourMinute.format(new Date(FAILING_SINCE))}.`,
      `Identdesk retries by itself; 12 webhook deliveries wait for a retry, the next at ${nextRetry}.`,
      'Nothing is lost.',
    ]);
  });

  it('turns red for an unreachable Solaris, names each failure and the dead deliveries', () => {
    const words = describeSolarisStatus(
      status(
        { state: 'unreachable', webhooks: { waitingForRetry: 0, dead: 1, nextRetryInSeconds: null, oldestUnprocessedSeconds: null } },
        {
          state: 'unreachable',
          mode: 'sandbox',
          requests: 6,
          failedRequests: 6,
          problems: [
            { problem: 'rate_limited', status: 429, count: 3 },
            { problem: 'timeout', status: null, count: 3 },
          ],
          failingSince: FAILING_SINCE,
          retryAfterSeconds: 30,
        },
      ),
    );
    expect(words).toMatchObject({ tone: 'danger', label: 'Solaris down: not reachable', shortLabel: 'Solaris down' });
    expect(words.sentences[0]).toBe(
      `Solaris answered 429 (too many requests) to 3 and did not answer 3 in time of the last 6 requests since ${hourMinute.format(new Date(FAILING_SINCE))}.`,
    );
    expect(words.sentences).toContain('Solaris asked Identdesk to wait 30 seconds before asking again.');
    expect(words.sentences).toContain(
      'Identdesk retries by itself; 1 webhook delivery was given up on after every retry and waits for an admin to replay it.',
    );
    expect(words.sentences).toContain('Nothing is lost: deliveries are kept until they are processed.');
    expect(words.sentences.at(-1)).toBe("This is Identdesk's built-in Solaris sandbox.");
  });
});
