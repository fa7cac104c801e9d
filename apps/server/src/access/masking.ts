import type { Role } from '@identdesk/domain';
import { TRPCError } from '@trpc/server';

/**
 * How much of a customer's personal data a role sees. Team leads work with aggregates only;
 * agents see what support needs, with numbers that identify a document or an account masked;
 * compliance sees everything but the IDnow reference and URL, which it reveals one at a time,
 * with a reason, audited. Admins run the system and see what agents see.
 */
export type PersonalDataAccess = 'none' | 'masked' | 'full';

export const PERSONAL_DATA_ACCESS: Record<Role, PersonalDataAccess> = {
  agent: 'masked',
  compliance: 'full',
  team_lead: 'none',
  admin: 'masked',
};

export const MASK = '•';

/** The role's access to personal data; FORBIDDEN for a role that sees none (team leads). */
export function requirePersonalDataAccess(role: Role): Exclude<PersonalDataAccess, 'none'> {
  const access = PERSONAL_DATA_ACCESS[role];
  if (access === 'none') {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Team leads see aggregates, not customers’ personal data. Ask an agent or compliance.',
    });
  }
  return access;
}

/**
 * Keeps the last `keepLast` characters and masks the rest, so an agent can check "ends in 147"
 * with a customer on the phone. Values too short to keep anything safely are masked whole.
 */
export function maskTail(value: string | null | undefined, keepLast = 3): string | null {
  if (value === null || value === undefined) return null;
  const compact = value.trim();
  if (compact === '') return '';
  if (keepLast <= 0 || compact.length <= keepLast + 3) return MASK.repeat(Math.max(compact.length, 4));
  return `${MASK.repeat(compact.length - keepLast)}${compact.slice(-keepLast)}`;
}

/** Identity document, passport or residence permit numbers. */
export function maskDocumentNumber(value: string | null | undefined): string | null {
  return maskTail(value, 3);
}

/** `DE89370400440532013000` → `DE••••••••••••••••3000`: the country and the last four digits. */
export function maskIban(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (compact.length < 10) return maskTail(compact, 0);
  return `${compact.slice(0, 2)}${MASK.repeat(compact.length - 6)}${compact.slice(-4)}`;
}

/** Tax and VAT identifiers: the last two characters. */
export function maskTaxId(value: string | null | undefined): string | null {
  return maskTail(value, 2);
}

type Masker = (value: string | null | undefined) => string | null;

/** Person fields that agents (masked access) see masked, and how. */
export const PERSON_MASKED_FIELDS = {
  vatNumber: maskTaxId,
  taxIdentificationNumber: maskTaxId,
  // A business's commercial register number identifies it like a document number.
  registrationNumber: maskTaxId,
  iban: maskIban,
  documentNumber: maskDocumentNumber,
} satisfies Record<string, Masker>;

/**
 * A copy of the record with the fields in `maskers` masked when access is 'masked', untouched
 * when 'full'. Fields absent from the record stay absent.
 */
export function maskFields<T extends object>(
  record: T,
  access: Exclude<PersonalDataAccess, 'none'>,
  maskers: Record<string, Masker> = PERSON_MASKED_FIELDS,
): T {
  if (access === 'full') return { ...record };
  const copy: Record<string, unknown> = Object.fromEntries(Object.entries(record));
  for (const [field, mask] of Object.entries(maskers)) {
    const value = copy[field];
    if (typeof value === 'string' || value === null) copy[field] = mask(value);
  }
  return copy as T;
}

/** A person record for the role: FORBIDDEN for team leads, masked for agents and admins. */
export function personForRole<T extends object>(person: T, role: Role): T {
  return maskFields(person, requirePersonalDataAccess(role));
}

type WithReference = { reference?: string | null; url?: string | null; iban?: string | null };

/**
 * An identification for the role. The IDnow reference and URL are withheld from every role
 * (compliance reveals them with `identification.revealReference`, audited); `hasReference` says
 * whether there is one to reveal. The IBAN is masked for masked access.
 */
export function identificationForRole<T extends WithReference>(
  identification: T,
  role: Role,
): Omit<T, 'reference' | 'url'> & { hasReference: boolean } {
  const access = requirePersonalDataAccess(role);
  const { reference, url, ...rest } = identification;
  const masked = maskFields(rest, access, { iban: maskIban });
  return { ...masked, hasReference: Boolean(reference) || Boolean(url) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * IDnow's raw attempt payload for the role. Its process id, file name and download link are the
 * IDnow reference in other words, so they go for everyone; the document number is masked for
 * masked access. The payload is copied, never changed in place.
 */
export function idnowPayloadForRole(payload: unknown, role: Role): Record<string, unknown> {
  const access = requirePersonalDataAccess(role);
  if (!isRecord(payload)) return {};
  const result: Record<string, unknown> = { ...payload };
  const process = payload.identificationprocess;
  if (isRecord(process)) {
    const { id: _id, filename: _filename, href: _href, ...kept } = process;
    result.identificationprocess = kept;
  }
  const document = payload.identificationdocument;
  if (access === 'masked' && isRecord(document) && isRecord(document.number)) {
    const number = document.number;
    result.identificationdocument = {
      ...document,
      number: { ...number, value: typeof number.value === 'string' ? maskDocumentNumber(number.value) : null },
    };
  }
  return result;
}

/**
 * The IDnow reference as every role sees it: never whole (the seed forbids sharing it with the
 * customer, and an agent on the phone must not be able to read it out). The last two characters
 * let two people check they are looking at the same identification.
 */
export function maskIdnowReference(reference: string | null | undefined): string | null {
  if (reference === null || reference === undefined || reference.trim() === '') return null;
  return maskTail(reference, 2);
}

/** The identification URL as every role sees it: which IDnow site, never the path that opens the call. */
export function maskIdentificationUrl(url: string | null | undefined): string | null {
  if (url === null || url === undefined || url.trim() === '') return null;
  try {
    return `${new URL(url).origin}/${MASK.repeat(8)}`;
  } catch {
    return MASK.repeat(8);
  }
}

/** A person history change: values of masked fields are masked too, or the history would give them away. */
export function historyChangeForRole<T extends { field: string; from: unknown; to: unknown }>(change: T, role: Role): T {
  const access = requirePersonalDataAccess(role);
  const mask = (PERSON_MASKED_FIELDS as Record<string, Masker>)[change.field];
  if (access === 'full' || !mask) return { ...change };
  const masked = (value: unknown) => (typeof value === 'string' ? mask(value) : value);
  return { ...change, from: masked(change.from), to: masked(change.to) };
}
