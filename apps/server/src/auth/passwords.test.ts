import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyAgainstNothing, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('are hashed with Argon2id and a salt of their own', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(first, 'Correct horse battery staple')).toBe(false);
  });

  it('never verify against a hash that cannot be read, or against no account', async () => {
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
    expect(await verifyAgainstNothing('anything')).toBe(false);
  });

  it('need 12 to 256 characters', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
    expect(passwordProblem('twelve chars')).toBeNull();
  });
});
