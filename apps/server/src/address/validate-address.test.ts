import { describe, expect, it } from 'vitest';
import { validateAddress } from './validate-address.ts';

const BERLIN = { line_1: 'Amrumerstrasse 14', postal_code: '13353', city: 'Berlin', country: 'DE' };

describe('validateAddress', () => {
  it('accepts a German address whose postcode belongs to its city, checked against the postcode dataset', () => {
    expect(validateAddress(BERLIN)).toEqual({ valid: true, findings: [], suggestions: [], dataset: 'de_postcodes' });
    // Typed without the umlaut and in lower case, the city still matches.
    expect(validateAddress({ ...BERLIN, postal_code: '80331', city: 'muenchen' }).valid).toBe(true);
    // "Frankfurt" is how customers say "Frankfurt am Main".
    expect(validateAddress({ ...BERLIN, postal_code: '60311', city: 'Frankfurt' }).valid).toBe(true);
  });

  it('refuses a German postcode of the wrong format, naming the rule with an example', () => {
    const result = validateAddress({ ...BERLIN, postal_code: '1335' });
    expect(result.valid).toBe(false);
    expect(result.findings).toEqual([
      { field: 'postal_code', severity: 'error', code: 'postcode_format', message: 'A German postcode has five digits, e.g. 10115' },
    ]);
  });

  it('refuses a postcode that belongs to another city, suggesting its places and the typed city’s postcodes', () => {
    const result = validateAddress({ ...BERLIN, postal_code: '80331', city: 'Berlin' });
    expect(result.valid).toBe(false);
    expect(result.findings).toEqual([
      expect.objectContaining({ field: 'city', severity: 'error', code: 'postcode_city_mismatch', message: expect.stringContaining('80331 belongs to München') }),
    ]);
    expect(result.suggestions).toContainEqual({ postalCode: '80331', city: 'München' });
    expect(result.suggestions).toContainEqual({ postalCode: '10115', city: 'Berlin' });
  });

  it('refuses a five-digit German postcode that does not exist', () => {
    const result = validateAddress({ ...BERLIN, postal_code: '00000' });
    expect(result.findings).toEqual([expect.objectContaining({ field: 'postal_code', code: 'postcode_unknown' })]);
    expect(result.suggestions.every((suggestion) => suggestion.city === 'Berlin')).toBe(true);
  });

  it('checks a non-German address by its country’s format only, and warns that video identification is for residents of Germany', () => {
    const vienna = validateAddress({ line_1: 'Stephansplatz 1', postal_code: '1010', city: 'Wien', country: 'AT' });
    expect(vienna).toEqual({
      valid: true,
      findings: [expect.objectContaining({ field: 'country', severity: 'warning', code: 'not_resident_in_germany' })],
      suggestions: [],
      dataset: null,
    });
    const london = validateAddress({ line_1: '10 Downing Street', postal_code: '12345', city: 'London', country: 'GB' });
    expect(london.valid).toBe(false);
    expect(london.findings).toContainEqual(expect.objectContaining({ field: 'postal_code', code: 'postcode_format', message: expect.stringContaining('United Kingdom') }));
  });

  it('names every missing part and a country outside ISO 3166-1', () => {
    const result = validateAddress({ line_1: ' ', country: 'XX' });
    expect(result.valid).toBe(false);
    expect(result.findings.map((finding) => [finding.field, finding.code])).toEqual([
      ['line_1', 'required'],
      ['postal_code', 'required'],
      ['city', 'required'],
      ['country', 'country_unknown'],
    ]);
  });
});
