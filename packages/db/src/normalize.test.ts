import { describe, expect, it } from 'vitest';
import { mobileDigitsForSearch, normalizeEmail, personSearchName, searchWordsOf } from './normalize.ts';

describe('personSearchName', () => {
  it('folds names like a typed query, so Müller, Mueller and muller are one key', () => {
    expect(personSearchName('Jürgen', 'Müller')).toBe('jurgen muller');
    expect(personSearchName('Juergen', 'Mueller')).toBe('jurgen muller');
    expect(personSearchName('  José ', 'García-Núñez')).toBe('jose garcia nunez');
    expect(personSearchName('Zoë', "O'Brien")).toBe('zo obrien');
  });

  it('tolerates missing parts', () => {
    expect(personSearchName(null, 'Smith')).toBe('smith');
    expect(personSearchName(undefined, undefined)).toBe('');
  });
});

describe('searchWordsOf', () => {
  it('splits a search key into its words, none for an empty key', () => {
    expect(searchWordsOf('jurgen muller ludenscheidt')).toEqual(['jurgen', 'muller', 'ludenscheidt']);
    expect(searchWordsOf('')).toEqual([]);
  });
});

describe('mobileDigitsForSearch and normalizeEmail', () => {
  it('stores every way of writing a number as the same E.164 digits', () => {
    for (const written of ['0171 1234567', '+49 171 1234567', '0049-171-1234567', '+49 (0)171 1234567']) {
      expect(mobileDigitsForSearch(written), written).toBe('491711234567');
    }
    expect(mobileDigitsForSearch('n/a')).toBeNull();
    expect(mobileDigitsForSearch(null)).toBeNull();
  });

  it('lower-cases e-mail, null when empty', () => {
    expect(normalizeEmail('  Jane.Doe@Example.COM ')).toBe('jane.doe@example.com');
    expect(normalizeEmail('')).toBeNull();
  });
});
