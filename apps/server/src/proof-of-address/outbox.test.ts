import { proofOfAddressSubmissions } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { addMonthsClamped, berlinCalendarDate } from '@identdesk/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncIdentification } from '../ingest/sync.ts';
import type { RunningServer } from '../server.ts';
import { createPasswordUser } from '../testing/auth.ts';
import { callerFor } from '../testing/callers.ts';
import { samplePdf } from '../testing/files.ts';
import { type FaultProxy, startTestServerBehindFaultProxy, waitFor } from '../testing/harness.ts';
import { CSRF_HEADERS, signIn } from '../testing/session.ts';
import { createIdentificationAtSolaris } from '../testing/solaris-fixtures.ts';
import type { SignedInUser } from '../trpc/init.ts';
import { solarisFileNameOf } from './outbox.ts';

// Identdesk reaches its sandbox through a proxy that answers chosen requests with Solaris errors.
let database: TestDatabase;
let server: RunningServer;
let proxy: FaultProxy;
let agent: SignedInUser;
let cookie: string;
let personId: string;
let identificationId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  // testConfig: 3 attempts, 20 ms first retry delay.
  ({ server, proxy } = await startTestServerBehindFaultProxy({ database }));
  agent = await createPasswordUser(database.db, { role: 'agent' });
  cookie = await signIn(server.localUrl, agent.email);
  const created = await createIdentificationAtSolaris(server.solaris);
  personId = created.personId;
  identificationId = created.identificationId;
  await syncIdentification({ db: database.db, solaris: server.solaris, now: server.now }, { personId, identificationId, source: 'webhook' });
});
afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await database?.close();
});
beforeEach(() => proxy.clear());

const isUpload = (method: string, path: string) => method === 'POST' && path.endsWith('/document_upload');

async function record(): Promise<string> {
  const body = new FormData();
  body.set('type', 'GAS_BILL');
  body.set('issuedOn', addMonthsClamped(berlinCalendarDate(new Date()), -2));
  body.set('file', new Blob([new Uint8Array(samplePdf())], { type: 'application/pdf' }), 'gas.pdf');
  const response = await fetch(`${server.localUrl}/api/persons/${personId}/proof-of-address`, {
    method: 'POST',
    headers: { cookie, ...CSRF_HEADERS },
    body,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { submission: { id: string } }).submission.id;
}

async function settled(submissionId: string) {
  return waitFor(
    async () => {
      const [row] = await database.db.select().from(proofOfAddressSubmissions).where(eq(proofOfAddressSubmissions.id, submissionId));
      return row;
    },
    (row) => row?.uploadStatus === 'uploaded' || row?.uploadStatus === 'failed',
    { what: 'the upload to settle' },
  );
}

describe('the proof-of-address upload outbox', () => {
  it('tries again after Solaris answers 500, and uploads the proof once', async () => {
    proxy.inject(isUpload, [500]);
    const submissionId = await record();
    const row = await settled(submissionId);
    expect(row).toMatchObject({ uploadStatus: 'uploaded', uploadAttempts: 2, uploadError: null });
    expect(proxy.log.filter((entry) => isUpload(entry.method, entry.path)).map((entry) => entry.status).slice(-2)).toEqual([500, 201]);
    const named = (await server.solaris.listDocuments(personId)).filter(
      (document) => document.name === solarisFileNameOf(submissionId, 'application/pdf'),
    );
    expect(named).toHaveLength(1);
  });

  it('gives up after the configured attempts on a lasting outage, keeping Solaris’ message for the agent', async () => {
    proxy.inject(isUpload, [503, 503, 503]);
    const submissionId = await record();
    const row = await settled(submissionId);
    expect(row).toMatchObject({ uploadStatus: 'failed', uploadAttempts: 3, uploadError: 'Solaris answered 503: try again' });

    const { caller } = callerFor(database.db, agent);
    const submission = (await caller.person.get({ id: personId })).proofOfAddress.submissions.find((entry) => entry.id === submissionId);
    expect(submission).toMatchObject({ uploadStatus: 'failed', uploadStatusLabel: 'Upload to Solaris failed', uploadError: 'Solaris answered 503: try again' });
  });

  it('does not retry what Solaris refuses as invalid', async () => {
    proxy.inject(isUpload, [400]);
    const submissionId = await record();
    const row = await settled(submissionId);
    expect(row).toMatchObject({ uploadStatus: 'failed', uploadAttempts: 1, uploadError: 'Solaris answered 400: id is invalid' });
  });
});
