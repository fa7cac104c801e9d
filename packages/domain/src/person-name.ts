import { z } from 'zod';

/** Solaris rejects first_name / last_name longer than this (seed). */
export const PERSON_NAME_MAX_LENGTH = 50;

/**
 * Letters and combining marks of every script, plus what real names use between letters:
 * a space, hyphen, apostrophe (' and ’) and period. Digits, symbols, other punctuation,
 * control and format characters fall outside.
 */
const ALLOWED_NAME_CHARACTERS = /^[\p{L}\p{M} '’.-]+$/u;

/**
 * Emoji parts that a letters-and-marks test alone would let through or report confusingly:
 * pictographs, skin-tone modifiers, regional indicators (flags), the keycap mark U+20E3 and
 * the variation selectors U+FE0E/U+FE0F (both are "marks"), and the zero-width joiner.
 */
const EMOJI_PARTS = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u20E3\uFE0E\uFE0F\u200D]/u;

/**
 * Length in Unicode code points of the NFC form. Code points rather than user-perceived
 * characters (grapheme clusters) because Solaris's backend counts characters of the stored
 * string; a grapheme such as Devanagari "क्षि" is several code points, so counting graphemes
 * could let a name through that Solaris then rejects. NFC first, so an "ü" typed as u + ◌̈
 * counts once, as it is stored.
 */
export function personNameLength(name: string): number {
  return [...name.normalize('NFC')].length;
}

/**
 * first_name / last_name sanitization (seed): at most 50 characters, no leading whitespace,
 * no symbols or emoji. Identdesk also refuses trailing whitespace and doubled spaces: names
 * must be entered exactly as printed on the ID document, which never ends in or doubles a
 * space, and such spaces make the same person look like two in search and deduplication.
 * The value is normalized to NFC, so what is counted is what is sent.
 */
export function createPersonNameSchema(field: string) {
  return z
    .string({ error: `${field} must be text` })
    .normalize('NFC')
    .refine((name) => name.length > 0, { error: `${field} must not be empty` })
    .refine((name) => personNameLength(name) <= PERSON_NAME_MAX_LENGTH, {
      error: `${field} must not be longer than ${PERSON_NAME_MAX_LENGTH} characters`,
    })
    .refine((name) => !/^\s/u.test(name), { error: `${field} must not start with a whitespace` })
    .refine((name) => !/\s$/u.test(name), { error: `${field} must not end with a whitespace` })
    .refine((name) => !/\s\s/u.test(name), { error: `${field} must not contain two spaces in a row` })
    .refine((name) => !EMOJI_PARTS.test(name), { error: `${field} must not include emojis` })
    .refine((name) => name === '' || ALLOWED_NAME_CHARACTERS.test(name), {
      error: `${field} must not include symbols or digits: only letters, spaces, hyphens, apostrophes and periods are allowed`,
    })
    .refine((name) => name === '' || /\p{L}/u.test(name), { error: `${field} must contain at least one letter` });
}

export const firstNameSchema = createPersonNameSchema('first_name');
export const lastNameSchema = createPersonNameSchema('last_name');
