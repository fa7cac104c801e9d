import { auditEvents } from '@identdesk/db';
import {
  createIdentification,
  createIdnowAttempts,
  createPerson,
  makeIdnowAttempt,
  openTestDatabase,
  type TestDatabase,
} from '@identdesk/db/testing';
import { createSolarisClient } from '@identdesk/solaris';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncIdentification } from '../../ingest/sync.ts';
import type { RunningServer } from '../../server.ts';
import { createPasswordUser } from '../../testing/auth.ts';
import { callerFor } from '../../testing/callers.ts';
import { freePort, startTestServer } from '../../testing/harness.ts';
import { createIdentificationAtSolaris } from '../../testing/solaris-fixtures.ts';
import type { SignedInUser } from '../init.ts';

let database: TestDatabase;
let server: RunningServer;
let agent: SignedInUser;
let reviewer: SignedInUser;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database });
  agent = await createPasswordUser(database.db, { role: 'agent' });
  reviewer = await createPasswordUser(database.db, { role: 'compliance' });
});
afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const DAY = 86_400_000;

async function latestAudit() {
  const [event] = await database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  return event;
}

describe('identification.get', () => {
  it('shows a requested identification in plain words, with the link’s expiry and the documents IDnow accepts', async () => {
    const { personId, identificationId, identification } = await createIdentificationAtSolaris(server.solaris);
    await syncIdentification({ db: database.db, solaris: server.solaris, now: server.now }, { personId, identificationId, source: 'webhook' });

    const { caller } = callerFor(database.db, agent, { solaris: server.solaris, now: server.now });
    const view = await caller.identification.get({ id: identificationId });
    expect(view.identification).toMatchObject({
      id: identificationId,
      personId,
      status: 'pending',
      statusLabel: 'Pending',
      statusMeaning: expect.stringContaining('valid 14 days'),
      method: 'idnow',
      language: 'DE',
      urlExpired: false,
      hasReference: true,
    });
    const requestedAt = Date.parse(view.identification.requestedAt ?? '');
    expect(Date.parse(view.identification.urlExpiresAt ?? '')).toBe(requestedAt + 14 * DAY);
    expect(view.guidance).toMatchObject({ retrySameLink: true, canOfferServices: false, newIdentificationNeeded: false });
    expect(view.timeline.map((entry) => entry.toStatus)).toContain('pending');
    expect(view.supportedDocuments).toEqual(expect.arrayContaining([{ country: 'DE', types: ['ID_CARD', 'PASSPORT'] }]));
    expect(view.supportedDocuments?.find((entry) => entry.country === 'US')?.types).toEqual(['PASSPORT']);

    // The reference and URL never leave whole.
    const reference = identification.reference ?? '';
    expect(reference).not.toBe('');
    expect(view.identification.referenceMasked).toBe(`${'•'.repeat(reference.length - 2)}${reference.slice(-2)}`);
    expect(view.identification.urlMasked).toMatch(/^https?:\/\/[^/]+\/•+$/);
    expect(JSON.stringify(view)).not.toContain(reference);
    expect(JSON.stringify(view)).not.toContain(identification.url ?? 'no url');

    expect(await latestAudit()).toMatchObject({
      action: 'identification.viewed',
      actorUserId: agent.id,
      personId,
      subjectType: 'identification',
      subjectId: identificationId,
    });
  });

  it('decodes every IDnow attempt for agents and compliance, newest first, and masks the reference for both', async () => {
    const person = await createPerson(database.db);
    const identification = await createIdentification(database.db, person.id, {
      status: 'aborted',
      reference: 'TST-QWERTZ',
      url: 'https://go.test.idnow.de/solarisbankvideoidentsandbox/identifications/TST-QWERTZ',
    });
    await createIdnowAttempts(database.db, identification.id, [
      makeIdnowAttempt({ result: 'ABORTED', reason: 'TECH_LIGHTING', identificationTime: new Date('2030-06-01T10:00:00Z') }),
      makeIdnowAttempt({ result: 'ABORTED', reason: 'DATA_APPLICATION_ADDRESS', identificationTime: new Date('2030-06-02T10:00:00Z') }),
    ]);
    for (const user of [agent, reviewer]) {
      const view = await callerFor(database.db, user).caller.identification.get({ id: identification.id });
      expect(view.identification.referenceMasked).toBe('••••••••TZ');
      expect(JSON.stringify(view)).not.toContain('TST-QWERTZ');
      expect(view.attempts.map((attempt) => attempt.failure?.code)).toEqual(['DATA_APPLICATION_ADDRESS', 'TECH_LIGHTING']);
      expect(view.attempts[0]?.failure).toMatchObject({ category: 'DATA', permanent: true, causedByCustomer: 'yes' });
      expect(view.attempts[0]?.failure?.tellCustomer).toMatch(/address/);
      expect(view.guidance).toMatchObject({ retrySameLink: false, newIdentificationNeeded: true });
      // Without a Solaris client the page still answers, without the supported documents.
      expect(view.supportedDocuments).toBeNull();
    }
  });

  it('still answers when Solaris cannot list the supported documents', async () => {
    const port = await freePort();
    const unreachable = createSolarisClient({
      apiBaseUrl: `http://127.0.0.1:${port}/v1-nowhere`,
      clientId: 'identdesk-sandbox',
      clientSecret: 'sandbox-secret',
      maxRetries: 0,
      timeoutMs: 500,
    });
    const person = await createPerson(database.db);
    const identification = await createIdentification(database.db, person.id, { status: 'created' });
    const view = await callerFor(database.db, agent, { solaris: unreachable }).caller.identification.get({ id: identification.id });
    expect(view.supportedDocuments).toBeNull();
    expect(view.identification.status).toBe('created');
    expect(view.guidance.summary).toMatch(/no link/);
  });

  it('answers NOT_FOUND for an unknown identification and records no view', async () => {
    const before = await database.db.$count(auditEvents);
    await expect(callerFor(database.db, agent).caller.identification.get({ id: `${'0'.repeat(32)}cidt` })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await database.db.$count(auditEvents)).toBe(before);
  });

  it('refuses team leads, admins and anyone signed out', async () => {
    const person = await createPerson(database.db);
    const identification = await createIdentification(database.db, person.id);
    for (const role of ['team_lead', 'admin'] as const) {
      const user = await createPasswordUser(database.db, { role });
      await expect(callerFor(database.db, user).caller.identification.get({ id: identification.id })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    await expect(callerFor(database.db, null).caller.identification.get({ id: identification.id })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});
