import {
  identifiedDocumentCarriesAddress,
  idDocumentsWithAddressOf,
  proofOfAddressStateOf,
  type ProofOfAddressFacts,
  type ProofOfAddressState,
} from '@identdesk/domain';
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
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

/** What a person's proof-of-address state is decided from, and what explains it on the person page. */
export interface LoadedProofOfAddressFacts {
  facts: ProofOfAddressFacts;
  nationality: string | null;
  /** `identificationdocument` of the latest successful IDnow attempt, when known. */
  identifiedWith: { type: string | null; country: string | null } | null;
  /** The latest identification that carries the proof's type (and issue date), if any. */
  identificationProof: { type: string; issuedOn: string | null } | null;
}

/** Reads the facts of `proofOfAddressStateOf` for one person; null when the person is not stored. */
export async function loadProofOfAddressFacts(db: DatabaseExecutor, personId: string): Promise<LoadedProofOfAddressFacts | null> {
  const [person] = await db
    .select({ nationality: persons.nationality, addressUnverified: persons.proofOfAddressRequired })
    .from(persons)
    .where(eq(persons.id, personId));
  if (!person) return null;

  const [withProof] = await db
    .select({ type: identifications.proofOfAddressType, issuedOn: identifications.proofOfAddressIssuedAt })
    .from(identifications)
    .where(and(eq(identifications.personId, personId), isNotNull(identifications.proofOfAddressType)))
    .orderBy(desc(identifications.createdAt))
    .limit(1);

  const [successfulAttempt] = await db
    .select({ payload: idnowAttempts.payload })
    .from(idnowAttempts)
    .innerJoin(identifications, eq(identifications.id, idnowAttempts.identificationId))
    .where(and(eq(identifications.personId, personId), inArray(idnowAttempts.result, SUCCESS_RESULTS)))
    // DESC puts NULLs first in PostgreSQL: an attempt without a time must not pass for the latest.
    .orderBy(sql`${idnowAttempts.attemptedAt} desc nulls last`, desc(idnowAttempts.firstSeenAt))
    .limit(1);
  const document = successfulAttempt ? identificationDocumentOf(successfulAttempt.payload) : null;

  const submissions = await db
    .select({ status: proofOfAddressSubmissions.status })
    .from(proofOfAddressSubmissions)
    .where(eq(proofOfAddressSubmissions.personId, personId));

  return {
    facts: {
      nationalityHasDocumentWithAddress: idDocumentsWithAddressOf(person.nationality).length > 0,
      addressUnverified: person.addressUnverified,
      identifiedWithDocumentWithAddress: document ? identifiedDocumentCarriesAddress(document.type, document.country) : null,
      identificationCarriesProof: withProof !== undefined,
      submissionStatuses: submissions.map((submission) => submission.status),
    },
    nationality: person.nationality,
    identifiedWith: document,
    identificationProof: withProof?.type ? { type: withProof.type, issuedOn: withProof.issuedOn } : null,
  };
}

/**
 * Recomputes and stores `persons.proof_of_address_state` from the person's nationality, the
 * document of their latest successful IDnow attempt, their identifications' proof fields and the
 * recorded submissions. Call it inside the transaction that changed any of these.
 */
export async function refreshProofOfAddressState(db: DatabaseExecutor, personId: string): Promise<ProofOfAddressState> {
  return db.transaction((tx) => storeProofOfAddressState(tx, personId));
}

/** {@link refreshProofOfAddressState} inside the caller's transaction. */
export async function storeProofOfAddressState(tx: DatabaseExecutor, personId: string): Promise<ProofOfAddressState> {
  // One refresh of a person at a time, to the end of the caller's transaction: a refresh that
  // read the facts before another transaction's submission committed must not write its older
  // answer over the newer one. NO KEY UPDATE, since inserting a submission already holds a
  // KEY SHARE lock on the person (its foreign key), and FOR UPDATE would deadlock two of them.
  const [locked] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.id, personId)).for('no key update');
  if (!locked) throw new Error(`person ${personId} is not stored`);
  const loaded = await loadProofOfAddressFacts(tx, personId);
  if (!loaded) throw new Error(`person ${personId} is not stored`);
  const state = proofOfAddressStateOf(loaded.facts);
  await tx.update(persons).set({ proofOfAddressState: state }).where(eq(persons.id, personId));
  return state;
}
