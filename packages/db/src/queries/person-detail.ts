import {
  DOCUMENT_TYPE_DETAILS,
  IDNOW_AGENT_CHANGE_SOURCE,
  idDocumentsWithAddressOf,
  idnowDataChangesOf,
  PROOF_OF_ADDRESS_STATE_LABELS,
  personChangeSourceLabel,
  personFieldLabel,
  proofOfAddressExplanation,
  type IdDocumentKind,
  type IdentificationStatus,
  type IdnowDataChange,
  type ProofOfAddressState,
} from '@identdesk/domain';
import { count, desc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { documents } from '../schema/documents.ts';
import { identifications } from '../schema/identifications.ts';
import { idnowAttempts } from '../schema/idnow-attempts.ts';
import { personVersions } from '../schema/person-versions.ts';
import { persons, type PersonRow } from '../schema/persons.ts';
import { PERSON_SOLARIS_FIELDS } from './persons.ts';
import { listProofOfAddressSubmissions, type ProofOfAddressSubmission } from './proof-of-address.ts';
import { loadProofOfAddressFacts } from './proof-of-address-state.ts';

export interface PostalAddress {
  line1: string | null;
  line2: string | null;
  postalCode: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
}

/** Every Solaris field of the person (nested objects as objects), plus Identdesk's own bookkeeping. */
export interface PersonDetailPerson {
  id: string;
  salutation: string | null;
  title: string | null;
  firstName: string | null;
  lastName: string | null;
  birthName: string | null;
  birthDate: string | null;
  birthCity: string | null;
  birthCountry: string | null;
  birthProvince: string | null;
  birthPostCode: string | null;
  nationality: string | null;
  email: string | null;
  mobileNumber: string | null;
  address: PostalAddress;
  /** Null when Solaris has no contact address (every part empty). */
  contactAddress: PostalAddress | null;
  termsConditionsSignedAt: string | null;
  dataTermsSignedAt: string | null;
  ownEconomicInterestSignedAt: string | null;
  fatcaCrsConfirmedAt: string | null;
  branch: string | null;
  screeningProgress: string | null;
  riskClassificationStatus: string | null;
  customerVettingStatus: string | null;
  flaggedByCompliance: boolean | null;
  amlFollowUpDate: string | null;
  amlConfirmedOn: string | null;
  selfDeclaredAsPep: boolean | null;
  legitimationValidUntil: string | null;
  employmentStatus: string | null;
  jobTitle: string | null;
  taxAssessment: string | null;
  maritalStatus: string | null;
  fatcaRelevant: boolean | null;
  annualIncomeRange: string | null;
  socioprofessionalCategory: string | null;
  purposeOfAccountOpening: string | null;
  mainIncomeSource: string | null;
  workCountry: string | null;
  workProvince: string | null;
  expectedMonthlyRevenueCents: number | null;
  businessPurpose: string | null;
  industry: string | null;
  industryKey: string | null;
  naceCode: string | null;
  vatNumber: string | null;
  registrationNumber: string | null;
  businessTradingName: string | null;
  websiteSocialMedia: string | null;
  businessAddress: PostalAddress | null;
  internationalOperativityExpectation: string[];
  version: number;
  firstSeenAt: string;
  lastSyncedAt: string;
}

export interface PersonIdentificationSummary {
  id: string;
  status: IdentificationStatus;
  createdAt: string;
  requestedAt: string | null;
  completedAt: string | null;
  language: string | null;
  latestAttemptResult: string | null;
  latestFailureCode: string | null;
  attemptCount: number;
}

export interface DocumentSummary {
  id: string;
  identificationId: string | null;
  documentType: string | null;
  typeLabel: string;
  name: string | null;
  contentType: string | null;
  size: number | null;
  createdAt: string;
}

export interface PersonFieldChange {
  field: string;
  label: string;
  from: unknown;
  to: unknown;
  /** The IDnow agent corrected this value during a video call (an attempt's user data with status CHANGE). */
  byIdnowAgent: boolean;
}

export interface PersonHistoryEntry {
  version: number;
  observedAt: string;
  /** `idnow_agent` when the IDnow agent's corrections made this version, else how it was observed. */
  source: string;
  sourceLabel: string;
  /** How Identdesk learned of the version (webhook, reconciliation, ...). */
  observedVia: string;
  /** The IDnow attempt whose corrections this version carries, when it does. */
  idnowAttemptId: string | null;
  /** Field by field; empty for the first observation. */
  changes: PersonFieldChange[];
}

export interface PersonProofOfAddress {
  state: ProofOfAddressState;
  stateLabel: string;
  explanation: string;
  /** The seed's documents that print the address, for the customer's nationality. */
  documentsWithAddress: { code: string; kind: IdDocumentKind }[];
  submissions: ProofOfAddressSubmission[];
}

export interface PersonDetail {
  person: PersonDetailPerson;
  proofOfAddress: PersonProofOfAddress;
  identifications: PersonIdentificationSummary[];
  documents: DocumentSummary[];
  history: PersonHistoryEntry[];
}

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;

function addressOrNull(address: PostalAddress): PostalAddress | null {
  return Object.values(address).every((part) => part === null || part === '') ? null : address;
}

function personOf(row: PersonRow): PersonDetailPerson {
  return {
    id: row.id,
    salutation: row.salutation,
    title: row.title,
    firstName: row.firstName,
    lastName: row.lastName,
    birthName: row.birthName,
    birthDate: row.birthDate,
    birthCity: row.birthCity,
    birthCountry: row.birthCountry,
    birthProvince: row.birthProvince,
    birthPostCode: row.birthPostCode,
    nationality: row.nationality,
    email: row.email,
    mobileNumber: row.mobileNumber,
    address: {
      line1: row.addressLine1,
      line2: row.addressLine2,
      postalCode: row.addressPostalCode,
      city: row.addressCity,
      state: row.addressState,
      country: row.addressCountry,
    },
    contactAddress: addressOrNull({
      line1: row.contactAddressLine1,
      line2: row.contactAddressLine2,
      postalCode: row.contactAddressPostalCode,
      city: row.contactAddressCity,
      state: row.contactAddressState,
      country: row.contactAddressCountry,
    }),
    termsConditionsSignedAt: iso(row.termsConditionsSignedAt),
    dataTermsSignedAt: iso(row.dataTermsSignedAt),
    ownEconomicInterestSignedAt: iso(row.ownEconomicInterestSignedAt),
    fatcaCrsConfirmedAt: iso(row.fatcaCrsConfirmedAt),
    branch: row.branch,
    screeningProgress: row.screeningProgress,
    riskClassificationStatus: row.riskClassificationStatus,
    customerVettingStatus: row.customerVettingStatus,
    flaggedByCompliance: row.flaggedByCompliance,
    amlFollowUpDate: row.amlFollowUpDate,
    amlConfirmedOn: row.amlConfirmedOn,
    selfDeclaredAsPep: row.selfDeclaredAsPep,
    legitimationValidUntil: row.legitimationValidUntil,
    employmentStatus: row.employmentStatus,
    jobTitle: row.jobTitle,
    taxAssessment: row.taxAssessment,
    maritalStatus: row.maritalStatus,
    fatcaRelevant: row.fatcaRelevant,
    annualIncomeRange: row.annualIncomeRange,
    socioprofessionalCategory: row.socioprofessionalCategory,
    purposeOfAccountOpening: row.purposeOfAccountOpening,
    mainIncomeSource: row.mainIncomeSource,
    workCountry: row.workCountry,
    workProvince: row.workProvince,
    expectedMonthlyRevenueCents: row.expectedMonthlyRevenueCents,
    businessPurpose: row.businessPurpose,
    industry: row.industry,
    industryKey: row.industryKey,
    naceCode: row.naceCode,
    vatNumber: row.vatNumber,
    registrationNumber: row.registrationNumber,
    businessTradingName: row.businessTradingName,
    websiteSocialMedia: row.websiteSocialMedia,
    businessAddress: addressOrNull({
      line1: row.businessAddressLine1,
      line2: row.businessAddressLine2,
      postalCode: row.businessPostalCode,
      city: row.businessCity,
      state: row.businessState,
      country: row.businessCountry,
    }),
    internationalOperativityExpectation: row.internationalOperativityExpectation,
    version: row.version,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSyncedAt: row.lastSyncedAt.toISOString(),
  };
}

/** The label of a Solaris document type; an unknown type shows as itself. */
export function documentTypeLabel(documentType: string | null): string {
  if (!documentType) return 'Document';
  return (DOCUMENT_TYPE_DETAILS as Record<string, { label: string } | undefined>)[documentType]?.label ?? documentType;
}

const documentSummaryColumns = {
  id: documents.id,
  identificationId: documents.identificationId,
  documentType: documents.documentType,
  name: documents.name,
  contentType: documents.contentType,
  size: documents.size,
  createdAt: documents.createdAt,
};

type DocumentSummaryRow = Omit<DocumentSummary, 'typeLabel' | 'createdAt'> & { createdAt: Date };

export function documentSummaryOf(row: DocumentSummaryRow): DocumentSummary {
  return { ...row, typeLabel: documentTypeLabel(row.documentType), createdAt: row.createdAt.toISOString() };
}

/** Document metadata by person or identification, newest first. */
export async function listDocumentSummaries(
  db: DatabaseExecutor,
  where: { personId: string } | { identificationId: string },
): Promise<DocumentSummary[]> {
  const rows = await db
    .select(documentSummaryColumns)
    .from(documents)
    .where('personId' in where ? eq(documents.personId, where.personId) : eq(documents.identificationId, where.identificationId))
    .orderBy(desc(documents.createdAt), desc(documents.id));
  return rows.map(documentSummaryOf);
}

/** A Solaris document's metadata with its person, for the file route; undefined when unknown. */
export async function getDocumentForDownload(db: DatabaseExecutor, documentId: string) {
  const [row] = await db
    .select({ ...documentSummaryColumns, personId: documents.personId })
    .from(documents)
    .where(eq(documents.id, documentId))
    .limit(1);
  return row;
}

interface AgentCorrections {
  attemptId: string;
  attemptedAt: Date | null;
  changes: IdnowDataChange[];
}

function sameValue(stored: unknown, corrected: string | null): boolean {
  if (stored === null || stored === undefined) return corrected === null;
  return typeof stored === 'string' ? stored === corrected : JSON.stringify(stored) === corrected;
}

/**
 * The person's versions as field-level changes, newest first. A version whose changes are the
 * values an IDnow agent set during a call (user data with status CHANGE, same field, same value,
 * attempt not after the observation) shows that as its source.
 */
async function personHistory(db: DatabaseExecutor, personId: string): Promise<PersonHistoryEntry[]> {
  const versions = await db
    .select({
      version: personVersions.version,
      observedAt: personVersions.observedAt,
      source: personVersions.source,
      changes: personVersions.changes,
    })
    .from(personVersions)
    .where(eq(personVersions.personId, personId))
    .orderBy(desc(personVersions.version));

  const attempts = await db
    .select({ id: idnowAttempts.id, attemptedAt: idnowAttempts.attemptedAt, payload: idnowAttempts.payload })
    .from(idnowAttempts)
    .innerJoin(identifications, eq(identifications.id, idnowAttempts.identificationId))
    .where(eq(identifications.personId, personId));
  const corrections: AgentCorrections[] = attempts
    .map((attempt) => ({ attemptId: attempt.id, attemptedAt: attempt.attemptedAt, changes: idnowDataChangesOf(attempt.payload) }))
    .filter((attempt) => attempt.changes.length > 0);

  const fieldOrder = new Map<string, number>(PERSON_SOLARIS_FIELDS.map((field, index) => [field, index]));
  return versions.map((version) => {
    let idnowAttemptId: string | null = null;
    const changes = Object.entries(version.changes)
      .sort(([a], [b]) => (fieldOrder.get(a) ?? Infinity) - (fieldOrder.get(b) ?? Infinity))
      .map(([field, change]) => {
        const correction = corrections.find(
          (attempt) =>
            (attempt.attemptedAt === null || attempt.attemptedAt <= version.observedAt) &&
            attempt.changes.some((candidate) => candidate.personField === field && sameValue(change.to, candidate.to)),
        );
        if (correction) idnowAttemptId ??= correction.attemptId;
        return { field, label: personFieldLabel(field), from: change.from, to: change.to, byIdnowAgent: correction !== undefined };
      });
    const source = idnowAttemptId ? IDNOW_AGENT_CHANGE_SOURCE : version.source;
    return {
      version: version.version,
      observedAt: version.observedAt.toISOString(),
      source,
      sourceLabel: personChangeSourceLabel(source),
      observedVia: version.source,
      idnowAttemptId,
      changes,
    };
  });
}

/**
 * Everything the person page shows, or undefined for an unknown id. Values are unmasked: the
 * caller masks them for the viewer's role.
 */
export async function getPersonDetail(db: DatabaseExecutor, personId: string): Promise<PersonDetail | undefined> {
  const [row] = await db.select(getTableColumns(persons)).from(persons).where(eq(persons.id, personId)).limit(1);
  if (!row) return undefined;

  const identificationRows = await db
    .select({
      id: identifications.id,
      status: identifications.status,
      createdAt: identifications.createdAt,
      requestedAt: identifications.requestedAt,
      completedAt: identifications.completedAt,
      language: identifications.language,
      latestAttemptResult: identifications.latestAttemptResult,
      latestFailureCode: identifications.latestFailureCode,
    })
    .from(identifications)
    .where(eq(identifications.personId, personId))
    .orderBy(desc(identifications.createdAt), desc(identifications.id));
  const attemptCounts = new Map(
    identificationRows.length === 0
      ? []
      : (
          await db
            .select({ identificationId: idnowAttempts.identificationId, attempts: count() })
            .from(idnowAttempts)
            .where(
              inArray(
                idnowAttempts.identificationId,
                identificationRows.map((identification) => identification.id),
              ),
            )
            .groupBy(idnowAttempts.identificationId)
        ).map((entry) => [entry.identificationId, Number(entry.attempts)]),
  );

  const submissions = await listProofOfAddressSubmissions(db, personId);
  const facts = await loadProofOfAddressFacts(db, personId);
  const documentsWithAddress = idDocumentsWithAddressOf(row.nationality).map((document) => ({ code: document.code, kind: document.kind }));
  const latestSubmission = submissions[0];

  return {
    person: personOf(row),
    proofOfAddress: {
      state: row.proofOfAddressState,
      stateLabel: PROOF_OF_ADDRESS_STATE_LABELS[row.proofOfAddressState],
      explanation: proofOfAddressExplanation({
        state: row.proofOfAddressState,
        nationality: row.nationality,
        documentsWithAddress,
        addressUnverified: row.proofOfAddressRequired,
        identifiedWith: facts?.identifiedWith ?? null,
        identificationProof: facts?.identificationProof ?? null,
        latestSubmission: latestSubmission ? { status: latestSubmission.status, decisionReason: latestSubmission.decisionReason } : null,
      }),
      documentsWithAddress,
      submissions: submissions.map(({ personId: _personId, ...submission }) => submission),
    },
    identifications: identificationRows.map((identification) => ({
      ...identification,
      createdAt: identification.createdAt.toISOString(),
      requestedAt: iso(identification.requestedAt),
      completedAt: iso(identification.completedAt),
      attemptCount: attemptCounts.get(identification.id) ?? 0,
    })),
    documents: await listDocumentSummaries(db, { personId }),
    history: await personHistory(db, personId),
  };
}
