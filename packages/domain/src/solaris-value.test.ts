import { describe, expect, it } from 'vitest';
import { solarisValueLabel, solarisValueSchema } from './solaris-value.ts';

describe('solarisValueSchema', () => {
  const schema = solarisValueSchema('employment_status', ['EMPLOYED', 'FREELANCER'] as const);

  it('accepts known and unknown upper-case values', () => {
    expect(schema.parse('FREELANCER')).toBe('FREELANCER');
    expect(schema.parse('SOMETHING_NEW_2')).toBe('SOMETHING_NEW_2');
  });

  it('refuses lower case, spaces and non-strings, naming the field and known values', () => {
    for (const value of ['freelancer', 'SELF EMPLOYED', '', 3, null]) {
      const result = schema.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        'employment_status must be an upper-case Solaris value such as EMPLOYED, FREELANCER',
      );
    }
  });

  it('turns values into labels', () => {
    expect(solarisValueLabel('SELF_EMPLOYED')).toBe('Self employed');
    expect(solarisValueLabel('MR')).toBe('Mr');
  });
});
