import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizeSearchText, personSearchName, phoneDigits } from './normalize.ts';

describe('normalizeSearchText', () => {
  it('transliterates German umlauts so that typing "muell" finds Müller', () => {
    expect(normalizeSearchText('Müller')).toBe('mueller');
    expect(normalizeSearchText('GROẞ Straße Öztürk Ähre')).toBe('gross strasse oeztuerk aehre');
    expect(normalizeSearchText('Müller').includes(normalizeSearchText('muell'))).toBe(true);
  });

  it('drops other diacritics and punctuation and collapses whitespace', () => {
    expect(normalizeSearchText('  José   García-Núñez ')).toBe('jose garcia nunez');
    expect(normalizeSearchText("O'Brien_%")).toBe('o brien');
  });

  it('builds "first last" and tolerates missing parts', () => {
    expect(personSearchName('Jane', 'Doe')).toBe('jane doe');
    expect(personSearchName(null, 'Doe')).toBe('doe');
    expect(personSearchName(undefined, undefined)).toBe('');
  });
});

describe('phoneDigits and normalizeEmail', () => {
  it('keep digits only and lower-case e-mail, null when empty', () => {
    expect(phoneDigits('+49 (30) 123-4567')).toBe('49301234567');
    expect(phoneDigits('n/a')).toBeNull();
    expect(normalizeEmail('  Jane.Doe@Example.COM ')).toBe('jane.doe@example.com');
    expect(normalizeEmail('')).toBeNull();
  });
});
