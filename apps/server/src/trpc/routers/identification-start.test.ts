import { auditEvents, identificationStarts, insertIdentificationStart, markIdentificationStartFailed } from '@identdesk/db';
import { createProofOfAddressSubmission, openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { addDays, berlinCalendarDate, type CreatePersonInput } from '@identdesk/domain';
import type { SolarisClient } from '@identdesk/solaris';
import { TRPCError } from '@trpc/server';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncIdentification, syncPerson } from '../../ingest/sync.ts';
import type { RunningServer } from '../../server.ts';
import { createPasswordUser } from '../../testing/auth.ts';
import { callerFor } from '../../testing/callers.ts';
import { startTestServer } from '../../testing/harness.ts';
import { personInput } from '../../testing/solaris-fixtures.ts';
import { signInOverHttp } from '../../testing/trpc-http.ts';
import type { SignedInUser } from '../init.ts';

/**
 * New identifications (issue #8, item 4) over the real database and the real Solaris sandbox:
 * eligibility refusals, and a start that reaches the sandbox (POST, then PATCH request) while
 * the new link's url and reference never reach the agent's view or the log.
 */
const DAY = 86_400_000;

let database: TestDatabase;
let server: RunningServer;
let agent: SignedInUser;
const logLines: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database, env: { LOG_LEVEL: 'debug' }, logLines });
  agent = await createPasswordUser(database.db, { role: 'agent', displayName: 'Alex Agent' });
});
afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const asAgent = () => callerFor(database.db, agent, { solaris: server.solaris, now: server.now }).caller;
const syncDeps = () => ({ db: database.db, solaris: server.solaris, now: server.now });

/** A customer at the sandbox, stored in Identdesk; with a requested identification unless told otherwise. */
async function customer(overrides: Partial<CreatePersonInput> = {}, options: { identification?: boolean } = {}) {
  const person = await server.solaris.createPerson({ ...personInput(), ...overrides });
  await syncPerson(syncDeps(), person.id, 'webhook');
  if (options.identification === false) return { personId: person.id, identificationId: null };
  const created = await server.solaris.createIdentification(person.id, { method: 'idnow', language: 'EN' });
  await server.solaris.requestIdentification(person.id, created.id);
  await syncIdentification(syncDeps(), { personId: person.id, identificationId: created.id, source: 'webhook' });
  return { personId: person.id, identificationId: created.id };
}

const codes = (eligibility: { refusals: { code: string }[] }) => eligibility.refusals.map((refusal) => refusal.code);

/** A customer whose identification IDnow's agent aborted and whose 14-day link has since run out: a new one may be started. */
async function customerWhoCannotContinue() {
  const { personId, identificationId } = await customer({ first_name: 'X-AUTOTEST-ABORTIDENT' });
  if (!identificationId || !server.sandbox) throw new Error('the test runs against the sandbox');
  server.sandbox.clock.advance(15 * DAY);
  await server.sandbox.runDue();
  await syncIdentification(syncDeps(), { personId, identificationId, source: 'reconciliation' });
  return { personId, identificationId };
}

/**
 * The sandbox, except that listing the supported documents (the eligibility check's last question
 * to Solaris, asked after it looked for a start on its way) waits until `callers` starts asked:
 * they all pass the check before any of them stores its start, as two agents clicking at once
 * can. Counts the POSTs that create an identification.
 */
function solarisWhereStartsMeet(callers: number) {
  const solaris = server.solaris;
  let arrived = 0;
  let release = () => {};
  // Released by the last caller; the fallback stays under the 3 s the check waits for Solaris.
  const met = new Promise<void>((resolve) => {
    release = resolve;
    setTimeout(resolve, 2_000).unref();
  });
  const posts: string[] = [];
  const client: SolarisClient = {
    ...solaris,
    async listSupportedDocuments(personId, identificationId) {
      arrived += 1;
      if (arrived >= callers) release();
      await met;
      return solaris.listSupportedDocuments(personId, identificationId);
    },
    async createIdentification(personId, input) {
      posts.push(personId);
      return solaris.createIdentification(personId, input);
    },
  };
  return { client, posts, arrived: () => arrived };
}

describe('identification.startEligibility refusals', () => {
  it('refuses a customer without any identification: the partner’s app starts the first one', async () => {
    const { personId } = await customer({}, { identification: false });
    const eligibility = await asAgent().identification.startEligibility({ personId });
    expect(eligibility).toMatchObject({ eligible: false, replaces: null, refusals: [{ code: 'no_identification', message: expect.stringContaining('partner’s app') }] });
    const [event] = await database.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ action: 'person.viewed', actorUserId: agent.id, personId, details: { view: 'start_eligibility', eligible: false } });
  });

  it('refuses while the customer can continue with the link they have', async () => {
    const { personId, identificationId } = await customer();
    const eligibility = await asAgent().identification.startEligibility({ personId });
    expect(eligibility).toMatchObject({ eligible: false, replaces: null, defaultLanguage: 'EN' });
    expect(codes(eligibility)).toEqual(['can_continue']);

    // The start is refused the same way, with the reasons in words.
    const started = asAgent().identification.start({ personId, replacesIdentificationId: identificationId ?? '', language: 'DE', proofOfAddressSubmissionId: null, reason: 'Link lost' });
    await expect(started).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('The customer can continue') });
    expect(await database.db.select().from(identificationStarts).where(eq(identificationStarts.personId, personId))).toEqual([]);
  });

  it('refuses customers living outside Germany, and nationalities IDnow accepts no document of', async () => {
    // France is a residency country of the branch (the seed's example) but not Germany.
    const abroad = await customer({ address: { line_1: 'Rue de Rivoli', line_2: '1', postal_code: '75001', city: 'Paris', country: 'FR' } });
    expect(codes(await asAgent().identification.startEligibility({ personId: abroad.personId }))).toContain('not_resident_in_germany');

    const unsupported = await customer({ nationality: 'AF' });
    const eligibility = await asAgent().identification.startEligibility({ personId: unsupported.personId });
    expect(eligibility.refusals).toContainEqual({ code: 'nationality_not_supported', message: expect.stringContaining('Afghanistan') });
  });

  it('refuses when the customer needs a proof of address and none approved is at hand', async () => {
    // No US document prints the address: the new identification must carry a proof of address.
    const { personId } = await customer({ nationality: 'US' });
    const eligibility = await asAgent().identification.startEligibility({ personId });
    expect(eligibility.proofOfAddress).toMatchObject({ required: true, options: [], explanation: expect.stringContaining('nationality') });
    expect(codes(eligibility)).toContain('proof_of_address_missing');
  });
});

describe('identification.start', () => {
  it('starts a new identification once the link ran out: it reaches the sandbox, and its url and reference stay out of the agent’s view and the log', async () => {
    // IDnow's test scenario: the agent aborts the call (poor video), so the customer never finishes.
    const { personId, identificationId } = await customer({ first_name: 'X-AUTOTEST-ABORTIDENT' });
    if (!identificationId || !server.sandbox) throw new Error('the test runs against the sandbox');
    // Fifteen days later the 14-day link has run out.
    server.sandbox.clock.advance(15 * DAY);
    await server.sandbox.runDue();
    await syncIdentification(syncDeps(), { personId, identificationId, source: 'reconciliation' });

    const eligibility = await asAgent().identification.startEligibility({ personId });
    expect(eligibility).toMatchObject({ eligible: true, refusals: [], replaces: { id: identificationId, why: expect.stringContaining('14-day link') } });
    expect(eligibility.proofOfAddress).toMatchObject({ required: false, options: [] });

    const agentHttp = await signInOverHttp(server.localUrl, agent);
    const answer = await agentHttp<{ startId: string; identificationId: string; status: string; message: string }>('identification.start', {
      personId,
      replacesIdentificationId: identificationId,
      language: 'DE',
      proofOfAddressSubmissionId: null,
      reason: 'The customer’s link expired before the call',
    });
    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({ status: 'requested', identificationId: expect.any(String), message: expect.stringContaining('partner’s app') });
    const newId = answer.data?.identificationId ?? '';
    expect(newId).not.toBe(identificationId);

    // At Solaris: the new identification, requested, in the language chosen, with a link.
    const atSolaris = await server.solaris.getIdentification(personId, newId);
    expect(atSolaris).toMatchObject({ status: 'pending', language: 'DE', method: 'idnow' });
    const url = atSolaris.url ?? '';
    const reference = atSolaris.reference ?? '';
    expect(url).not.toBe('');
    expect(reference).not.toBe('');

    const view = await asAgent().identification.get({ id: newId });
    expect(view.startedInIdentdesk).toMatchObject({ by: { id: agent.id, name: 'Alex Agent' }, reason: 'The customer’s link expired before the call', replacesIdentificationId: identificationId });
    // The first observation is Identdesk's own start; who started it and why is `startedInIdentdesk`.
    expect(view.timeline[0]).toMatchObject({ fromStatus: null, toStatus: 'created', source: 'identdesk' });
    expect(view.identification.status).toBe('pending');
    for (const text of [JSON.stringify(answer), JSON.stringify(view), logLines.join('\n')]) {
      expect(text).not.toContain(url);
      expect(text).not.toContain(reference);
    }
    expect((await asAgent().identification.get({ id: identificationId })).replacedBy).toMatchObject({ identificationId: newId, by: { name: 'Alex Agent' } });

    const [started] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'identification.started'), eq(auditEvents.personId, personId)));
    expect(started).toMatchObject({
      actorUserId: agent.id,
      subjectId: newId,
      reason: 'The customer’s link expired before the call',
      details: { status: 'requested', replacesIdentificationId: identificationId, language: 'DE' },
    });
    const [start] = await database.db.select().from(identificationStarts).where(eq(identificationStarts.personId, personId));
    expect(start).toMatchObject({ status: 'requested', identificationId: newId, language: 'DE', startedBy: agent.id });

    // The customer now has a valid link again: no second start.
    const again = await asAgent().identification.startEligibility({ personId });
    expect(codes(again)).toEqual(['can_continue']);
    const second = await asAgent()
      .identification.start({ personId, replacesIdentificationId: identificationId, language: 'DE', proofOfAddressSubmissionId: null, reason: 'Again' })
      .catch((error: unknown) => error);
    expect(second).toBeInstanceOf(TRPCError);
    expect((second as TRPCError).code).toBe('PRECONDITION_FAILED');
  });

  it('sends the approved proof of address with the new identification when the customer’s documents do not print the address', async () => {
    // No US document prints the address, and the agent aborted the call (IDnow's test scenario).
    const { personId, identificationId } = await customer({ first_name: 'X-AUTOTEST-ABORTIDENT', nationality: 'US' });
    if (!identificationId || !server.sandbox) throw new Error('the test runs against the sandbox');
    server.sandbox.clock.advance(15 * DAY);
    await server.sandbox.runDue();
    await syncIdentification(syncDeps(), { personId, identificationId, source: 'reconciliation' });

    const refused = await asAgent().identification.startEligibility({ personId });
    expect(codes(refused)).toEqual(['proof_of_address_missing']);

    const reviewer = await createPasswordUser(database.db, { role: 'compliance' });
    const issuedOn = addDays(berlinCalendarDate(server.now()), -10);
    const proof = await createProofOfAddressSubmission(database.db, {
      personId,
      identificationId,
      recordedBy: agent.id,
      type: 'GAS_BILL',
      issuedOn,
      status: 'approved',
      decidedBy: reviewer.id,
      decidedAt: new Date(),
    });
    const eligibility = await asAgent().identification.startEligibility({ personId });
    expect(eligibility).toMatchObject({
      eligible: true,
      proofOfAddress: { required: true, options: [{ submissionId: proof.id, type: 'GAS_BILL', typeLabel: expect.any(String), issuedOn }] },
    });

    const input = { personId, replacesIdentificationId: identificationId, language: 'EN' as const, reason: 'The link ran out' };
    await expect(asAgent().identification.start({ ...input, proofOfAddressSubmissionId: null })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('proofOfAddressSubmissionId: A proof of address is required'),
    });
    await expect(asAgent().identification.start({ ...input, proofOfAddressSubmissionId: crypto.randomUUID() })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('This proof of address cannot be used'),
    });

    const started = await asAgent().identification.start({ ...input, proofOfAddressSubmissionId: proof.id });
    expect(started.status).toBe('requested');
    // IDnow's estimated waiting time comes only with the request's answer; the page shows it.
    const view = await asAgent().identification.get({ id: started.identificationId ?? '' });
    expect(view.identification.estimatedWaitingTime).toEqual(expect.any(Number));
    const atSolaris = await server.solaris.getIdentification(personId, started.identificationId ?? '');
    expect(atSolaris).toMatchObject({ language: 'EN', proof_of_address_type: 'GAS_BILL', proof_of_address_issued_at: issuedOn });
    const [start] = await database.db.select().from(identificationStarts).where(eq(identificationStarts.identificationId, started.identificationId ?? ''));
    expect(start).toMatchObject({ proofOfAddressSubmissionId: proof.id, proofOfAddressType: 'GAS_BILL', proofOfAddressIssuedAt: issuedOn });
  });

  it('lets only one of two agents starting at the same moment create an identification at Solaris; the other is told a start is on its way', async () => {
    const { personId, identificationId } = await customerWhoCannotContinue();
    const meeting = solarisWhereStartsMeet(2);
    const input = { personId, replacesIdentificationId: identificationId, language: 'DE' as const, proofOfAddressSubmissionId: null };
    const asColleague = await createPasswordUser(database.db, { role: 'agent', displayName: 'Casey Colleague' });
    const callers = [agent, asColleague].map((user) => callerFor(database.db, user, { solaris: meeting.client, now: server.now }).caller);

    const answers = await Promise.allSettled(callers.map((caller, index) => caller.identification.start({ ...input, reason: `Link ran out (agent ${index + 1})` })));
    // Both passed the eligibility check before either stored its start.
    expect(meeting.arrived()).toBe(2);
    const fulfilled = answers.filter((answer) => answer.status === 'fulfilled');
    const rejected = answers.filter((answer) => answer.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(fulfilled[0]?.value).toMatchObject({ status: 'requested', identificationId: expect.any(String) });
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBeInstanceOf(TRPCError);
    expect(rejected[0]?.reason).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('has not reached the customer yet') });

    // One POST, one new identification at Solaris, one start, one audit event.
    expect(meeting.posts).toEqual([personId]);
    const atSolaris = await server.solaris.listIdentifications(personId);
    expect(atSolaris.map((identification) => identification.id).sort()).toEqual([identificationId, fulfilled[0]?.value.identificationId].sort());
    const starts = await database.db.select().from(identificationStarts).where(eq(identificationStarts.personId, personId));
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({ status: 'requested', identificationId: fulfilled[0]?.value.identificationId });
    const audited = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'identification.started'), eq(auditEvents.personId, personId)));
    expect(audited).toHaveLength(1);
  });

  it('refuses a start while another is still on its way, and allows one once that start failed', async () => {
    const { personId, identificationId } = await customerWhoCannotContinue();
    // A colleague's start Identdesk is still asking Solaris about.
    const colleague = await createPasswordUser(database.db, { role: 'agent' });
    const onItsWay = await insertIdentificationStart(database.db, {
      personId,
      replacesIdentificationId: identificationId,
      language: 'EN',
      proofOfAddressType: null,
      proofOfAddressIssuedAt: null,
      proofOfAddressSubmissionId: null,
      reason: 'The link ran out',
      startedBy: colleague.id,
      startedAt: server.now(),
    });
    if (!onItsWay) throw new Error('the colleague’s start was not stored');
    const input = { personId, replacesIdentificationId: identificationId, language: 'DE' as const, proofOfAddressSubmissionId: null, reason: 'Link ran out' };
    await expect(asAgent().identification.start(input)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('has not reached the customer yet') });

    // Solaris refused the colleague's start: the customer still needs a new identification.
    await markIdentificationStartFailed(database.db, onItsWay, 'Solaris answered 422');
    expect(await asAgent().identification.start(input)).toMatchObject({ status: 'requested' });
  });
});
