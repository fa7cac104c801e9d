import {
  identifiedDocumentCarriesAddress,
  idDocumentsWithAddressOf,
  proofOfAddressStateOf,
  type ProofOfAddressState,
} from '@identdesk/domain';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { identifications } from '../schema/identifications.ts';
import { idnowAttempts } from '../schema/idnow-attempts.ts';
import { persons } from '../schema/persons.ts';
import { proofOfAddressSubmissions } from '../schema/proof-of-address-submissions.ts';

const SUCCESS_RESULTS = ['SUCCESS', 'SUCCESS_DATA_CHANGED', 'REVIEW_PENDING'];

function textValue(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'value' in value) {
    const inner = (value as { value: unknown }).value;
    return typeof inner === 'string' ? inner : null;
  }
  return null;
}

/** `identificationdocument.type` and `.country` of an IDnow payload, when present. */
export function identificationDocumentOf(payload: unknown): { type: string | null; country: string | null } | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const document = (payload as Record<string, unknown>).identificationdocument;
  if (typeof document !== 'object' || document === null) return null;
  const fields = document as Record<string, unknown>;
  return { type: textValue(fields.type), country: textValue(fields.country) };
}

/**
 * Recomputes and stores `persons.proof_of_address_state` from the person's nationality, the
 * document of their latest successful IDnow attempt, their identifications' proof fields and the
 * recorded submissions. Call it inside the transaction that changed any of these.
 */
export async function refreshProofOfAddressState(tx: DatabaseExecutor, personId: string): Promise<ProofOfAddressState> {
  const [person] = await tx
    .select({ nationality: persons.nationality, addressUnverified: persons.proofOfAddressRequired })
    .from(persons)
    .where(eq(persons.id, personId));
  if (!person) throw new Error(`person ${personId} is not stored`);

  const [withProof] = await tx
    .select({ id: identifications.id })
    .from(identifications)
    .where(and(eq(identifications.personId, personId), isNotNull(identifications.proofOfAddressType)))
    .limit(1);

  const [successfulAttempt] = await tx
    .select({ payload: idnowAttempts.payload })
    .from(idnowAttempts)
    .innerJoin(identifications, eq(identifications.id, idnowAttempts.identificationId))
    .where(and(eq(identifications.personId, personId), inArray(idnowAttempts.result, SUCCESS_RESULTS)))
    .orderBy(desc(idnowAttempts.attemptedAt), desc(idnowAttempts.firstSeenAt))
    .limit(1);
  const document = successfulAttempt ? identificationDocumentOf(successfulAttempt.payload) : null;

  const submissions = await tx
    .select({ status: proofOfAddressSubmissions.status })
    .from(proofOfAddressSubmissions)
    .where(eq(proofOfAddressSubmissions.personId, personId));

  const state = proofOfAddressStateOf({
    nationalityHasDocumentWithAddress: idDocumentsWithAddressOf(person.nationality).length > 0,
    addressUnverified: person.addressUnverified,
    identifiedWithDocumentWithAddress: document ? identifiedDocumentCarriesAddress(document.type, document.country) : null,
    identificationCarriesProof: withProof !== undefined,
    submissionStatuses: submissions.map((submission) => submission.status),
  });
  await tx.update(persons).set({ proofOfAddressState: state }).where(eq(persons.id, personId));
  return state;
}
