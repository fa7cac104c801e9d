import { describe, expect, it } from 'vitest';
import { firstNameSchema, lastNameSchema, PERSON_NAME_MAX_LENGTH, personNameLength } from './person-name.ts';

function messages(value: unknown): string[] {
  const result = firstNameSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('first_name / last_name sanitization', () => {
  it.each([
    'Müller',
    'Łukasz',
    '李',
    "O'Brien",
    'O’Brien',
    'Jean-Luc',
    'Nguyễn Văn An',
    'Ørsted',
    'Zoë',
    'Mary Ann',
    'Γιώργος',
    'Алексей',
    'محمد',
    'דוד',
    '山田 太郎',
    'हिन्दी',
    'Jr.',
    "'t Hooft",
    'Jane',
    'X-MANUALTEST-HAPPYPATH',
  ])('accepts the real name %s', (name) => {
    expect(messages(name)).toEqual([]);
  });

  it('accepts exactly 50 characters and refuses 51', () => {
    expect(PERSON_NAME_MAX_LENGTH).toBe(50);
    expect(messages('a'.repeat(50))).toEqual([]);
    expect(messages('a'.repeat(51))).toEqual(['first_name must not be longer than 50 characters']);
  });

  it('counts a precomposed and a decomposed ü once each (NFC)', () => {
    const decomposed = 'u\u0308'.repeat(50);
    expect(decomposed.length).toBe(100);
    expect(personNameLength(decomposed)).toBe(50);
    expect(messages(decomposed)).toEqual([]);
    expect(firstNameSchema.parse('Mu\u0308ller')).toBe('Müller');
  });

  it('counts code points, not UTF-16 units: 50 CJK characters outside the BMP pass', () => {
    const name = '𠮷'.repeat(50);
    expect(name.length).toBe(100);
    expect(messages(name)).toEqual([]);
    expect(messages('𠮷'.repeat(51))).toEqual(['first_name must not be longer than 50 characters']);
  });

  it('counts each code point of a Devanagari cluster, the stricter count', () => {
    expect(personNameLength('क्षि')).toBe(4);
  });

  it.each([' Jane', '\tJane', '\u00a0Jane'])('refuses a name that starts with whitespace: %j', (name) => {
    expect(messages(name)).toContain('first_name must not start with a whitespace');
  });

  it('refuses trailing whitespace and doubled inner spaces', () => {
    expect(messages('Jane ')).toEqual(['first_name must not end with a whitespace']);
    expect(messages('Mary  Ann')).toEqual(['first_name must not contain two spaces in a row']);
  });

  it.each([
    ['a plain emoji', 'Jane😀'],
    ['an emoji with a skin-tone modifier', 'Jane👍🏽'],
    ['a ZWJ family sequence', 'Jane👨‍👩‍👧'],
    ['a flag', 'Jane🇩🇪'],
    ['a keycap', 'Jane1️⃣'],
    ['a heart with variation selector', 'Jane❤️'],
    ['a bare skin-tone modifier', 'Jane🏽'],
    ['a letter dressed as a keycap', 'A\u20e3'],
  ])('refuses %s', (_what, name) => {
    expect(messages(name)).toContain('first_name must not include emojis');
  });

  it.each(['Jane2', '@', '#', '$', '%', '&', '*', '!', '?', '(', ')', '[', ']', '{', '}', '<', '>', '=', '+', '_', '/', '\\', '|', '~', '^', ',', ';', ':', '"', '©', '€', '`'])(
    'refuses the digit or symbol in %j',
    (symbol) => {
      expect(messages(`Ja${symbol}ne`)).toContain(
        'first_name must not include symbols or digits: only letters, spaces, hyphens, apostrophes and periods are allowed',
      );
    },
  );

  it('refuses control and invisible characters', () => {
    expect(messages('Ja\nne').length).toBeGreaterThan(0);
    expect(messages('Ja\u200bne').length).toBeGreaterThan(0);
  });

  it('refuses an empty name and one without any letter', () => {
    expect(messages('')).toEqual(['first_name must not be empty']);
    expect(messages("-'.")).toEqual(['first_name must contain at least one letter']);
    expect(messages(42)).toEqual(['first_name must be text']);
  });

  it('names last_name in its own messages', () => {
    const result = lastNameSchema.safeParse('Doe!');
    expect(result.error?.issues[0]?.message).toMatch(/^last_name must not include symbols/);
  });
});
