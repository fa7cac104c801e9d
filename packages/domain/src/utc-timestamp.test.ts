import { describe, expect, it } from 'vitest';
import { isoTimestampSchema, utcTimestampSchema } from './utc-timestamp.ts';

describe('utcTimestampSchema', () => {
  it.each(['2019-01-01T00:00:00Z', '2022-01-01T00:00:00.000Z', '2024-02-29T23:59:59.123456Z'])(
    'accepts the UTC timestamp %s',
    (value) => {
      expect(utcTimestampSchema.safeParse(value).success).toBe(true);
    },
  );

  it.each([
    ['an offset', '2019-01-01T00:00:00+01:00'],
    ['a zero offset written as +00:00', '2019-01-01T00:00:00+00:00'],
    ['no zone', '2019-01-01T00:00:00'],
    ['only a date', '2019-01-01'],
    ['an impossible date', '2019-02-30T00:00:00Z'],
    ['an impossible hour', '2019-01-01T24:00:00Z'],
    ['a space instead of T', '2019-01-01 00:00:00Z'],
  ])('refuses a timestamp with %s', (_what, value) => {
    const result = utcTimestampSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/UTC timestamp ending in Z/);
  });

  it('reads Solaris response timestamps with offsets leniently', () => {
    expect(isoTimestampSchema.safeParse('2022-07-22T09:28:13.000Z').success).toBe(true);
    expect(isoTimestampSchema.safeParse('2022-07-22T11:28:13+02:00').success).toBe(true);
    expect(isoTimestampSchema.safeParse('yesterday').success).toBe(false);
  });
});
