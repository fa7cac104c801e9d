const GERMAN_TRANSLITERATION: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * Folds a name for search, the same way for stored names and typed queries: lower case,
 * German umlauts transliterated (Müller → mueller, so typing "muell" finds him), other
 * diacritics dropped (José → jose), punctuation to spaces, whitespace collapsed.
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[äöüß]/g, (letter) => GERMAN_TRANSLITERATION[letter] ?? letter)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The "first last" search key of a person. */
export function personSearchName(firstName: string | null | undefined, lastName: string | null | undefined): string {
  return normalizeSearchText(`${firstName ?? ''} ${lastName ?? ''}`);
}

/** Digits only ("+49 30 1234-567" → "49301234567"); null when none. */
export function phoneDigits(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits === '' ? null : digits;
}

/** Trimmed lower-case e-mail; null when empty. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const normalized = (email ?? '').trim().toLowerCase();
  return normalized === '' ? null : normalized;
}
