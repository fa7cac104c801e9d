import { randomBytes, randomInt } from 'node:crypto';

/** Solaris resource ids: 32 lowercase hex digits and a type suffix, as in the seed's examples. */
export const ID_SUFFIXES = {
  person: 'cper',
  identification: 'cidt',
  document: 'cdoc',
  attempt: 'catt',
  webhook: 'cwhk',
} as const;

export type ResourceKind = keyof typeof ID_SUFFIXES;

export function newId(kind: ResourceKind): string {
  return randomBytes(16).toString('hex') + ID_SUFFIXES[kind];
}

export function isId(kind: ResourceKind, value: string): boolean {
  return value.length === 36 && /^[0-9a-f]{32}$/.test(value.slice(0, 32)) && value.endsWith(ID_SUFFIXES[kind]);
}

const REFERENCE_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** IDnow test references look like `TST-KCCEY` in the seed. */
export function newReference(): string {
  let letters = '';
  for (let i = 0; i < 5; i++) letters += REFERENCE_LETTERS[randomInt(REFERENCE_LETTERS.length)] ?? 'X';
  return `TST-${letters}`;
}

export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}
