import { z } from 'zod';

/**
 * Solaris resource ids are 32 lower-case hex characters followed by a four-letter suffix
 * naming the resource: `cper` person, `cidt` identification, `cdoc` document.
 */
export const SOLARIS_ID_SUFFIXES = { person: 'cper', identification: 'cidt', document: 'cdoc' } as const;
export type SolarisResourceKind = keyof typeof SOLARIS_ID_SUFFIXES;

export const PERSON_ID_PATTERN = /^[0-9a-f]{32}cper$/;
export const IDENTIFICATION_ID_PATTERN = /^[0-9a-f]{32}cidt$/;
export const DOCUMENT_ID_PATTERN = /^[0-9a-f]{32}cdoc$/;

export const personIdSchema = z.string().regex(PERSON_ID_PATTERN, {
  error: 'Must be a Solaris person id: 32 hex characters followed by "cper"',
});
export const identificationIdSchema = z.string().regex(IDENTIFICATION_ID_PATTERN, {
  error: 'Must be a Solaris identification id: 32 hex characters followed by "cidt"',
});
export const documentIdSchema = z.string().regex(DOCUMENT_ID_PATTERN, {
  error: 'Must be a Solaris document id: 32 hex characters followed by "cdoc"',
});

/** Which kind of Solaris resource an id names, or null. Accepts surrounding spaces and upper case. */
export function solarisIdKind(value: string): SolarisResourceKind | null {
  const id = value.trim().toLowerCase();
  if (PERSON_ID_PATTERN.test(id)) return 'person';
  if (IDENTIFICATION_ID_PATTERN.test(id)) return 'identification';
  if (DOCUMENT_ID_PATTERN.test(id)) return 'document';
  return null;
}
