import { describe, expect, it } from 'vitest';
import {
  checkProofOfAddressAge,
  createProofOfAddressIssuedAtSchema,
  earliestProofOfAddressIssueDate,
  PROOF_OF_ADDRESS_TYPE_LABELS,
  PROOF_OF_ADDRESS_TYPES,
  proofOfAddressExpiresOn,
  proofOfAddressTypeSchema,
} from './proof-of-address.ts';

describe('proof-of-address types', () => {
  it('are the eight of the Solaris notes, each with a label', () => {
    expect([...PROOF_OF_ADDRESS_TYPES]).toEqual([
      'BANK_ACCOUNT_STATEMENT',
      'CERTIFICATE_OF_REGISTRATION',
      'ELECTRICITY_BILL',
      'GAS_BILL',
      'HEATING_BILL',
      'INTERNET_BILL',
      'TELEPHONE_BILL',
      'WATER_BILL',
    ]);
    for (const type of PROOF_OF_ADDRESS_TYPES) expect(PROOF_OF_ADDRESS_TYPE_LABELS[type]).toMatch(/^[A-Z]/);
    expect(proofOfAddressTypeSchema.safeParse('RENTAL_CONTRACT').success).toBe(false);
  });
});

describe('checkProofOfAddressAge', () => {
  it('accepts a document issued exactly 6 months before the identification', () => {
    expect(checkProofOfAddressAge('2024-09-15', '2025-03-15')).toEqual({ ok: true, validUntil: '2025-03-15' });
  });

  it('refuses a document one day older than 6 months and says when it expired', () => {
    expect(checkProofOfAddressAge('2024-09-14', '2025-03-15')).toEqual({
      ok: false,
      reason: 'too_old',
      expiredOn: '2025-03-15',
    });
  });

  it('clamps to the end of February: created 2024-08-31 accepts 2024-02-29 but not 2024-02-28', () => {
    expect(earliestProofOfAddressIssueDate('2024-08-31')).toBe('2024-02-29');
    expect(checkProofOfAddressAge('2024-02-29', '2024-08-31').ok).toBe(true);
    expect(checkProofOfAddressAge('2024-02-28', '2024-08-31')).toEqual({
      ok: false,
      reason: 'too_old',
      expiredOn: '2024-08-29',
    });
  });

  it('reports the first day a month-end document no longer counts: issued 2024-08-31 expired on 2025-03-01', () => {
    expect(proofOfAddressExpiresOn('2024-08-31')).toBe('2025-03-01');
    expect(checkProofOfAddressAge('2024-08-31', '2025-02-28')).toEqual({ ok: true, validUntil: '2025-02-28' });
    expect(checkProofOfAddressAge('2024-08-31', '2025-03-01')).toEqual({
      ok: false,
      reason: 'too_old',
      expiredOn: '2025-03-01',
    });
  });

  it('accepts a document issued on the day the identification is created', () => {
    expect(checkProofOfAddressAge('2025-03-15', '2025-03-15').ok).toBe(true);
  });

  it('refuses a document dated after the identification is created', () => {
    expect(checkProofOfAddressAge('2025-03-16', '2025-03-15')).toEqual({ ok: false, reason: 'issued_in_future' });
  });

  it('takes a creation instant as its date in Berlin', () => {
    // 23:30 UTC on 14 March is already 15 March in Berlin.
    expect(checkProofOfAddressAge('2024-09-15', new Date('2025-03-14T23:30:00Z')).ok).toBe(true);
    expect(checkProofOfAddressAge('2024-09-15', new Date('2025-03-15T22:59:00Z')).ok).toBe(true);
    expect(checkProofOfAddressAge('2024-09-15', new Date('2025-03-15T23:00:00Z')).ok).toBe(false);
  });

  it('throws on malformed dates instead of guessing', () => {
    expect(() => checkProofOfAddressAge('2024-02-30', '2025-03-15')).toThrow(RangeError);
    expect(() => checkProofOfAddressAge('2024-02-01', new Date('nope'))).toThrow(RangeError);
  });
});

describe('createProofOfAddressIssuedAtSchema', () => {
  const schema = createProofOfAddressIssuedAtSchema('2025-03-15');

  it('accepts a recent enough issue date', () => {
    expect(schema.parse('2024-09-15')).toBe('2024-09-15');
  });

  it('names the 6-month rule and the expiry date', () => {
    const result = schema.safeParse('2024-08-31');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'Proof of address must not be older than 6 months: it expired on 2025-03-01',
    ]);
  });

  it('refuses a future issue date', () => {
    expect(schema.safeParse('2025-03-16').error?.issues[0]?.message).toMatch(/must not be issued after/);
  });

  it('reports a malformed date once, as a format problem', () => {
    const result = schema.safeParse('2025-02-30');
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.message).toMatch(/YYYY-MM-DD/);
  });
});
