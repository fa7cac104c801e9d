import type { IdentificationDocument, IdentificationResource } from '@identdesk/domain';
import type { identifications } from '../db/schema.ts';

export type IdentificationRow = typeof identifications.$inferSelect;

/** Timestamps as Solaris writes them: whole seconds, `.000Z`. */
export function solarisTimestamp(at: Date | null): string | null {
  if (at === null) return null;
  return new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString();
}

/** The fields of every identification response (seed: create, request, list). */
export function toIdentificationResource(row: IdentificationRow): IdentificationResource {
  return {
    id: row.id,
    reference: row.reference,
    url: row.url,
    status: row.status as IdentificationResource['status'],
    completed_at: solarisTimestamp(row.completedAt),
    method: row.method,
    proof_of_address_type: row.proofOfAddressType as IdentificationResource['proof_of_address_type'],
    proof_of_address_issued_at: row.proofOfAddressIssuedAt,
    language: row.language as IdentificationResource['language'],
    iban: null,
    terms_and_conditions_signed_at: null,
    authorization_expires_at: null,
    confirmation_expires_at: null,
  };
}

/** PATCH …/request adds the waiting time (seconds). */
export function toRequestedIdentificationResource(row: IdentificationRow): IdentificationResource {
  return { ...toIdentificationResource(row), estimated_waiting_time: row.estimatedWaitingTime };
}

/** GET …/identifications/{id}: plus person_id, address, failure_reason, provider_status_code, and documents on request. */
export function toIdentificationDetail(
  row: IdentificationRow,
  personAddress: Record<string, unknown>,
  documents: IdentificationDocument[] | null,
): IdentificationResource {
  const address = (row.address ?? personAddress) as Record<string, string | null | undefined>;
  return {
    ...toIdentificationResource(row),
    person_id: row.personId,
    address: {
      line_1: address['line_1'] ?? null,
      line_2: address['line_2'] ?? null,
      postal_code: address['postal_code'] ?? null,
      city: address['city'] ?? null,
      country: (address['country'] ?? null) as NonNullable<IdentificationResource['address']>['country'],
    },
    failure_reason: row.failureReason,
    provider_status_code: row.providerStatusCode,
    ...(documents === null ? {} : { documents }),
  };
}
