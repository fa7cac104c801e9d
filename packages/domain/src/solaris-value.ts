import { z } from 'zod';

const SOLARIS_VALUE_PATTERN = /^[A-Z][A-Z0-9_]*$/;

/**
 * A Solaris enum that the seed does not define (employment_status, marital_status, ...).
 * The known values are named for types, selects and labels, but any UPPER_SNAKE_CASE value
 * is accepted: Solaris adds values over time, and refusing one would block a real customer.
 */
export function solarisValueSchema<const Known extends readonly string[]>(field: string, known: Known) {
  return z.custom<Known[number] | (string & {})>(
    (value) => typeof value === 'string' && SOLARIS_VALUE_PATTERN.test(value),
    { error: `${field} must be an upper-case Solaris value such as ${known.slice(0, 3).join(', ')}` },
  );
}

/** "SELF_EMPLOYED" -> "Self employed", for values without a hand-written label. */
export function solarisValueLabel(value: string): string {
  const words = value.toLowerCase().split('_').filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
