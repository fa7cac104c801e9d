import { normalizeNameForSearch, normalizePhoneForSearch } from '@identdesk/domain';

// The stored search columns and the typed query must fold text the same way, so both go
// through the domain's normalization (packages/domain/src/search.ts); nothing is folded here.

/** The "first last" search key of a person: "Jürgen Müller-Lüdenscheidt" → "jurgen muller ludenscheidt". */
export function personSearchName(firstName: string | null | undefined, lastName: string | null | undefined): string {
  return normalizeNameForSearch(`${firstName ?? ''} ${lastName ?? ''}`);
}

/** The words of a search key, for exact and typo-tolerant word matches (`persons.search_words`). */
export function searchWordsOf(searchName: string): string[] {
  return searchName.split(' ').filter((word) => word !== '');
}

/**
 * A stored mobile number as search compares it: E.164 digits without "+", so "0171 1234567",
 * "+49 171 1234567" and "0049-171-1234567" are one number. Null when it is not a phone number.
 */
export function mobileDigitsForSearch(mobileNumber: string | null | undefined): string | null {
  return mobileNumber ? normalizePhoneForSearch(mobileNumber) : null;
}

/** Trimmed lower-case e-mail; null when empty. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const normalized = (email ?? '').trim().toLowerCase();
  return normalized === '' ? null : normalized;
}
