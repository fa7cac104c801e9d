import {
  identifiedDocumentCarriesAddress,
  idDocumentsWithAddressOf,
  proofOfAddressStateOf,
  type ProofOfAddressFacts,
  type ProofOfAddressState,
  type ProofOfAddressSubmissionStatus,
} from '@identdesk/domain';
import { eq, sql } from 'drizzle-orm';
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

/**
 * Reads the facts of `proofOfAddressStateOf` for one person in one statement (the person, the
 * latest identification carrying a proof, the latest successful attempt's document, the
 * submissions); null when the person is not stored.
 */
export async function loadProofOfAddressFacts(db: DatabaseExecutor, personId: string): Promise<LoadedProofOfAddressFacts | null> {
  const { rows } = await db.execute<{
    nationality: string | null;
    address_unverified: boolean;
    proof_type: string | null;
    proof_issued_on: string | null;
    attempt_payload: unknown;
    submission_statuses: ProofOfAddressSubmissionStatus[];
  }>(sql`
    select p.${sql.identifier(persons.nationality.name)} as nationality,
           p.${sql.identifier(persons.proofOfAddressRequired.name)} as address_unverified,
           proof.type as proof_type, proof.issued_on as proof_issued_on,
           attempt.payload as attempt_payload,
           array(select s.${sql.identifier(proofOfAddressSubmissions.status.name)}::text
                 from ${proofOfAddressSubmissions} s
                 where s.${sql.identifier(proofOfAddressSubmissions.personId.name)} = p.id) as submission_statuses
    from ${persons} p
    left join lateral (
      select i.${sql.identifier(identifications.proofOfAddressType.name)} as type,
             i.${sql.identifier(identifications.proofOfAddressIssuedAt.name)}::text as issued_on
      from ${identifications} i
      where i.${sql.identifier(identifications.personId.name)} = p.id
        and i.${sql.identifier(identifications.proofOfAddressType.name)} is not null
      order by i.${sql.identifier(identifications.createdAt.name)} desc
      limit 1
    ) proof on true
    left join lateral (
      select a.${sql.identifier(idnowAttempts.payload.name)} as payload
      from ${idnowAttempts} a
      join ${identifications} i on i.id = a.${sql.identifier(idnowAttempts.identificationId.name)}
      where i.${sql.identifier(identifications.personId.name)} = p.id
        and a.${sql.identifier(idnowAttempts.result.name)} = any(${sql.param(SUCCESS_RESULTS)}::text[])
      -- DESC puts NULLs first in PostgreSQL: an attempt without a time must not pass for the latest.
      order by a.${sql.identifier(idnowAttempts.attemptedAt.name)} desc nulls last,
               a.${sql.identifier(idnowAttempts.firstSeenAt.name)} desc
      limit 1
    ) attempt on true
    where p.id = ${personId}`);
  const [row] = rows;
  if (!row) return null;
  const document = row.attempt_payload != null ? identificationDocumentOf(row.attempt_payload) : null;

  return {
    facts: {
      nationalityHasDocumentWithAddress: idDocumentsWithAddressOf(row.nationality).length > 0,
      addressUnverified: row.address_unverified,
      identifiedWithDocumentWithAddress: document ? identifiedDocumentCarriesAddress(document.type, document.country) : null,
      identificationCarriesProof: row.proof_type !== null,
      submissionStatuses: row.submission_statuses,
    },
    nationality: row.nationality,
    identifiedWith: document,
    identificationProof: row.proof_type ? { type: row.proof_type, issuedOn: row.proof_issued_on } : null,
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
  // The facts are read by the next statement, whose snapshot is taken once the lock is held.
  const [locked] = await tx
    .select({ state: persons.proofOfAddressState })
    .from(persons)
    .where(eq(persons.id, personId))
    .for('no key update');
  if (!locked) throw new Error(`person ${personId} is not stored`);
  const loaded = await loadProofOfAddressFacts(tx, personId);
  if (!loaded) throw new Error(`person ${personId} is not stored`);
  const state = proofOfAddressStateOf(loaded.facts);
  if (state !== locked.state) await tx.update(persons).set({ proofOfAddressState: state }).where(eq(persons.id, personId));
  return state;
}
