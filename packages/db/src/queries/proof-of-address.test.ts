import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../schema/documents.ts';
import { proofOfAddressSubmissions } from '../schema/proof-of-address-submissions.ts';
import {
  createIdentification,
  createPerson,
  createProofOfAddressSubmission,
  createUser,
  openTestDatabase,
  type TestDatabase,
} from '../testing.ts';
import {
  claimDueProofOfAddressUploads,
  findIdentificationForProofOfAddress,
  getProofOfAddressFile,
  markProofOfAddressUploaded,
  markProofOfAddressUploadFailed,
} from './proof-of-address.ts';

let handle: TestDatabase;
let agentId: string;
beforeAll(async () => {
  handle = await openTestDatabase();
  agentId = (await createUser(handle.db)).id;
});
afterAll(() => handle.close());

const MINUTE = 60_000;

async function recorded(recordedAt: Date) {
  const person = await createPerson(handle.db);
  const identification = await createIdentification(handle.db, person.id);
  const submission = await createProofOfAddressSubmission(handle.db, { personId: person.id, identificationId: identification.id, recordedBy: agentId, recordedAt });
  return { person, identification, submission };
}

async function row(id: string) {
  const [found] = await handle.db.select().from(proofOfAddressSubmissions).where(eq(proofOfAddressSubmissions.id, id));
  return found;
}

describe('proof-of-address outbox', () => {
  it('claims a recorded proof once, holds it for the lease, and hands it out again after the lease', async () => {
    const at = new Date('2031-01-01T10:00:00Z');
    const { submission } = await recorded(at);
    const first = await claimDueProofOfAddressUploads(handle.db, { now: at, limit: 10, leaseMs: 5 * MINUTE });
    expect(first.map((claim) => claim.submissionId)).toContain(submission.id);
    expect(first.find((claim) => claim.submissionId === submission.id)?.attempts).toBe(1);

    const held = await claimDueProofOfAddressUploads(handle.db, { now: new Date(at.getTime() + MINUTE), limit: 10, leaseMs: 5 * MINUTE });
    expect(held.map((claim) => claim.submissionId)).not.toContain(submission.id);

    const again = await claimDueProofOfAddressUploads(handle.db, { now: new Date(at.getTime() + 6 * MINUTE), limit: 10, leaseMs: 5 * MINUTE });
    expect(again.find((claim) => claim.submissionId === submission.id)?.attempts).toBe(2);
  });

  it('does not hand the same proof to two workers at once (SKIP LOCKED)', async () => {
    const at = new Date('2032-01-01T10:00:00Z');
    await recorded(at);
    await recorded(at);
    const [a, b] = await Promise.all([
      claimDueProofOfAddressUploads(handle.db, { now: at, limit: 1, leaseMs: MINUTE }),
      claimDueProofOfAddressUploads(handle.db, { now: at, limit: 1, leaseMs: MINUTE }),
    ]);
    const ids = [...a, ...b].map((claim) => claim.submissionId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps Solaris’ message of a failed try, due again later or failed for good', async () => {
    const { submission } = await recorded(new Date('2033-01-01T10:00:00Z'));
    const retryAt = new Date('2033-01-01T10:05:00Z');
    await markProofOfAddressUploadFailed(handle.db, { submissionId: submission.id, error: 'Solaris answered 503', retryAt });
    expect(await row(submission.id)).toMatchObject({ uploadStatus: 'pending', uploadError: 'Solaris answered 503', nextUploadAt: retryAt });
    await markProofOfAddressUploadFailed(handle.db, { submissionId: submission.id, error: 'file is invalid', retryAt: null });
    expect(await row(submission.id)).toMatchObject({ uploadStatus: 'failed', uploadError: 'file is invalid', nextUploadAt: null });
  });

  it('links the uploaded Solaris document and stores its metadata', async () => {
    const { person, identification, submission } = await recorded(new Date('2034-01-01T10:00:00Z'));
    const document = { id: `${'a'.repeat(32)}cdoc`, documentType: 'OTHER', name: 'proof.pdf', contentType: 'application/pdf', size: 40 };
    const now = new Date('2034-01-01T10:00:05Z');
    await markProofOfAddressUploaded(handle.db, { submissionId: submission.id, personId: person.id, identificationId: identification.id, document, now });
    expect(await row(submission.id)).toMatchObject({ uploadStatus: 'uploaded', documentId: document.id, uploadedAt: now, uploadError: null, nextUploadAt: null });
    const [stored] = await handle.db.select().from(documents).where(eq(documents.id, document.id));
    expect(stored).toMatchObject({ personId: person.id, identificationId: identification.id, documentType: 'OTHER' });
  });
});

describe('proof-of-address lookups', () => {
  it('reads a recorded proof’s bytes back', async () => {
    const { submission } = await recorded(new Date());
    const file = await getProofOfAddressFile(handle.db, submission.id);
    expect(file?.contentType).toBe('application/pdf');
    expect(file?.bytes.toString('latin1')).toMatch(/^%PDF-1\.4/);
    expect(await getProofOfAddressFile(handle.db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('attaches a proof to the latest identification unless one is named, and only to the person’s own', async () => {
    const person = await createPerson(handle.db);
    const older = await createIdentification(handle.db, person.id, {}, new Date('2030-01-01T00:00:00Z'));
    const newer = await createIdentification(handle.db, person.id, {}, new Date('2030-02-01T00:00:00Z'));
    expect((await findIdentificationForProofOfAddress(handle.db, { personId: person.id }))?.id).toBe(newer.id);
    expect((await findIdentificationForProofOfAddress(handle.db, { personId: person.id, identificationId: older.id }))?.id).toBe(older.id);
    const stranger = await createPerson(handle.db);
    expect(await findIdentificationForProofOfAddress(handle.db, { personId: stranger.id, identificationId: older.id })).toBeUndefined();
    expect(await findIdentificationForProofOfAddress(handle.db, { personId: stranger.id })).toBeUndefined();
  });
});
