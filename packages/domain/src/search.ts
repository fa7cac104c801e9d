import { formatCalendarDate, isValidCalendarDate, type CalendarDate } from './calendar-date.ts';
import { solarisIdKind } from './solaris-ids.ts';

// Letters that carry no decomposable diacritic, so NFKD + dropping marks leaves them alone.
const LETTERS_WITHOUT_DECOMPOSITION: Readonly<Record<string, string>> = {
  ß: 'ss',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ŧ: 't',
  ŀ: 'l',
  ſ: 's',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};
const LETTERS_WITHOUT_DECOMPOSITION_PATTERN = new RegExp(`[${Object.keys(LETTERS_WITHOUT_DECOMPOSITION).join('')}]`, 'gu');

/**
 * A name as the search index and the query both see it: lower case, without diacritics
 * (Łukasz → lukasz, Ørsted → orsted), ß → ss, and the German spellings ae/oe/ue folded to
 * a/o/u. The folding is applied to both sides, so "Müller", "Mueller" and "muller" all become
 * "muller"; the price is that e.g. "Manuel" becomes "manul", harmless since both sides match.
 * Apostrophes vanish (O'Brien → obrien), other punctuation and runs of whitespace become one space.
 */
export function normalizeNameForSearch(value: string): string {
  return value
    .toLowerCase()
    .replace(LETTERS_WITHOUT_DECOMPOSITION_PATTERN, (letter) => LETTERS_WITHOUT_DECOMPOSITION[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .replace(/['’ʼ`´]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const PHONE_CHARACTERS = /^[+\d\s()/.-]+$/;

/**
 * A phone number in E.164 digits without "+" (491711234567), the form stored for search.
 * Accepts "+49 171 1234567", "0049 171 1234567", "+49 (0)171 1234567", and national numbers
 * with a trunk 0 ("0171/1234567", "(0171) 123-4567"), which get `defaultCountryCallingCode`.
 * Digits without any prefix are taken as already international. Null if it is not a number.
 */
export function normalizePhoneForSearch(value: string, defaultCountryCallingCode = '49'): string | null {
  const text = value.trim();
  if (text === '' || !PHONE_CHARACTERS.test(text)) return null;
  const plusCount = (text.match(/\+/g) ?? []).length;
  if (plusCount > 1 || (plusCount === 1 && !text.startsWith('+'))) return null;
  const international = text.startsWith('+') || /^00/.test(text.replace(/\D/g, ''));
  // "+49 (0)171 …": the bracketed trunk zero is dialled only from within the country.
  const withoutTrunkZero = international ? text.replace(/\(\s*0\s*\)/, '') : text;
  let digits = withoutTrunkZero.replace(/\D/g, '');
  if (text.startsWith('+')) {
    // already international
  } else if (digits.startsWith('00')) {
    digits = digits.slice(2);
  } else if (digits.startsWith('0')) {
    digits = `${defaultCountryCallingCode}${digits.slice(1)}`;
  }
  return /^[1-9]\d{1,14}$/.test(digits) ? digits : null;
}

/** Two-digit years at or below this are 20xx, above are 19xx ("05" → 2005, "92" → 1992). */
function expandTwoDigitYear(twoDigitYear: number, now: Date): number {
  const currentTwoDigitYear = now.getUTCFullYear() % 100;
  const century = Math.floor(now.getUTCFullYear() / 100) * 100;
  return twoDigitYear <= currentTwoDigitYear ? century + twoDigitYear : century - 100 + twoDigitYear;
}

/**
 * A birth date typed into search → YYYY-MM-DD, or null. Accepts ISO (1992-12-11) and the
 * European day-first forms 11.12.1992, 11/12/1992, 11-12-1992, with one- or two-digit day and
 * month. A two-digit year (11.12.92) is read as the latest such year not after `now`, since a
 * birth date lies in the past. Dates that do not exist (31.02.1992) give null.
 */
export function parseBirthDateQuery(value: string, now: Date = new Date()): CalendarDate | null {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dayFirst = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(text);
  let year: number;
  let month: number;
  let day: number;
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (dayFirst) {
    const yearText = dayFirst[4] ?? '';
    day = Number(dayFirst[1]);
    month = Number(dayFirst[3]);
    year = yearText.length === 2 ? expandTwoDigitYear(Number(yearText), now) : Number(yearText);
  } else {
    return null;
  }
  if (month < 1 || month > 12 || day < 1) return null;
  const date = formatCalendarDate({ year, month, day });
  return isValidCalendarDate(date) ? date : null;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type SearchQuery =
  | { kind: 'empty'; value: '' }
  | { kind: 'person_id'; value: string }
  | { kind: 'identification_id'; value: string }
  | { kind: 'document_id'; value: string }
  | { kind: 'email'; value: string }
  | { kind: 'birth_date'; value: CalendarDate }
  | { kind: 'phone'; value: string }
  | { kind: 'name'; value: string };

export type SearchQueryKind = SearchQuery['kind'];

/**
 * What an agent typed into the one search box, with the value normalized for that kind.
 * Order matters: ids and emails are unambiguous; a birth date is tried before a phone number
 * because "11-12-1992" is both; a phone needs at least 6 digits so a short number is not one;
 * everything else is a name.
 */
export function classifySearchQuery(query: string, now: Date = new Date()): SearchQuery {
  const text = query.trim();
  if (text === '') return { kind: 'empty', value: '' };
  const idKind = solarisIdKind(text);
  if (idKind !== null) return { kind: `${idKind}_id`, value: text.toLowerCase() };
  if (EMAIL_PATTERN.test(text)) return { kind: 'email', value: text.toLowerCase() };
  const birthDate = parseBirthDateQuery(text, now);
  if (birthDate !== null) return { kind: 'birth_date', value: birthDate };
  const phone = normalizePhoneForSearch(text);
  if (phone !== null && phone.length >= 6) return { kind: 'phone', value: phone };
  return { kind: 'name', value: normalizeNameForSearch(text) };
}
