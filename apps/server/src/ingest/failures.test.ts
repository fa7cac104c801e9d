import { SolarisApiError, SolarisInvalidResponseError, SolarisUnavailableError } from '@identdesk/solaris';
import { describe, expect, it } from 'vitest';
import { classifyFailure, UnprocessableDeliveryError } from './failures.ts';

const context = { method: 'GET' as const, path: '/v1/persons/x', pathTemplate: '/v1/persons/{person_id}', attempts: 3 };
const apiError = (status: number) => new SolarisApiError({ ...context, status, body: { errors: [] } });

describe('classifyFailure', () => {
  it('retries rate limits, server errors, timeouts and credential problems', () => {
    for (const status of [401, 403, 408, 425, 429, 500, 502, 503]) {
      expect(classifyFailure(apiError(status)).retryable, String(status)).toBe(true);
    }
    const timeout = new SolarisUnavailableError({ ...context, reason: 'timeout', outcomeUnknown: false, cause: null });
    expect(classifyFailure(timeout).retryable).toBe(true);
    expect(classifyFailure(new Error('connection terminated')).retryable).toBe(true);
  });

  it('dead-letters what asking again cannot fix', () => {
    for (const status of [400, 404, 409, 422]) {
      expect(classifyFailure(apiError(status)).retryable, String(status)).toBe(false);
    }
    const invalid = new SolarisInvalidResponseError({ ...context, status: 200, problem: 'status: invalid value' });
    expect(classifyFailure(invalid).retryable).toBe(false);
    expect(classifyFailure(new UnprocessableDeliveryError('no person id')).retryable).toBe(false);
  });

  it('keeps the message short and names the kind of an unexpected error', () => {
    expect(classifyFailure(apiError(400)).message).toBe('Solaris GET /v1/persons/x failed with 400');
    expect(classifyFailure(new TypeError('x'.repeat(2000))).message).toHaveLength(500);
    expect(classifyFailure(new TypeError('boom')).message).toBe('TypeError: boom');
  });
});
