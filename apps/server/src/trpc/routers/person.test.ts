import { auditEvents, upsertPersonSnapshot } from '@identdesk/db';
import {
  createDocument,
  createIdentification,
  createIdnowAttempts,
  createPerson,
  createProofOfAddressSubmission,
  makeIdnowAttempt,
  openTestDatabase,
  type TestDatabase,
} from '@identdesk/db/testing';
import { TRPCError } from '@trpc/server';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordUser } from '../../testing/auth.ts';
import { callerFor } from '../../testing/callers.ts';
import type { SignedInUser } from '../init.ts';

let handle: TestDatabase;
let agent: SignedInUser;
let reviewer: SignedInUser;
let personId: string;
let identificationId: string;
let documentId: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  agent = await createPasswordUser(handle.db, { role: 'agent', displayName: 'Alex Agent' });
  reviewer = await createPasswordUser(handle.db, { role: 'compliance' });
  const person = await createPerson(
    handle.db,
    { firstName: 'Jürgen', lastName: 'Groß', vatNumber: 'DE123456789', nationality: 'DE', birthCity: 'Berlin' },
    new Date('2030-05-01T09:00:00Z'),
  );
  personId = person.id;
  const identification = await createIdentification(handle.db, person.id, { status: 'successful' }, new Date('2030-05-01T09:10:00Z'));
  identificationId = identification.id;
  await createIdnowAttempts(handle.db, identification.id, [
    {
      ...makeIdnowAttempt({ result: 'SUCCESS_DATA_CHANGED', reason: null }),
      payload: {
        identificationprocess: { result: 'SUCCESS_DATA_CHANGED', identificationtime: '2030-05-02T10:00:00.000Z' },
        userdata: { birthplace: { status: 'CHANGE', value: 'Hamburg', original: 'Berlin' } },
        identificationdocument: { type: { status: 'NEW', value: 'PASSPORT' }, country: { status: 'NEW', value: 'DE' } },
      },
    },
  ]);
  await upsertPersonSnapshot(handle.db, {
    person: { ...person, birthCity: 'Hamburg', vatNumber: 'DE987654321' },
    observedAt: new Date('2030-05-02T10:05:00Z'),
    source: 'webhook',
  });
  documentId = (await createDocument(handle.db, { personId, identificationId, documentType: 'KYC_REPORT', name: 'kyc-report.pdf' })).id;
  await createProofOfAddressSubmission(handle.db, { personId, identificationId, recordedBy: agent.id, type: 'GAS_BILL', fileName: 'gas.pdf' });
});
afterAll(() => handle.close());

async function latestAudit() {
  const [event] = await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  return event;
}

describe('person.get', () => {
  it('shows an agent the customer with identifications, documents, proof of address and history, VAT number masked', async () => {
    const { caller } = callerFor(handle.db, agent);
    const detail = await caller.person.get({ id: personId });
    expect(detail.person).toMatchObject({
      id: personId,
      firstName: 'Jürgen',
      lastName: 'Groß',
      birthCity: 'Hamburg',
      address: { line1: 'Amrumerstrasse', city: 'Berlin', country: 'DE' },
      vatNumber: '•••••••••21',
      version: 2,
    });
    expect(detail.identifications).toEqual([expect.objectContaining({ id: identificationId, status: 'successful', attemptCount: 1 })]);
    expect(detail.documents).toEqual([expect.objectContaining({ id: documentId, typeLabel: 'KYC report', name: 'kyc-report.pdf' })]);
    expect(detail.proofOfAddress).toMatchObject({
      state: 'in_review',
      documentsWithAddress: [
        { code: 'DEU-BO-01003', kind: 'ID' },
        { code: 'DEU-BO-02001', kind: 'ID' },
      ],
      submissions: [expect.objectContaining({ type: 'GAS_BILL', status: 'pending_review', recordedBy: { id: agent.id, name: 'Alex Agent' } })],
    });
    expect(detail.proofOfAddress.explanation).toMatch(/compliance decision/);

    const [latest] = detail.history;
    expect(latest).toMatchObject({ version: 2, source: 'idnow_agent', observedVia: 'webhook' });
    expect(latest?.changes).toEqual([
      { field: 'birthCity', label: 'Place of birth', from: 'Berlin', to: 'Hamburg', byIdnowAgent: true },
      // A masked field stays masked in its history too.
      { field: 'vatNumber', label: 'VAT number', from: '•••••••••89', to: '•••••••••21', byIdnowAgent: false },
    ]);
    expect(JSON.stringify(detail)).not.toContain('DE987654321');
  });

  it('shows compliance the VAT number and its history unmasked', async () => {
    const { caller } = callerFor(handle.db, reviewer);
    const detail = await caller.person.get({ id: personId });
    expect(detail.person.vatNumber).toBe('DE987654321');
    expect(detail.history[0]?.changes.find((change) => change.field === 'vatNumber')).toMatchObject({ from: 'DE123456789', to: 'DE987654321' });
  });

  it('records the view in the audit trail: who, which customer, from where', async () => {
    const { caller } = callerFor(handle.db, agent, { ip: '203.0.113.7' });
    await caller.person.get({ id: personId });
    expect(await latestAudit()).toMatchObject({
      action: 'person.viewed',
      actorUserId: agent.id,
      actorRole: 'agent',
      personId,
      subjectType: 'person',
      subjectId: personId,
      ip: '203.0.113.7',
    });
  });

  it('answers NOT_FOUND for an unknown customer and records no view', async () => {
    const before = await handle.db.$count(auditEvents);
    const { caller } = callerFor(handle.db, agent);
    await expect(caller.person.get({ id: `${'0'.repeat(32)}cper` })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await handle.db.$count(auditEvents)).toBe(before);
  });

  it('refuses a malformed id, naming the field and the rule', async () => {
    const { caller } = callerFor(handle.db, agent);
    const error = await caller.person.get({ id: 'Jürgen Groß' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(String((error as TRPCError).message)).toMatch(/person id/);
  });

  it('refuses team leads and admins, and anyone signed out, without recording a view', async () => {
    const before = await handle.db.$count(auditEvents);
    for (const role of ['team_lead', 'admin'] as const) {
      const user = await createPasswordUser(handle.db, { role });
      await expect(callerFor(handle.db, user).caller.person.get({ id: personId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(callerFor(handle.db, null).caller.person.get({ id: personId })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await handle.db.$count(auditEvents)).toBe(before);
  });
});
