import { auditEvents, personChangeProposals, persons, personSnapshotFromSolaris, upsertPersonSnapshot } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { addDays, berlinCalendarDate, type CreatePersonInput } from '@identdesk/domain';
import { TRPCError } from '@trpc/server';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPerson } from '../../ingest/sync.ts';
import type { RunningServer } from '../../server.ts';
import { createPasswordUser } from '../../testing/auth.ts';
import { callerFor } from '../../testing/callers.ts';
import { startTestServer } from '../../testing/harness.ts';
import { storedPersonVersions } from '../../testing/queries.ts';
import { personInput } from '../../testing/solaris-fixtures.ts';
import { signInOverHttp, type TrpcHttpAnswer } from '../../testing/trpc-http.ts';
import type { SignedInUser } from '../init.ts';

/**
 * Person changes with four eyes (issue #8, items 1–3) over the real database and the real
 * Solaris sandbox: the allow-list and the seed's rules refuse field by field, the address is
 * validated, a second person decides, and an approval reaches Solaris and comes back as a new
 * person version — or as Solaris' own error, field by field.
 */
let database: TestDatabase;
let server: RunningServer;
let agent: SignedInUser;
let reviewer: SignedInUser;
let secondReviewer: SignedInUser;
let agentHttp: Awaited<ReturnType<typeof signInOverHttp>>;
let reviewerHttp: Awaited<ReturnType<typeof signInOverHttp>>;

beforeAll(async () => {
  database = await openTestDatabase();
  server = await startTestServer({ database });
  agent = await createPasswordUser(database.db, { role: 'agent', displayName: 'Alex Agent' });
  reviewer = await createPasswordUser(database.db, { role: 'compliance', displayName: 'Casey Compliance' });
  secondReviewer = await createPasswordUser(database.db, { role: 'compliance', displayName: 'Robin Reviewer' });
  agentHttp = await signInOverHttp(server.localUrl, agent);
  reviewerHttp = await signInOverHttp(server.localUrl, reviewer);
});
afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const callers = () => ({
  agent: callerFor(database.db, agent, { solaris: server.solaris, now: server.now }).caller,
  reviewer: callerFor(database.db, reviewer, { solaris: server.solaris, now: server.now }).caller,
  secondReviewer: callerFor(database.db, secondReviewer, { solaris: server.solaris, now: server.now }).caller,
});

/** A customer signed up at the sandbox and stored in Identdesk as the ingest stores them. */
async function customer(overrides: Partial<CreatePersonInput> = {}) {
  const person = await server.solaris.createPerson({ ...personInput(), ...overrides });
  await syncPerson({ db: database.db, solaris: server.solaris, now: server.now }, person.id, 'webhook');
  const form = await callers().agent.person.changeForm({ personId: person.id });
  return { personId: person.id, version: form.version };
}

const NOTE = 'Customer called: moved house last week';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? `${error.code}: ${error.message}` : String(error);
  }
}

function fieldsOf(answer: TrpcHttpAnswer<unknown>) {
  expect(answer.status).toBe(400);
  expect(answer.error?.code).toBe('BAD_REQUEST');
  return answer.error?.fieldErrors ?? [];
}

async function latestAudit(action: string) {
  const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(desc(auditEvents.id)).limit(1);
  return event;
}

describe('address.validate', () => {
  it('answers while the agent types, refuses over-long parts by name, and names no customer in the audit trail', async () => {
    const before = await database.db.select().from(auditEvents);
    const answer = await agentHttp('address.validate', { address: { line_1: 'Amrumerstrasse 14', postal_code: '80331', city: 'Berlin', country: 'DE' } });
    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({
      valid: false,
      dataset: 'de_postcodes',
      findings: [{ field: 'city', code: 'postcode_city_mismatch', severity: 'error' }],
      suggestions: expect.arrayContaining([{ postalCode: '80331', city: 'München' }]),
    });
    expect(fieldsOf(await agentHttp('address.validate', { address: { city: 'x'.repeat(201) } }))).toEqual([
      { field: 'address.city', message: 'city must be at most 200 characters' },
    ]);
    expect(await database.db.select().from(auditEvents)).toHaveLength(before.length);
  });
});

describe('person.changeForm', () => {
  it('shows every allow-listed field’s present value in the PATCH’s shape, and audits the view', async () => {
    const { personId } = await customer();
    const form = await callers().agent.person.changeForm({ personId });
    expect(form).toMatchObject({
      personId,
      version: 1,
      canPropose: true,
      cannotProposeReason: null,
      openProposal: null,
      current: {
        address: { line_1: 'Amrumerstrasse', line_2: '14', postal_code: '13353', city: 'Berlin', state: null, country: 'DE' },
        contact_address: { line_1: null, postal_code: null, city: null, country: null },
        tax_information: { tax_assessment: null },
        email: null,
        employment_status: null,
        data_terms_signed_at: '2022-01-01T00:00:00.000Z',
      },
    });
    // Only the allow-list: names and birth data are not offered.
    expect(form.current).not.toHaveProperty('first_name');
    expect(form.current).not.toHaveProperty('birth_date');
    expect(await latestAudit('person.viewed')).toMatchObject({ actorUserId: agent.id, personId, details: { view: 'change_form' } });
  });
});

describe('person.proposeChange refusals, field by field, storing nothing', () => {
  it('refuses fields outside the allow-list, the seed’s FREELANCER/SELF_EMPLOYED and aml_confirmed_on rules, and an unchanged patch', async () => {
    const { personId, version } = await customer();
    const propose = (patch: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      agentHttp('person.proposeChange', { personId, basedOnVersion: version, patch, note: NOTE, nearbyAddress: false, ...extra });

    const outside = fieldsOf(await propose({ first_name: 'Janet', email: 'jane@example.com' }));
    expect(outside).toEqual([{ field: 'patch.first_name', message: 'first_name cannot be changed here: only Solaris customer support can change it' }]);

    const nace = fieldsOf(await propose({ employment_status: 'SELF_EMPLOYED' }));
    expect(nace).toEqual([{ field: 'patch.nace_code', message: expect.stringContaining('FREELANCER or SELF_EMPLOYED') }]);
    // With a NACE code, or with industry and industry_key cleared, the same change passes the rule.
    expect(fieldsOf(await propose({ employment_status: 'SELF_EMPLOYED', nace_code: 'J62.01' }, { note: '' }))).toEqual([
      expect.objectContaining({ field: 'note' }),
    ]);

    const today = berlinCalendarDate(server.now());
    const yesterday = addDays(today, -1);
    const aml = fieldsOf(await propose({ aml_confirmed_on: yesterday }));
    expect(aml).toEqual([{ field: 'patch.aml_confirmed_on', message: `aml_confirmed_on must be today or tomorrow (Europe/Berlin): ${today} or ${addDays(today, 1)}` }]);

    const unchanged = fieldsOf(await propose({ address: { city: 'Berlin' } }));
    expect(unchanged).toEqual([{ field: 'patch', message: expect.stringContaining('Change at least one field') }]);

    const nearbyWithoutAddress = fieldsOf(await propose({ email: 'jane@example.com' }, { nearbyAddress: true }));
    expect(nearbyWithoutAddress).toEqual([{ field: 'nearbyAddress', message: expect.stringContaining('needs a changed address') }]);

    expect(await database.db.select().from(personChangeProposals).where(eq(personChangeProposals.personId, personId))).toEqual([]);
  });

  it('refuses an address that fails validation on the failing part, unless it is saved as the nearby address', async () => {
    const { personId, version } = await customer();
    const propose = (address: Record<string, unknown>, nearbyAddress = false) =>
      agentHttp('person.proposeChange', { personId, basedOnVersion: version, patch: { address }, note: NOTE, nearbyAddress });

    expect(fieldsOf(await propose({ postal_code: '1335' }))).toEqual([
      { field: 'patch.address.postal_code', message: 'A German postcode has five digits, e.g. 10115' },
    ]);
    expect(fieldsOf(await propose({ postal_code: '80331' }))).toEqual([
      { field: 'patch.address.city', message: expect.stringContaining('80331 belongs to München') },
    ]);
    expect(fieldsOf(await propose({ country: 'XX' }))).toEqual([
      expect.objectContaining({ field: 'patch.address.country' }),
    ]);

    const nearby = await propose({ line_1: 'Marienplatz 1', postal_code: '80331' }, true);
    expect(nearby.status).toBe(200);
    expect(nearby.data).toMatchObject({
      status: 'pending_review',
      nearbyAddress: true,
      addressFindings: [expect.objectContaining({ code: 'postcode_city_mismatch', severity: 'error' })],
    });
  });
});

describe('one proposal at a time, on the version the agent saw', () => {
  it('refuses a second open proposal naming the first one’s author, and a form opened before the customer changed', async () => {
    const { personId, version } = await customer();
    const { agent: asAgent, reviewer: asReviewer } = callers();
    const first = await asAgent.person.proposeChange({ personId, basedOnVersion: version, patch: { email: 'jane@example.com' }, note: NOTE, nearbyAddress: false });
    expect(first).toMatchObject({
      status: 'pending_review',
      statusLabel: 'Waiting for compliance',
      changes: [{ field: 'email', label: 'Email', from: null, to: 'jane@example.com' }],
      proposedBy: { id: agent.id, name: 'Alex Agent' },
      canWithdraw: true,
      canDecide: false,
    });
    expect(await latestAudit('person.change_proposed')).toMatchObject({
      actorUserId: agent.id,
      personId,
      subjectId: first.id,
      reason: NOTE,
      details: { fields: ['email'], nearbyAddress: false },
    });

    expect(await codeOf(asReviewer.person.proposeChange({ personId, basedOnVersion: version, patch: { job_title: 'Baker' }, note: NOTE, nearbyAddress: false }))).toMatch(
      /^CONFLICT: Alex Agent already proposed a change on .* that is not decided yet/,
    );
    const form = await asReviewer.person.changeForm({ personId });
    expect(form).toMatchObject({ canPropose: false, openProposal: { id: first.id, canDecide: true, canWithdraw: false } });
    expect(form.cannotProposeReason).toContain('Alex Agent');

    // Only the proposer withdraws, and only once.
    expect(await codeOf(asReviewer.person.withdrawChange({ proposalId: first.id }))).toMatch(/^FORBIDDEN: Only Alex Agent/);
    expect(await asAgent.person.withdrawChange({ proposalId: first.id })).toMatchObject({ status: 'withdrawn', canWithdraw: false });
    expect(await codeOf(asAgent.person.withdrawChange({ proposalId: first.id }))).toMatch(/^CONFLICT: This change is already withdrawn/);
    expect(await latestAudit('person.change_withdrawn')).toMatchObject({ actorUserId: agent.id, subjectId: first.id });

    // Solaris reports a change to the customer after the form was opened.
    const fetched = await server.solaris.updatePerson(personId, { job_title: 'Teacher' });
    await upsertPersonSnapshot(database.db, { person: personSnapshotFromSolaris(fetched), observedAt: server.now(), source: 'webhook' });
    expect(await codeOf(asAgent.person.proposeChange({ personId, basedOnVersion: version, patch: { email: 'jane@example.com' }, note: NOTE, nearbyAddress: false }))).toMatch(
      /^CONFLICT: The customer’s data changed since the form was opened \(version 1, now 2\)/,
    );
    const proposals = await asAgent.person.changeProposals({ personId });
    expect(proposals.map((proposal) => proposal.status)).toEqual(['withdrawn']);
  });
});

describe('compliance.decidePersonChange: four eyes, then the PATCH to Solaris', () => {
  it('applies an approved change at the sandbox and records Solaris’ answer as a new person version', async () => {
    const { personId, version } = await customer();
    const { agent: asAgent, reviewer: asReviewer } = callers();
    const proposal = await asAgent.person.proposeChange({
      personId,
      basedOnVersion: version,
      patch: { address: { line_1: 'Marienplatz', line_2: '1', postal_code: '80331', city: 'München' }, email: 'jane.doe@example.com' },
      note: NOTE,
      nearbyAddress: false,
    });
    expect(proposal.changes).toEqual([
      // In the allow-list's order: address before email.
      { field: 'address.line_1', label: 'Residence address: Street', from: 'Amrumerstrasse', to: 'Marienplatz' },
      { field: 'address.line_2', label: 'Residence address: House number', from: '14', to: '1' },
      { field: 'address.postal_code', label: 'Residence address: Postal code', from: '13353', to: '80331' },
      { field: 'address.city', label: 'Residence address: City', from: 'Berlin', to: 'München' },
      { field: 'email', label: 'Email', from: null, to: 'jane.doe@example.com' },
    ]);

    // The queue lists it for compliance, with the proposal to decide.
    const summary = await asReviewer.compliance.queueSummary();
    expect(summary.find((entry) => entry.queue === 'person_changes')).toMatchObject({ label: 'Customer data changes', open: expect.any(Number) });
    const queue = await asReviewer.compliance.queue({ queue: 'person_changes', page: 1, pageSize: 100 });
    expect(queue.items.find((item) => item.proposal?.id === proposal.id)).toMatchObject({
      kind: 'person_change',
      personId,
      status: 'pending_review',
      proposal: { canDecide: true },
    });

    const applied = await asReviewer.compliance.decidePersonChange({ proposalId: proposal.id, decision: 'approve' });
    expect(applied).toMatchObject({
      status: 'applied',
      statusLabel: 'Applied at Solaris',
      decidedBy: { id: reviewer.id, name: 'Casey Compliance' },
      appliedVersion: 2,
      personVersionNow: 2,
      solaris: null,
      canDecide: false,
    });

    const atSolaris = await server.solaris.getPerson(personId);
    expect(atSolaris).toMatchObject({ email: 'jane.doe@example.com', address: { line_1: 'Marienplatz', postal_code: '80331', city: 'München' } });
    const [stored] = await database.db.select().from(persons).where(eq(persons.id, personId));
    expect(stored).toMatchObject({ version: 2, addressCity: 'München', email: 'jane.doe@example.com', proofOfAddressRequired: false });
    const versions = await storedPersonVersions(database.db, personId);
    expect(versions.at(-1)).toMatchObject({ version: 2, source: 'agent_change' });

    const [decided, appliedEvent] = await Promise.all([latestAudit('person.change_decided'), latestAudit('person.change_applied')]);
    expect(decided).toMatchObject({ actorUserId: reviewer.id, personId, subjectId: proposal.id, details: { decision: 'approve' } });
    expect(appliedEvent).toMatchObject({ actorUserId: reviewer.id, personId, subjectId: proposal.id, details: { appliedVersion: 2 } });
    // Field names in the trail, never the new values.
    expect(JSON.stringify(appliedEvent)).not.toContain('jane.doe@example.com');
  });

  it('keeps the proposer from deciding, asks a rejection for its reason and keeps it', async () => {
    const { personId, version } = await customer();
    const { reviewer: asReviewer, secondReviewer: asSecond } = callers();
    const own = await asReviewer.person.proposeChange({ personId, basedOnVersion: version, patch: { job_title: 'Baker' }, note: NOTE, nearbyAddress: false });
    expect(own.canDecide).toBe(false);
    expect(await codeOf(asReviewer.compliance.decidePersonChange({ proposalId: own.id, decision: 'approve' }))).toMatch(/^FORBIDDEN: You proposed this change yourself\. Four eyes/);

    const noReason = await agentHttp('compliance.decidePersonChange', { proposalId: own.id, decision: 'reject' });
    expect(noReason.error?.code).toBe('FORBIDDEN');
    const withoutReason = await (await signInOverHttp(server.localUrl, secondReviewer))('compliance.decidePersonChange', { proposalId: own.id, decision: 'reject' });
    expect(fieldsOf(withoutReason)).toEqual([{ field: 'reason', message: expect.stringContaining('A reason of at least 10 characters is required to reject') }]);

    const rejected = await asSecond.compliance.decidePersonChange({ proposalId: own.id, decision: 'reject', reason: 'The customer must confirm this in writing first' });
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: 'The customer must confirm this in writing first', decidedBy: { name: 'Robin Reviewer' } });
    expect((await asReviewer.person.changeProposals({ personId }))[0]).toMatchObject({ status: 'rejected', decisionReason: 'The customer must confirm this in writing first' });
    expect(await server.solaris.getPerson(personId)).toMatchObject({ job_title: null });
    expect(await codeOf(asSecond.compliance.decidePersonChange({ proposalId: own.id, decision: 'approve' }))).toMatch(
      /^CONFLICT: This change was already decided \(rejected\) by Robin Reviewer/,
    );
  });

  it('shows Solaris’ refusal field by field, keeps the person as it was, and sends the change again on a new approval', async () => {
    const { personId, version } = await customer();
    const { agent: asAgent } = callers();
    // Italy is no residency country of the person's branch (the seed's 400): a real Solaris error.
    const proposal = await asAgent.person.proposeChange({
      personId,
      basedOnVersion: version,
      patch: { address: { line_1: 'Via Roma 1', line_2: null, postal_code: '00184', city: 'Roma', country: 'IT' } },
      note: NOTE,
      nearbyAddress: false,
    });
    expect(proposal.addressFindings).toEqual([expect.objectContaining({ code: 'not_resident_in_germany', severity: 'warning' })]);

    const failed = await reviewerHttp('compliance.decidePersonChange', { proposalId: proposal.id, decision: 'approve' });
    expect(failed.status).toBe(200);
    expect(failed.data).toMatchObject({
      status: 'failed',
      statusLabel: 'Refused by Solaris',
      appliedVersion: null,
      canDecide: true,
      solaris: {
        status: 400,
        errors: [{ field: 'country', code: expect.any(String), title: expect.any(String), detail: expect.stringContaining('Residency Country is not allowed for this branch') }],
      },
    });
    const [stored] = await database.db.select().from(persons).where(eq(persons.id, personId));
    expect(stored).toMatchObject({ version: 1, addressCountry: 'DE' });
    expect(await latestAudit('person.change_failed')).toMatchObject({
      actorUserId: reviewer.id,
      subjectId: proposal.id,
      details: { solarisStatus: 400, errors: [{ field: 'country' }] },
    });

    // A failed change stays in the queue until someone decides it again.
    const queue = await callers().secondReviewer.compliance.queue({ queue: 'person_changes', page: 1, pageSize: 100 });
    expect(queue.items.find((item) => item.proposal?.id === proposal.id)).toMatchObject({ status: 'failed', detail: expect.stringContaining('Solaris refused it') });

    const again = await callers().secondReviewer.compliance.decidePersonChange({ proposalId: proposal.id, decision: 'approve' });
    expect(again).toMatchObject({ status: 'failed', decidedBy: { name: 'Robin Reviewer' }, solaris: { status: 400 } });
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'person.change_failed'), eq(auditEvents.subjectId, proposal.id)));
    expect(events).toHaveLength(2);
  });

  it('marks the customer as needing a proof of address once a nearby address is applied', async () => {
    const { personId, version } = await customer();
    const { agent: asAgent, reviewer: asReviewer } = callers();
    const proposal = await asAgent.person.proposeChange({
      personId,
      basedOnVersion: version,
      patch: { address: { line_1: 'Marienplatz 1', postal_code: '80331', city: 'Berlin' } },
      note: 'The customer lives in a new street not yet in any register',
      nearbyAddress: true,
    });
    const applied = await asReviewer.compliance.decidePersonChange({ proposalId: proposal.id, decision: 'approve', reason: 'Checked with the customer' });
    expect(applied).toMatchObject({ status: 'applied', nearbyAddress: true, decisionReason: 'Checked with the customer' });

    const [stored] = await database.db.select().from(persons).where(eq(persons.id, personId));
    expect(stored).toMatchObject({ proofOfAddressRequired: true, proofOfAddressState: 'outstanding', addressPostalCode: '80331' });
    const page = await asAgent.person.get({ id: personId });
    expect(page.proofOfAddress).toMatchObject({ state: 'outstanding' });
    const search = await asAgent.search.persons({ query: personId, filters: { proofOfAddressOutstanding: true } });
    expect(search.items.map((item) => item.id)).toEqual([personId]);
  });

  it('lets exactly one of two reviewers approving at once decide; the other learns who did', async () => {
    const { personId, version } = await customer();
    const { agent: asAgent, reviewer: asReviewer, secondReviewer: asSecond } = callers();
    const proposal = await asAgent.person.proposeChange({ personId, basedOnVersion: version, patch: { job_title: 'Carpenter' }, note: NOTE, nearbyAddress: false });

    const outcomes = await Promise.allSettled([
      asReviewer.compliance.decidePersonChange({ proposalId: proposal.id, decision: 'approve' }),
      asSecond.compliance.decidePersonChange({ proposalId: proposal.id, decision: 'approve' }),
    ]);
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ status: string; decidedBy: { name: string } | null }>).value;
    expect(winner.status).toBe('applied');
    const loss = lost[0]?.reason as TRPCError;
    expect(loss.code).toBe('CONFLICT');
    expect(loss.message).toContain(`by ${winner.decidedBy?.name}`);
    expect(await server.solaris.getPerson(personId)).toMatchObject({ job_title: 'Carpenter' });
    const decisions = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'person.change_decided'), eq(auditEvents.subjectId, proposal.id)));
    expect(decisions).toHaveLength(1);
  });
});
