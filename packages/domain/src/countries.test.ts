import { describe, expect, it } from 'vitest';
import { COUNTRIES, COUNTRY_CODES, COUNTRY_NAMES, countryCodeSchema, countryName, isCountryCode } from './countries.ts';

describe('countries', () => {
  it('holds all 249 ISO 3166-1 alpha-2 codes, unique and sorted', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect([...COUNTRY_CODES]).toEqual([...COUNTRY_CODES].sort());
    expect(COUNTRIES).toHaveLength(249);
    expect(Object.keys(COUNTRY_NAMES)).toHaveLength(249);
  });

  it('are all known to ICU as regions (a cross-check, not the source)', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const code of COUNTRY_CODES) expect(names.of(code)).not.toBe(code);
  });

  it('leave out codes ISO does not assign as countries', () => {
    for (const code of ['XK', 'EU', 'UK', 'YU', 'AN', 'ZZ']) expect(isCountryCode(code)).toBe(false);
  });

  it('name countries in English', () => {
    expect(countryName('DE')).toBe('Germany');
    expect(countryName('AX')).toBe('Åland Islands');
    expect(countryName('ci')).toBe("Côte d'Ivoire");
    expect(countryName('XK')).toBe('XK');
  });

  it('schema accepts DE and refuses lower case, alpha-3 and unassigned codes with a clear message', () => {
    expect(countryCodeSchema.safeParse('DE').success).toBe(true);
    for (const value of ['de', 'DEU', 'XK', '']) {
      const result = countryCodeSchema.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/ISO 3166-1 alpha-2/);
    }
  });
});
