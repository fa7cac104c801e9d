import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { valueRefusedBy } from './bad-input.ts';

describe('broken values for the bad-input properties', () => {
  it('are refused by the field as the server receives them in JSON, not only as generated', () => {
    // -Infinity and NaN are junk in JavaScript, but JSON sends them as null, which this field takes:
    // a property that expected them refused failed on a valid input.
    const field = z.uuid().nullable();
    fc.assert(
      fc.property(valueRefusedBy(field), (value) => {
        const received = (JSON.parse(JSON.stringify({ value })) as { value?: unknown }).value;
        expect(field.safeParse(received).success).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });
});
