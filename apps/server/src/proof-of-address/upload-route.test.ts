import { auditEvents, documents, persons, proofOfAddressSubmissions, storedFiles } from '@identdesk/db';
import { createPerson, openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import {
  addDays,
  addMonthsClamped,
  berlinCalendarDate,
  PROOF_OF_ADDRESS_MAX_FILE_BYTES,
  proofOfAddressExpiresOn,
} from '@identdesk/domain';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncIdentification } from '../ingest/sync.ts';
import type { RunningServer } from '../server.ts';
import { createPasswordUser } from '../testing/auth.ts';
import { sampleHtml, samplePdf, samplePng, sampleSvg, sampleZip } from '../testing/files.ts';
import { startTestServer, waitFor } from '../testing/harness.ts';
import { CSRF_HEADERS, signIn } from '../testing/session.ts';
import { createIdentificationAtSolaris } from '../testing/solaris-fixtures.ts';
import type { SignedInUser } from '../trpc/init.ts';
import { solarisFileNameOf } from './outbox.ts';

let database: TestDatabase;
let server: RunningServer;
let agent: SignedInUser;
let agentCookie: string;
let complianceCookie: string;
let personId: string;
let identificationId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database });
  agent = await createPasswordUser(database.db, { role: 'agent' });
  agentCookie = await signIn(server.localUrl, agent.email);
  complianceCookie = await signIn(server.localUrl, (await createPasswordUser(database.db, { role: 'compliance' })).email);
  const created = await createIdentificationAtSolaris(server.solaris);
  personId = created.personId;
  identificationId = created.identificationId;
  await syncIdentification({ db: database.db, solaris: server.solaris, now: server.now }, { personId, identificationId, source: 'webhook' });
});
afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const today = () => berlinCalendarDate(new Date());

interface FormInput {
  type?: string;
  issuedOn?: string;
  note?: string;
  identificationId?: string;
  file?: { bytes: Buffer; name: string; type?: string };
}

function form(input: FormInput): FormData {
  const body = new FormData();
  for (const field of ['type', 'issuedOn', 'note', 'identificationId'] as const) {
    const value = input[field];
    if (value !== undefined) body.set(field, value);
  }
  if (input.file) body.set('file', new Blob([new Uint8Array(input.file.bytes)], { type: input.file.type ?? 'application/pdf' }), input.file.name);
  return body;
}

const valid = (): FormInput => ({
  type: 'ELECTRICITY_BILL',
  issuedOn: addMonthsClamped(today(), -1),
  note: 'Sent by post, scanned at the branch',
  file: { bytes: samplePdf(), name: 'Stromrechnung März.pdf' },
});

async function post(input: FormInput, options: { person?: string; cookie?: string; csrf?: boolean } = {}) {
  const response = await fetch(`${server.localUrl}/api/persons/${options.person ?? personId}/proof-of-address`, {
    method: 'POST',
    headers: { cookie: options.cookie ?? agentCookie, ...(options.csrf === false ? {} : CSRF_HEADERS) },
    body: form(input),
  });
  return { status: response.status, body: (await response.json()) as UploadAnswer };
}

interface UploadAnswer {
  submission: { id: string } & Record<string, unknown>;
  error: { message: string; fieldErrors: { field: string; message: string }[] };
}

async function storedCounts() {
  return {
    submissions: await database.db.$count(proofOfAddressSubmissions),
    files: await database.db.$count(storedFiles),
    audit: await database.db.$count(auditEvents),
  };
}

async function submissionRow(id: string) {
  const [row] = await database.db.select().from(proofOfAddressSubmissions).where(eq(proofOfAddressSubmissions.id, id));
  return row;
}

describe('POST /api/persons/:personId/proof-of-address', () => {
  it('records a proof, audits it, puts the customer in review and uploads it to Solaris as a document', async () => {
    const { status, body } = await post(valid());
    expect(status).toBe(201);
    const submission = body.submission;
    expect(submission).toMatchObject({
      identificationId,
      type: 'ELECTRICITY_BILL',
      typeLabel: 'Electricity bill',
      issuedOn: addMonthsClamped(today(), -1),
      note: 'Sent by post, scanned at the branch',
      status: 'pending_review',
      recordedBy: { id: agent.id, name: agent.displayName },
      fileName: 'Stromrechnung März.pdf',
      contentType: 'application/pdf',
      size: samplePdf().length,
    });

    const [event] = await database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({
      action: 'proof_of_address.recorded',
      actorUserId: agent.id,
      personId,
      subjectType: 'proof_of_address',
      subjectId: submission.id,
    });
    const [person] = await database.db.select({ state: persons.proofOfAddressState }).from(persons).where(eq(persons.id, personId));
    expect(person?.state).toBe('in_review');

    const uploaded = await waitFor(
      () => submissionRow(submission.id),
      (row) => row?.uploadStatus === 'uploaded',
      { what: 'the proof uploaded to Solaris' },
    );
    const atSolaris = await server.solaris.listDocuments(personId);
    const document = atSolaris.find((candidate) => candidate.id === uploaded?.documentId);
    expect(document).toMatchObject({
      name: solarisFileNameOf(submission.id, 'application/pdf'),
      document_type: 'OTHER',
      content_type: 'application/pdf',
      size: samplePdf().length,
    });
    const file = await server.solaris.downloadDocumentFile(personId, document?.id ?? '');
    expect(Buffer.from(file.bytes).equals(samplePdf())).toBe(true);
    const [stored] = await database.db.select().from(documents).where(eq(documents.id, document?.id ?? ''));
    expect(stored).toMatchObject({ personId, identificationId, documentType: 'OTHER' });
  });

  it('goes by the bytes, not the name: a PNG called .pdf is stored as a PNG', async () => {
    const { status, body } = await post({ ...valid(), file: { bytes: samplePng(), name: 'rechnung.pdf', type: 'application/pdf' } });
    expect(status).toBe(201);
    expect(body.submission).toMatchObject({ contentType: 'image/png', fileName: 'rechnung.png' });
  });

  it('refuses a proof older than six months, saying when it expired', async () => {
    const issuedOn = addDays(addMonthsClamped(today(), -6), -1);
    const before = await storedCounts();
    const { status, body } = await post({ ...valid(), issuedOn });
    expect(status).toBe(400);
    expect(body.error.fieldErrors).toEqual([
      { field: 'issuedOn', message: `Proof of address must not be older than 6 months: it expired on ${proofOfAddressExpiresOn(issuedOn)}` },
    ]);
    expect(body.error.message).toMatch(/^The proof of address was not recorded: issuedOn: /);
    expect(await storedCounts()).toEqual(before);
  });

  it('refuses an issue date in the future and a type Solaris does not know, naming both fields', async () => {
    const { status, body } = await post({ ...valid(), type: 'LOVE_LETTER', issuedOn: addDays(today(), 1) });
    expect(status).toBe(400);
    const fields = body.error.fieldErrors.map((error) => error.field).sort();
    expect(fields).toEqual(['issuedOn', 'type']);
    expect(JSON.stringify(body)).toMatch(/BANK_ACCOUNT_STATEMENT/);
    expect(JSON.stringify(body)).toMatch(/in the future/);
  });

  it('refuses HTML disguised as a PDF, SVG and zip files, by their content', async () => {
    const before = await storedCounts();
    for (const file of [
      { bytes: sampleHtml(), name: 'gas-bill.pdf' },
      { bytes: sampleSvg(), name: 'gas-bill.svg', type: 'image/svg+xml' },
      { bytes: sampleZip(), name: 'gas-bill.zip', type: 'application/zip' },
    ]) {
      const { status, body } = await post({ ...valid(), file });
      expect(status, file.name).toBe(400);
      expect(body.error.fieldErrors, file.name).toEqual([{ field: 'file', message: expect.stringMatching(/must be a PDF, JPEG or PNG/) }]);
    }
    expect(await storedCounts()).toEqual(before);
  });

  it('refuses a file over 10 MB with 413, naming the file field', async () => {
    const before = await storedCounts();
    const tooLarge = Buffer.concat([samplePdf(), Buffer.alloc(PROOF_OF_ADDRESS_MAX_FILE_BYTES + 1 - samplePdf().length, 0x20)]);
    const { status, body } = await post({ ...valid(), file: { bytes: tooLarge, name: 'scan.pdf' } });
    expect(status).toBe(413);
    expect(body.error.fieldErrors).toEqual([{ field: 'file', message: 'The file is larger than 10 MB' }]);
    expect(await storedCounts()).toEqual(before);
  });

  it('asks for every missing field', async () => {
    const { status, body } = await post({ note: 'forgot everything' });
    expect(status).toBe(400);
    expect(body.error.fieldErrors.map((error) => error.field).sort()).toEqual(['file', 'issuedOn', 'type']);
  });

  it('answers a body cut short inside the file with 400 and stores nothing, and the server stays up', async () => {
    const before = await storedCounts();
    const boundary = 'identdesk-cut-short';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="type"',
      '',
      'ELECTRICITY_BILL',
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="bill.pdf"',
      'Content-Type: application/pdf',
      '',
      '%PDF-1.7 the upload broke off here',
    ].join('\r\n');
    const response = await fetch(`${server.localUrl}/api/persons/${personId}/proof-of-address`, {
      method: 'POST',
      headers: { cookie: agentCookie, ...CSRF_HEADERS, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(response.status).toBe(400);
    expect(await storedCounts()).toEqual(before);
    expect((await fetch(`${server.localUrl}/healthz`)).status).toBe(200);
  });

  it('refuses a note over 2000 characters', async () => {
    const { status, body } = await post({ ...valid(), note: 'x'.repeat(2001) });
    expect(status).toBe(400);
    expect(body.error.fieldErrors).toEqual([{ field: 'note', message: 'Keep the note to 2000 characters or fewer' }]);
  });

  it('answers 404 for an unknown customer, and explains that a customer without identification has nothing to attach to', async () => {
    const unknown = await post(valid(), { person: `${'0'.repeat(32)}cper` });
    expect(unknown.status).toBe(404);
    const lonely = await createPerson(database.db);
    const before = await storedCounts();
    const { status, body } = await post(valid(), { person: lonely.id });
    expect(status).toBe(400);
    expect(body.error.fieldErrors).toEqual([{ field: 'identificationId', message: expect.stringMatching(/no identification yet/) }]);
    expect(await storedCounts()).toEqual(before);
  });

  it('refuses a request without the CSRF header, and compliance, who decide on proofs rather than record them', async () => {
    const before = await storedCounts();
    const withoutHeader = await post(valid(), { csrf: false });
    expect(withoutHeader.status).toBe(403);
    expect(withoutHeader.body.error.message).toMatch(/x-identdesk-csrf/);
    expect((await post(valid(), { cookie: complianceCookie })).status).toBe(403);
    expect((await post(valid(), { cookie: '' })).status).toBe(401);
    expect(await storedCounts()).toEqual(before);
  });
});
