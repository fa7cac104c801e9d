import { auditEvents } from '@identdesk/db';
import { createProofOfAddressSubmission, openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { ROLES, type Role } from '@identdesk/domain';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncIdentification } from '../ingest/sync.ts';
import type { RunningServer } from '../server.ts';
import { createPasswordUser } from '../testing/auth.ts';
import { samplePdf, samplePng, sampleHtml } from '../testing/files.ts';
import { startTestServer } from '../testing/harness.ts';
import { signIn } from '../testing/session.ts';
import { createIdentificationAtSolaris } from '../testing/solaris-fixtures.ts';
import type { SignedInUser } from '../trpc/init.ts';

let database: TestDatabase;
let server: RunningServer;
const users = {} as Record<Role, SignedInUser>;
const cookies = {} as Record<Role, string>;
let personId: string;
const documentIds = { pdf: '', disguisedHtml: '' };
let proofId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database });
  for (const role of ROLES) {
    users[role] = await createPasswordUser(database.db, { role });
    cookies[role] = await signIn(server.localUrl, users[role].email);
  }
  const created = await createIdentificationAtSolaris(server.solaris);
  personId = created.personId;
  const pdf = await server.solaris.uploadIdentificationDocument(personId, created.identificationId, {
    documentType: 'KYC_REPORT',
    file: samplePdf('KYC report'),
    fileName: 'KYC-Bericht Groß.pdf',
    contentType: 'application/pdf',
  });
  // What Solaris calls a PDF, and names like one, but is a web page: it must never run in Identdesk's origin.
  const html = await server.solaris.uploadIdentificationDocument(personId, created.identificationId, {
    documentType: 'OTHER',
    file: sampleHtml(),
    fileName: 'statement.pdf',
    contentType: 'application/pdf',
  });
  documentIds.pdf = pdf.id;
  documentIds.disguisedHtml = html.id;
  await syncIdentification(
    { db: database.db, solaris: server.solaris, now: server.now },
    { personId, identificationId: created.identificationId, source: 'webhook' },
  );
  const proof = await createProofOfAddressSubmission(database.db, {
    personId,
    identificationId: created.identificationId,
    recordedBy: users.agent.id,
    bytes: samplePng(),
    contentType: 'image/png',
    fileName: 'Meldebescheinigung.png',
  });
  proofId = proof.id;
});
afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const get = (path: string, role?: Role) => fetch(`${server.localUrl}${path}`, { headers: role ? { cookie: cookies[role] } : {} });

async function latestAudit() {
  const [event] = await database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  return event;
}

function expectSafeHeaders(response: Response) {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  expect(response.headers.get('cache-control')).toBe('private, no-store');
}

describe('GET /api/documents/:documentId/file', () => {
  it('opens a KYC document from Solaris inline for an agent, with safe headers, and records the opening', async () => {
    const response = await get(`/api/documents/${documentIds.pdf}/file?disposition=inline`, 'agent');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="KYC-Bericht Gro_.pdf"; filename*=UTF-8''KYC-Bericht%20Gro%C3%9F.pdf`);
    expectSafeHeaders(response);
    expect(Buffer.from(await response.arrayBuffer()).equals(samplePdf('KYC report'))).toBe(true);
    expect(await latestAudit()).toMatchObject({
      action: 'document.opened',
      actorUserId: users.agent.id,
      personId,
      subjectType: 'document',
      subjectId: documentIds.pdf,
      details: { disposition: 'inline' },
    });
  });

  it('downloads as an attachment by default, recorded as a download', async () => {
    const response = await get(`/api/documents/${documentIds.pdf}/file`, 'compliance');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; /);
    await response.arrayBuffer();
    expect(await latestAudit()).toMatchObject({ action: 'document.downloaded', actorUserId: users.compliance.id, subjectId: documentIds.pdf });
  });

  it('never serves HTML as what it claims to be: an octet-stream attachment, even when inline is asked for', async () => {
    const response = await get(`/api/documents/${documentIds.disguisedHtml}/file?disposition=inline`, 'agent');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="statement.pdf"/);
    expectSafeHeaders(response);
    await response.arrayBuffer();
  });

  it('answers 404 for an unknown document and 400 for an unknown disposition, recording nothing', async () => {
    const before = await database.db.$count(auditEvents);
    const unknown = await get(`/api/documents/${'0'.repeat(32)}cdoc/file`, 'agent');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No document has this id.' } });
    const odd = await get(`/api/documents/${documentIds.pdf}/file?disposition=render`, 'agent');
    expect(odd.status).toBe(400);
    expect((await odd.json()) as unknown).toMatchObject({ error: { message: 'disposition must be inline or attachment' } });
    expect(await database.db.$count(auditEvents)).toBe(before);
  });

  it('refuses team leads and admins (403) and anyone signed out (401)', async () => {
    expect((await get(`/api/documents/${documentIds.pdf}/file`)).status).toBe(401);
    expect((await get(`/api/documents/${documentIds.pdf}/file`, 'team_lead')).status).toBe(403);
    expect((await get(`/api/documents/${documentIds.pdf}/file`, 'admin')).status).toBe(403);
  });
});

describe('GET /api/proof-of-address/:submissionId/file', () => {
  it('opens a recorded proof from Identdesk’s own store inline, recorded as an opening', async () => {
    const response = await get(`/api/proof-of-address/${proofId}/file?disposition=inline`, 'compliance');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="Meldebescheinigung.png"; filename*=UTF-8''Meldebescheinigung.png`);
    expectSafeHeaders(response);
    expect(Buffer.from(await response.arrayBuffer()).equals(samplePng())).toBe(true);
    expect(await latestAudit()).toMatchObject({
      action: 'document.opened',
      actorUserId: users.compliance.id,
      personId,
      subjectType: 'proof_of_address',
      subjectId: proofId,
    });
  });

  it('answers 404 for an unknown or malformed id and refuses roles without access', async () => {
    expect((await get('/api/proof-of-address/00000000-0000-4000-8000-000000000000/file', 'agent')).status).toBe(404);
    expect((await get('/api/proof-of-address/not-a-uuid/file', 'agent')).status).toBe(404);
    expect((await get(`/api/proof-of-address/${proofId}/file`)).status).toBe(401);
    expect((await get(`/api/proof-of-address/${proofId}/file`, 'team_lead')).status).toBe(403);
    expect((await get(`/api/proof-of-address/${proofId}/file`, 'agent')).status).toBe(200);
  });
});
