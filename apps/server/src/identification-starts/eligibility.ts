import {
  findIdentificationStartInProgress,
  identifications,
  listProofOfAddressSubmissions,
  loadProofOfAddressFacts,
  persons,
  type DatabaseExecutor,
} from '@identdesk/db';
import {
  berlinCalendarDate,
  checkProofOfAddressAge,
  countryName,
  IDENTIFICATION_STATUS_MEANINGS,
  identificationGuidance,
  type IdentificationLanguage,
  type IdentificationStatus,
} from '@identdesk/domain';
import type { SolarisClient } from '@identdesk/solaris';
import { desc, eq } from 'drizzle-orm';
import { supportedDocumentsFor } from '../documents/supported-documents.ts';
import type { Logger } from '../logger.ts';

export const START_REFUSAL_CODES = [
  'no_identification',
  'already_identified',
  'can_continue',
  'not_restartable',
  'start_in_progress',
  'not_resident_in_germany',
  'nationality_not_supported',
  'supported_documents_unknown',
  'proof_of_address_missing',
] as const;
export type StartRefusalCode = (typeof START_REFUSAL_CODES)[number];

export interface StartRefusal {
  code: StartRefusalCode;
  message: string;
}

/**
 * Another start of the customer is on its way. Given by the eligibility check, and by the start
 * itself when a colleague (or the agent's own double click) got there a moment earlier.
 */
export const START_IN_PROGRESS_REFUSAL: StartRefusal = {
  code: 'start_in_progress',
  message: 'A new identification started in Identdesk has not reached the customer yet. Wait for it, or check it on the identification page.',
};

export interface ProofOfAddressOption {
  submissionId: string;
  type: string;
  typeLabel: string;
  issuedOn: string;
}

export interface StartEligibility {
  eligible: boolean;
  refusals: StartRefusal[];
  /** The identification the customer cannot continue, which the new one replaces. */
  replaces: { id: string; status: IdentificationStatus; statusLabel: string; why: string } | null;
  defaultLanguage: IdentificationLanguage;
  proofOfAddress: { required: boolean; explanation: string; options: ProofOfAddressOption[] };
}

export interface EligibilityDeps {
  db: DatabaseExecutor;
  solaris?: SolarisClient | null;
  logger: Logger;
  /** Identdesk's clock: whether the link ran out, and the proof's six months, are judged on it. */
  now: Date;
}

/**
 * Whether an agent may start a new identification for the customer (issue #8, item 4): the
 * latest identification must be one the customer cannot continue (link older than 14 days,
 * expired, or canceled/aborted in a way the guidance says needs a new one), no other start may
 * be on its way, the customer must live in Germany, their nationality must be among the issuing
 * countries of the documents IDnow accepts, and a required proof of address must be at hand
 * (an approved one, younger than six months). Null when the person is not stored.
 */
export async function startEligibility(deps: EligibilityDeps, personId: string): Promise<StartEligibility | null> {
  const [person] = await deps.db
    .select({ addressCountry: persons.addressCountry, nationality: persons.nationality })
    .from(persons)
    .where(eq(persons.id, personId));
  if (!person) return null;

  const [latest] = await deps.db
    .select({
      id: identifications.id,
      status: identifications.status,
      language: identifications.language,
      urlExpiresAt: identifications.urlExpiresAt,
      latestFailureCode: identifications.latestFailureCode,
      failureReason: identifications.failureReason,
    })
    .from(identifications)
    .where(eq(identifications.personId, personId))
    .orderBy(desc(identifications.createdAt), desc(identifications.id))
    .limit(1);

  const refusals: StartRefusal[] = [];
  let replaces: StartEligibility['replaces'] = null;
  if (!latest) {
    refusals.push({
      code: 'no_identification',
      message: 'The customer has no identification yet: the partner’s app starts the first one.',
    });
  } else {
    const urlExpired = latest.urlExpiresAt !== null && latest.urlExpiresAt <= deps.now;
    const guidance = identificationGuidance({
      status: latest.status,
      urlExpired,
      latestFailureCode: latest.failureReason ?? latest.latestFailureCode,
    });
    if (guidance.newIdentificationNeeded) {
      replaces = {
        id: latest.id,
        status: latest.status,
        statusLabel: IDENTIFICATION_STATUS_MEANINGS[latest.status].label,
        why: guidance.summary,
      };
    } else if (latest.status === 'successful' || latest.status === 'pending_successful') {
      refusals.push({ code: 'already_identified', message: `The customer is already identified (${IDENTIFICATION_STATUS_MEANINGS[latest.status].label}).` });
    } else if (guidance.retrySameLink) {
      refusals.push({ code: 'can_continue', message: `The customer can continue: ${guidance.summary}` });
    } else {
      refusals.push({ code: 'not_restartable', message: guidance.summary });
    }
  }

  if (await findIdentificationStartInProgress(deps.db, personId)) refusals.push(START_IN_PROGRESS_REFUSAL);

  if (person.addressCountry !== 'DE') {
    refusals.push({
      code: 'not_resident_in_germany',
      message: `The customer’s address is in ${person.addressCountry ? countryName(person.addressCountry) : 'no country'}: video identification is for residents of Germany only.`,
    });
  }

  if (latest) {
    const supported = await supportedDocumentsFor({ solaris: deps.solaris, logger: deps.logger }, { personId, identificationId: latest.id });
    if (supported === null) {
      refusals.push({
        code: 'supported_documents_unknown',
        message: 'Solaris did not list the documents IDnow accepts just now, so the nationality cannot be checked. Try again in a minute.',
      });
    } else if (!person.nationality || !supported.some((entry) => entry.country === person.nationality)) {
      refusals.push({
        code: 'nationality_not_supported',
        message: `IDnow accepts no document issued by ${person.nationality ? countryName(person.nationality) : 'the customer’s (unknown) nationality'}: the customer cannot identify by video.`,
      });
    }
  }

  const proofOfAddress = await proofOfAddressFor(deps, personId);
  if (proofOfAddress.required && proofOfAddress.options.length === 0) {
    refusals.push({
      code: 'proof_of_address_missing',
      message: 'The new identification needs a proof of address: record one (approved by compliance, issued within the last six months) first.',
    });
  }

  const language = latest?.language === 'EN' || latest?.language === 'DE' ? latest.language : person.nationality === 'DE' ? 'DE' : 'EN';
  return { eligible: refusals.length === 0, refusals, replaces, defaultLanguage: language, proofOfAddress };
}

async function proofOfAddressFor(deps: EligibilityDeps, personId: string): Promise<StartEligibility['proofOfAddress']> {
  const loaded = await loadProofOfAddressFacts(deps.db, personId);
  const facts = loaded?.facts;
  const reasons: string[] = [];
  if (facts && !facts.nationalityHasDocumentWithAddress) reasons.push('no ID document of the customer’s nationality prints the address');
  if (facts?.addressUnverified) reasons.push('the address is a nearby address that could not be verified');
  if (facts?.identifiedWithDocumentWithAddress === false) reasons.push('the customer identified with a document that does not print the address');
  const today = berlinCalendarDate(deps.now);
  const submissions = await listProofOfAddressSubmissions(deps.db, personId);
  const options = submissions
    .filter((submission) => submission.status === 'approved' && checkProofOfAddressAge(submission.issuedOn, today).ok)
    .map((submission) => ({ submissionId: submission.id, type: submission.type, typeLabel: submission.typeLabel, issuedOn: submission.issuedOn }));
  const required = reasons.length > 0;
  return {
    required,
    explanation: required
      ? `A proof of address is required: ${reasons.join('; ')}.`
      : 'No proof of address is needed: the customer’s ID document prints the address.',
    options,
  };
}
