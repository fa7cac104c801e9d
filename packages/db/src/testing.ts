import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import {
  MIGRATIONS_FOLDER,
  openDatabase,
  openEmbeddedDatabase,
  type DatabaseExecutor,
  type DatabaseHandle,
} from './client.ts';
import { upsertDocumentMetadata, type DocumentMetadataInput } from './queries/documents.ts';
import type { IdentificationSnapshot } from './queries/identifications.ts';
import type { IdnowAttemptInput } from './queries/identifications.ts';
import { upsertIdentificationSnapshot, upsertIdnowAttempts } from './queries/identifications.ts';
import { upsertPersonSnapshot, type PersonSnapshot } from './queries/persons.ts';
import { insertProofOfAddressSubmission } from './queries/proof-of-address.ts';
import { refreshProofOfAddressState } from './queries/proof-of-address-state.ts';
import { insertStoredFile } from './queries/stored-files.ts';
import { proofOfAddressSubmissions, type ProofOfAddressSubmissionRow } from './schema/proof-of-address-submissions.ts';
import { users, type NewUserRow, type UserRow } from './schema/users.ts';

export interface TestDatabase extends DatabaseHandle {
  /** The throwaway database's name on PostgreSQL; undefined on PGlite. */
  databaseName?: string;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or, when DATABASE_URL is set,
 * a throwaway `identdesk_test_<random>` database on that server, dropped again by `close()`.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  return serverUrl ? openThrowawayPostgres(serverUrl) : openPgliteFromTemplate();
}

/**
 * A new, empty database `<prefix>_<random>` on the PostgreSQL server of `serverUrl`: its URL, and
 * `drop()`, which removes it again even while connections to it are open.
 */
export async function createThrowawayPostgresDatabase(serverUrl: string, prefix: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

async function openThrowawayPostgres(serverUrl: string): Promise<TestDatabase> {
  const { name: databaseName, url, drop } = await createThrowawayPostgresDatabase(serverUrl, 'identdesk_test');

  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ url, poolMax: 4 });
  } catch (error) {
    await drop();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    ...handle,
    databaseName,
    close() {
      closing ??= handle.close().finally(drop);
      return closing;
    },
  };
}

/**
 * Initialising a PGlite cluster takes seconds; loading a dump of an already migrated one is
 * several times faster. The dump is cached in the temp directory, keyed by the migrations and
 * the PGlite version, so it is rebuilt whenever either changes.
 */
async function openPgliteFromTemplate(): Promise<TestDatabase> {
  const template = path.join(tmpdir(), `identdesk-db-template-${templateFingerprint()}.tar`);
  if (existsSync(template)) {
    return openEmbeddedDatabase({ memory: true, loadDataDirFrom: template });
  }
  const handle = await openEmbeddedDatabase({ memory: true });
  try {
    await handle.embedded.dump(template);
  } catch (error) {
    // Only an optimisation: the next test file tries again.
    console.warn('[@identdesk/db/testing] could not cache the migrated template:', error);
  }
  return handle;
}

function templateFingerprint(): string {
  const hash = createHash('sha256');
  const require = createRequire(import.meta.url);
  const pgliteEntry = require.resolve('@electric-sql/pglite');
  const pglitePackage = path.join(pgliteEntry.slice(0, pgliteEntry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'package.json');
  hash.update(JSON.parse(readFileSync(pglitePackage, 'utf8')).version as string);
  const files = readdirSync(MIGRATIONS_FOLDER, { recursive: true, encoding: 'utf8' }).sort();
  for (const file of files) {
    const full = path.join(MIGRATIONS_FOLDER, file);
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(full));
  }
  return hash.digest('hex').slice(0, 16);
}

function hexId(suffix: string): string {
  return `${randomBytes(16).toString('hex')}${suffix}`;
}

let sequence = 0;
const nextNumber = () => ++sequence;

/** A valid Solaris person snapshot (the seed's Jane Doe with unique id, name and phone). */
export function makePerson(overrides: Partial<PersonSnapshot> = {}): PersonSnapshot {
  const n = nextNumber();
  return {
    id: hexId('cper'),
    salutation: 'MS',
    title: null,
    firstName: 'Jane',
    lastName: `Doe${n}`,
    addressLine1: 'Amrumerstrasse',
    addressLine2: '14',
    addressPostalCode: '13353',
    addressCity: 'Berlin',
    addressCountry: 'DE',
    addressState: null,
    email: `jane.doe${n}@example.com`,
    mobileNumber: `+4930${String(1_000_000 + n)}`,
    birthDate: '1992-12-11',
    nationality: 'DE',
    maritalStatus: 'UNKNOWN',
    termsConditionsSignedAt: new Date('2022-01-01T00:00:00.000Z'),
    dataTermsSignedAt: new Date('2022-01-01T00:00:00.000Z'),
    amlFollowUpDate: '2029-01-22',
    amlConfirmedOn: '2022-07-22',
    flaggedByCompliance: false,
    screeningProgress: 'NOT_SCREENED',
    riskClassificationStatus: 'NOT_SCORED',
    customerVettingStatus: 'NOT_VETTED',
    internationalOperativityExpectation: [],
    ...overrides,
  };
}

/** A valid Solaris identification snapshot (status `created`, method idnow). */
export function makeIdentification(
  personId: string,
  overrides: Partial<IdentificationSnapshot> = {},
): IdentificationSnapshot {
  return {
    id: hexId('cidt'),
    personId,
    reference: null,
    url: null,
    status: 'created',
    completedAt: null,
    method: 'idnow',
    proofOfAddressType: null,
    proofOfAddressIssuedAt: null,
    language: 'DE',
    iban: null,
    termsAndConditionsSignedAt: null,
    authorizationExpiresAt: null,
    confirmationExpiresAt: null,
    ...overrides,
  };
}

/** A Solaris IDnow attempt whose payload carries `identificationtime`. */
export function makeIdnowAttempt(
  overrides: Partial<IdnowAttemptInput> & { identificationTime?: Date } = {},
): IdnowAttemptInput {
  const { identificationTime = new Date(), ...rest } = overrides;
  const result = rest.result ?? 'ABORTED';
  const reason = rest.reason === undefined ? (result === 'ABORTED' ? 'TECH_AUDIO' : null) : rest.reason;
  return {
    id: randomUUID(),
    result,
    reason,
    payload: {
      identificationprocess: {
        result,
        ...(reason ? { reason } : {}),
        agentname: 'TEST_AGENT',
        identificationtime: identificationTime.toISOString(),
        id: `TST-${randomBytes(3).toString('hex').toUpperCase()}`,
        type: 'APP',
        transactionnumber: randomUUID(),
        companyid: 'solarisbankvideoidentsandbox',
      },
    },
    ...rest,
  };
}

/** A valid user row (role agent, password login). */
export function makeUser(overrides: Partial<NewUserRow> = {}): NewUserRow {
  const n = nextNumber();
  return {
    email: `agent${n}.${randomBytes(3).toString('hex')}@identdesk.test`,
    displayName: `Agent ${n}`,
    role: 'agent',
    passwordHash: null,
    ...overrides,
  };
}

/** Inserts a person through {@link upsertPersonSnapshot}. */
export async function createPerson(
  db: DatabaseExecutor,
  overrides: Partial<PersonSnapshot> = {},
  observedAt: Date = new Date(),
): Promise<PersonSnapshot> {
  const person = makePerson(overrides);
  await upsertPersonSnapshot(db, { person, observedAt, source: 'test' });
  return person;
}

/** Inserts an identification through {@link upsertIdentificationSnapshot}. */
export async function createIdentification(
  db: DatabaseExecutor,
  personId: string,
  overrides: Partial<IdentificationSnapshot> = {},
  observedAt: Date = new Date(),
): Promise<IdentificationSnapshot> {
  const identification = makeIdentification(personId, overrides);
  await upsertIdentificationSnapshot(db, { identification, observedAt, source: 'test' });
  return identification;
}

export async function createUser(db: DatabaseExecutor, overrides: Partial<NewUserRow> = {}): Promise<UserRow> {
  const [user] = await db.insert(users).values(makeUser(overrides)).returning();
  if (!user) throw new Error('user insert returned nothing');
  return user;
}

/** Stores IDnow attempts of an identification through {@link upsertIdnowAttempts} (build them with {@link makeIdnowAttempt}). */
export async function createIdnowAttempts(
  db: DatabaseExecutor,
  identificationId: string,
  attempts: readonly IdnowAttemptInput[],
  observedAt: Date = new Date(),
): Promise<void> {
  await upsertIdnowAttempts(db, identificationId, attempts, observedAt);
}

/** Stores a Solaris document's metadata for an identification (id `<hex>cdoc` unless given). */
export async function createDocument(
  db: DatabaseExecutor,
  params: { personId: string; identificationId: string | null } & Partial<DocumentMetadataInput>,
): Promise<DocumentMetadataInput> {
  const document: DocumentMetadataInput = {
    id: params.id ?? hexId('cdoc'),
    documentType: params.documentType === undefined ? 'KYC_REPORT' : params.documentType,
    name: params.name === undefined ? 'kyc-report.pdf' : params.name,
    contentType: params.contentType === undefined ? 'application/pdf' : params.contentType,
    size: params.size === undefined ? 1234 : params.size,
  };
  await upsertDocumentMetadata(db, { personId: params.personId, identificationId: params.identificationId, documents: [document] });
  return document;
}

/**
 * A recorded proof of address with its file, as the upload route stores it (and the person's
 * proof-of-address state refreshed); review and upload fields can be set directly.
 */
export async function createProofOfAddressSubmission(
  db: DatabaseExecutor,
  params: {
    personId: string;
    identificationId: string;
    recordedBy: string;
    type?: string;
    issuedOn?: string;
    note?: string | null;
    fileName?: string;
    bytes?: Buffer;
    contentType?: string;
    recordedAt?: Date;
  } & Partial<Pick<ProofOfAddressSubmissionRow, 'status' | 'decidedBy' | 'decidedAt' | 'decisionReason' | 'uploadStatus' | 'uploadError'>>,
): Promise<ProofOfAddressSubmissionRow> {
  return db.transaction(async (tx) => {
    const bytes = params.bytes ?? Buffer.from('%PDF-1.4\n%test proof of address\n%%EOF\n');
    const contentType = params.contentType ?? 'application/pdf';
    const recordedAt = params.recordedAt ?? new Date();
    const file = await insertStoredFile(tx, { bytes, contentType });
    const { id } = await insertProofOfAddressSubmission(tx, {
      personId: params.personId,
      identificationId: params.identificationId,
      type: params.type ?? 'GAS_BILL',
      issuedOn: params.issuedOn ?? recordedAt.toISOString().slice(0, 10),
      note: params.note ?? null,
      recordedBy: params.recordedBy,
      recordedAt,
      file: { id: file.id, name: params.fileName ?? 'gas-bill.pdf', contentType, size: file.size, sha256: file.sha256 },
    });
    const review = {
      status: params.status,
      decidedBy: params.decidedBy,
      decidedAt: params.decidedAt,
      decisionReason: params.decisionReason,
      uploadStatus: params.uploadStatus,
      uploadError: params.uploadError,
    };
    const [row] = Object.values(review).some((value) => value !== undefined)
      ? await tx.update(proofOfAddressSubmissions).set(review).where(eq(proofOfAddressSubmissions.id, id)).returning()
      : await tx.select().from(proofOfAddressSubmissions).where(eq(proofOfAddressSubmissions.id, id));
    if (!row) throw new Error('proof-of-address submission vanished');
    await refreshProofOfAddressState(tx, params.personId);
    return row;
  });
}
