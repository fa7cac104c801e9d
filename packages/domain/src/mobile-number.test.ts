import { describe, expect, it } from 'vitest';
import { mobileNumberSchema } from './mobile-number.ts';

describe('mobileNumberSchema (E.164)', () => {
  it.each(['+49301234567', '+15550101', '+12', '+123456789012345'])('accepts %s', (value) => {
    expect(mobileNumberSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    ['no plus', '49301234567'],
    ['a national number', '0301234567'],
    ['a leading zero after the plus', '+0301234567'],
    ['spaces', '+49 30 1234567'],
    ['only one digit', '+4'],
    ['16 digits', '+1234567890123456'],
    ['letters', '+49ABC'],
  ])('refuses a number with %s', (_what, value) => {
    const result = mobileNumberSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/E\.164/);
  });
});
