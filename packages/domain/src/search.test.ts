import { describe, expect, it } from 'vitest';
import { classifySearchQuery, normalizeNameForSearch, normalizePhoneForSearch, parseBirthDateQuery } from './search.ts';

describe('normalizeNameForSearch', () => {
  it('folds Müller, Mueller, muller and MÜLLER to the same key', () => {
    for (const spelling of ['Müller', 'Mueller', 'muller', 'MÜLLER', 'MUELLER', 'Mu\u0308ller']) {
      expect(normalizeNameForSearch(spelling)).toBe('muller');
    }
  });

  it('folds ä/ae and ö/oe the same way', () => {
    expect(normalizeNameForSearch('Schäfer')).toBe(normalizeNameForSearch('Schaefer'));
    expect(normalizeNameForSearch('Köhler')).toBe(normalizeNameForSearch('Koehler'));
    expect(normalizeNameForSearch('Göbel')).toBe('gobel');
  });

  it('turns ß into ss', () => {
    expect(normalizeNameForSearch('Großmann')).toBe('grossmann');
    expect(normalizeNameForSearch('GROẞMANN')).toBe('grossmann');
  });

  it('strips diacritics, also from letters NFD cannot decompose', () => {
    expect(normalizeNameForSearch('Łukasz')).toBe('lukasz');
    expect(normalizeNameForSearch('Ørsted')).toBe('orsted');
    expect(normalizeNameForSearch('Đorđe')).toBe('dorde');
    expect(normalizeNameForSearch('Nguyễn Văn An')).toBe('nguyen van an');
    expect(normalizeNameForSearch('Zoë')).toBe('zo');
    expect(normalizeNameForSearch('François')).toBe('francois');
    expect(normalizeNameForSearch('Æsir')).toBe('asir');
  });

  it('collapses whitespace and punctuation, and drops apostrophes', () => {
    expect(normalizeNameForSearch('  Mary   Ann\t')).toBe('mary ann');
    expect(normalizeNameForSearch("O'Brien")).toBe('obrien');
    expect(normalizeNameForSearch('O’Brien')).toBe('obrien');
    expect(normalizeNameForSearch('Jean-Luc')).toBe('jean luc');
  });

  it('keeps scripts without a Latin form as they are', () => {
    expect(normalizeNameForSearch('李')).toBe('李');
    expect(normalizeNameForSearch('Алексей')).toBe('алексеи');
  });

  it('lets a partial query match a stored key', () => {
    expect(normalizeNameForSearch('Müller-Lüdenscheidt')).toContain(normalizeNameForSearch('muell'));
  });
});

describe('normalizePhoneForSearch', () => {
  it.each([
    '+49 171 1234567',
    '+491711234567',
    '0049 171 1234567',
    '00491711234567',
    '0171/1234567',
    '(0171) 123-4567',
    '0171 123 45 67',
    '+49 (0)171 1234567',
    '491711234567',
  ])('reads %s as 491711234567', (input) => {
    expect(normalizePhoneForSearch(input)).toBe('491711234567');
  });

  it('uses the given country calling code for national numbers', () => {
    expect(normalizePhoneForSearch('0664 1234567', '43')).toBe('436641234567');
  });

  it('keeps foreign international numbers', () => {
    expect(normalizePhoneForSearch('+1 555 0101')).toBe('15550101');
  });

  it.each(['', 'Jane', '+49 171 abc', '+', '12+34', '+49 1711234567890123'])('refuses %j', (input) => {
    expect(normalizePhoneForSearch(input)).toBeNull();
  });
});

describe('parseBirthDateQuery', () => {
  const now = new Date('2025-06-01T12:00:00Z');

  it.each(['11.12.1992', '1992-12-11', '11/12/1992', '11-12-1992', ' 11.12.1992 '])('reads %s as 1992-12-11', (input) => {
    expect(parseBirthDateQuery(input, now)).toBe('1992-12-11');
  });

  it('reads day first, as Europeans write it', () => {
    expect(parseBirthDateQuery('01/02/1990', now)).toBe('1990-02-01');
    expect(parseBirthDateQuery('1.2.1990', now)).toBe('1990-02-01');
  });

  it('reads a two-digit year as the latest such year not in the future', () => {
    expect(parseBirthDateQuery('11.12.92', now)).toBe('1992-12-11');
    expect(parseBirthDateQuery('11.12.05', now)).toBe('2005-12-11');
    expect(parseBirthDateQuery('11.12.25', now)).toBe('2025-12-11');
    expect(parseBirthDateQuery('11.12.26', now)).toBe('1926-12-11');
  });

  it.each(['31.02.1992', '29.02.2023', '1992-13-01', '00.01.1990', '32.01.1990', '11.12.199', '11.12-1992', 'Jane'])(
    'refuses %s',
    (input) => {
      expect(parseBirthDateQuery(input, now)).toBeNull();
    },
  );

  it('accepts 29 February in a leap year', () => {
    expect(parseBirthDateQuery('29.02.2024', now)).toBe('2024-02-29');
  });
});

describe('classifySearchQuery', () => {
  const now = new Date('2025-06-01T12:00:00Z');

  it.each([
    ['7cf09c3c5547b974a664201f24b454eecper', { kind: 'person_id', value: '7cf09c3c5547b974a664201f24b454eecper' }],
    [' B80EA8C7F76909749763E77F3EFC2C87CIDT ', { kind: 'identification_id', value: 'b80ea8c7f76909749763e77f3efc2c87cidt' }],
    ['448b75fa1c57eecda41d91c66c22faa6cdoc', { kind: 'document_id', value: '448b75fa1c57eecda41d91c66c22faa6cdoc' }],
    ['Jane.Doe@Example.com', { kind: 'email', value: 'jane.doe@example.com' }],
    ['+49 171 1234567', { kind: 'phone', value: '491711234567' }],
    ['0171/1234567', { kind: 'phone', value: '491711234567' }],
    ['11.12.1992', { kind: 'birth_date', value: '1992-12-11' }],
    ['1992-12-11', { kind: 'birth_date', value: '1992-12-11' }],
    ['Müller', { kind: 'name', value: 'muller' }],
    ['Jane Smith', { kind: 'name', value: 'jane smith' }],
    // The German oe → o folding applies to every name, on both sides of the search.
    ['Jane Doe', { kind: 'name', value: 'jane do' }],
    ['12345', { kind: 'name', value: '12345' }],
    ['   ', { kind: 'empty', value: '' }],
  ])('classifies %j', (query, expected) => {
    expect(classifySearchQuery(query, now)).toEqual(expected);
  });
});
