import { TRPCClientError } from '@trpc/client';
import { describe, expect, test } from 'vitest';
import { mutationProblem } from './mutation-problem.ts';

function refusal(code: string, httpStatus: number, message: string, fieldErrors: { field: string; message: string }[] | null = null) {
  return TRPCClientError.from({ error: { message, code: -32600, data: { code, httpStatus, fieldErrors } } });
}

describe('mutationProblem', () => {
  test('a refused self-approval keeps the server’s words and its code', () => {
    const problem = mutationProblem(
      refusal('FORBIDDEN', 403, 'You recorded this proof of address yourself. Four eyes: another compliance reviewer must decide it.'),
    );
    expect(problem).toEqual({
      code: 'FORBIDDEN',
      message: 'You recorded this proof of address yourself. Four eyes: another compliance reviewer must decide it.',
      fieldErrors: {},
    });
  });

  test('a validation error is told by field, not as the raw validation JSON', () => {
    const problem = mutationProblem(
      refusal('BAD_REQUEST', 400, '[{"code":"custom","path":["reason"]}]', [
        { field: 'reason', message: 'A reason of at least 10 characters is required to reject proof of address' },
      ]),
    );
    expect(problem.fieldErrors).toEqual({ reason: 'A reason of at least 10 characters is required to reject proof of address' });
    expect(problem.message).toBe('A reason of at least 10 characters is required to reject proof of address');
  });

  test('a request that never reached the server says nothing was saved', () => {
    const problem = mutationProblem(TRPCClientError.from(new TypeError('Failed to fetch')));
    expect(problem.code).toBeNull();
    expect(problem.message).toMatch(/nothing was saved/);
  });
});
