import type { SolarisAttemptResult, SolarisCallOutcome } from '@identdesk/solaris';
import { describe, expect, it } from 'vitest';
import { createSolarisConnectionHealth, HEALTH_WINDOW_MS, UNREACHABLE_AFTER_FAILED_REQUESTS } from './health.ts';

const ANSWERED: SolarisAttemptResult = { status: 200, problem: null };
const UNAVAILABLE: SolarisAttemptResult = { status: 503, problem: 'server_error' };
const SILENT: SolarisAttemptResult = { status: null, problem: 'timeout' };

function call(...attempts: SolarisAttemptResult[]): SolarisCallOutcome {
  const last = attempts.at(-1) ?? ANSWERED;
  return {
    method: 'GET',
    pathTemplate: '/v1/persons/{person_id}',
    result: last.problem ?? 'success',
    status: last.status,
    attempts,
    retryAfterMs: null,
    durationMs: 5,
  };
}

function watched() {
  const clock = { ms: Date.UTC(2026, 10, 26, 10, 42) };
  const health = createSolarisConnectionHealth({ mode: 'live', now: () => clock.ms });
  return { health, clock };
}

describe('the Solaris connection health', () => {
  it('is ok with nothing to go by: a quiet Solaris is not a failing one', () => {
    expect(watched().health.snapshot()).toMatchObject({ state: 'ok', requests: 0, failedRequests: 0, lastSuccessAt: null });
  });

  it('is degraded, not unreachable, while failures alternate with answers', () => {
    const { health } = watched();
    for (let index = 0; index < 10; index += 1) health.record(call(UNAVAILABLE, ANSWERED));
    expect(health.snapshot()).toMatchObject({ state: 'degraded', requests: 20, failedRequests: 10, retriedCalls: 10 });
  });

  it(`is unreachable after ${UNREACHABLE_AFTER_FAILED_REQUESTS} failed requests in a row, and degraded again at the first answer`, () => {
    const { health } = watched();
    health.record(call(ANSWERED));
    health.record(call(UNAVAILABLE, UNAVAILABLE, SILENT));
    expect(health.snapshot().state).toBe('degraded');
    health.record(call(SILENT, SILENT));
    expect(health.snapshot()).toMatchObject({
      state: 'unreachable',
      problems: [
        { problem: 'timeout', status: null, count: 3 },
        { problem: 'server_error', status: 503, count: 2 },
      ],
    });
    health.record(call(ANSWERED));
    expect(health.snapshot().state).toBe('degraded');
  });

  it('forgets failures older than the window: ok again five minutes after the last one', () => {
    const { health, clock } = watched();
    health.record(call(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, UNAVAILABLE));
    const failedAt = new Date(clock.ms).toISOString();
    clock.ms += HEALTH_WINDOW_MS - 1;
    expect(health.snapshot()).toMatchObject({ state: 'unreachable', failingSince: failedAt });
    clock.ms += 2;
    expect(health.snapshot()).toMatchObject({ state: 'ok', requests: 0, failingSince: null, lastSuccessAt: null });
  });
});
