import { TRPCClientError } from '@trpc/client';
import { describe, expect, test } from 'vitest';
import { describeError } from './errors.ts';

function serverError(code: string, httpStatus: number, message: string) {
  return TRPCClientError.from({ error: { message, code: -32603, data: { code, httpStatus } } });
}

describe('describeError', () => {
  test('a request that never reached the server asks to check that the server runs', () => {
    const description = describeError(TRPCClientError.from(new TypeError('Failed to fetch')));
    expect(description.title).toBe('The server could not be reached');
    expect(description.hint).toMatch(/Identdesk server is running/);
    expect(description.reference).toBeNull();
  });

  test('an internal error gives the HTTP status and code to quote', () => {
    const description = describeError(serverError('INTERNAL_SERVER_ERROR', 500, 'Internal server error'));
    expect(description.title).toBe('The server answered with an error');
    expect(description.reference).toBe('HTTP 500 · INTERNAL_SERVER_ERROR');
  });

  test('a missing session and a wrong role read differently', () => {
    expect(describeError(serverError('UNAUTHORIZED', 401, 'Sign in to continue.')).title).toBe('You are not signed in');
    expect(describeError(serverError('FORBIDDEN', 403, 'This needs one of the roles: admin.')).title).toBe(
      'Your role does not allow this',
    );
  });

  test('anything else is a fault in the app, with a reload as the way out', () => {
    const description = describeError(new Error('boom'));
    expect(description.title).toBe('Something went wrong in Identdesk');
    expect(description.detail).toBe('boom');
  });
});
