import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personChangeProposals } from '../schema/person-change-proposals.ts';
import { persons } from '../schema/persons.ts';
import { createPerson, createUser, openTestDatabase, type TestDatabase } from '../testing.ts';
import {
  APPLYING_STUCK_AFTER_MS,
  decidePersonChangeProposal,
  insertPersonChangeProposal,
  markPersonChangeApplied,
  markPersonChangeFailed,
  withdrawPersonChangeProposal,
  type NewPersonChangeProposal,
} from './person-changes.ts';

const NOW = new Date('2030-06-01T08:00:00.000Z');

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

async function proposal(overrides: Partial<NewPersonChangeProposal> = {}) {
  const person = await createPerson(db.db);
  const agent = await createUser(db.db, { role: 'agent', displayName: 'Alex Agent' });
  const values: NewPersonChangeProposal = {
    personId: person.id,
    basedOnVersion: 1,
    patch: { email: 'new@example.com' },
    previousValues: { email: null },
    nearbyAddress: false,
    addressFindings: null,
    note: 'The customer asked by phone',
    proposedBy: agent.id,
    proposedAt: NOW,
    ...overrides,
  };
  const inserted = await insertPersonChangeProposal(db.db, values);
  if (inserted.outcome !== 'proposed') throw new Error(`not proposed: ${inserted.outcome}`);
  return { person, agent, proposal: inserted.proposal, values };
}

describe('person change proposals in the database', () => {
  it('holds one open proposal per person and refuses one based on an older person version', async () => {
    const { values, proposal: first } = await proposal();
    expect(first).toMatchObject({ status: 'pending_review', personVersionNow: 1, proposedBy: { name: 'Alex Agent' } });
    expect(await insertPersonChangeProposal(db.db, values)).toMatchObject({ outcome: 'open_exists', open: { id: first.id } });
    // The partial unique index is the second guard, should two inserts ever pass the check at once.
    await expect(db.db.insert(personChangeProposals).values(values)).rejects.toThrow();

    await db.db.update(persons).set({ version: 3 }).where(eq(persons.id, values.personId));
    expect(await withdrawPersonChangeProposal(db.db, { proposalId: first.id, userId: values.proposedBy })).toMatchObject({ outcome: 'withdrawn' });
    expect(await insertPersonChangeProposal(db.db, values)).toEqual({ outcome: 'version_changed', versionNow: 3 });
  });

  it('refuses the proposer as decider, in the query and in the database', async () => {
    const { agent, proposal: open } = await proposal();
    expect(await decidePersonChangeProposal(db.db, { proposalId: open.id, deciderId: agent.id, decision: 'approve', reason: null, now: NOW })).toEqual({
      outcome: 'own_proposal',
    });
    await expect(
      db.db.execute(sql`update person_change_proposals set status = 'rejected', decided_by = proposed_by, decided_at = now(), decision_reason = 'x' where id = ${open.id}`),
    ).rejects.toThrow();
  });

  it('two concurrent decisions: exactly one wins, the other learns who decided', async () => {
    const { proposal: open } = await proposal();
    const first = await createUser(db.db, { role: 'compliance', displayName: 'First Reviewer' });
    const second = await createUser(db.db, { role: 'compliance', displayName: 'Second Reviewer' });
    const results = await Promise.all([
      decidePersonChangeProposal(db.db, { proposalId: open.id, deciderId: first.id, decision: 'approve', reason: null, now: NOW }),
      decidePersonChangeProposal(db.db, { proposalId: open.id, deciderId: second.id, decision: 'reject', reason: 'Not what the customer said', now: NOW }),
    ]);
    const winners = results.filter((result) => result.outcome === 'applying' || result.outcome === 'rejected');
    const losers = results.filter((result) => result.outcome === 'already_decided');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const [stored] = await db.db.select().from(personChangeProposals).where(eq(personChangeProposals.id, open.id));
    expect(losers[0]).toMatchObject({ status: stored?.status, decidedBy: stored?.decidedBy === first.id ? 'First Reviewer' : 'Second Reviewer' });
  });

  it('sends a change again that was interrupted while being sent, once no request can still be on its way', async () => {
    const { proposal: open } = await proposal();
    const first = await createUser(db.db, { role: 'compliance', displayName: 'First Reviewer' });
    const second = await createUser(db.db, { role: 'compliance', displayName: 'Second Reviewer' });
    const decide = (deciderId: string, now: Date) =>
      decidePersonChangeProposal(db.db, { proposalId: open.id, deciderId, decision: 'approve', reason: null, now });
    expect((await decide(first.id, NOW)).outcome).toBe('applying');
    // Identdesk stopped before Solaris answered: a minute later the first request may still be running.
    expect(await decide(second.id, new Date(NOW.getTime() + 60_000))).toMatchObject({ outcome: 'already_decided', status: 'applying', decidedBy: 'First Reviewer' });
    const later = new Date(NOW.getTime() + APPLYING_STUCK_AFTER_MS);
    expect(await decide(second.id, later)).toMatchObject({ outcome: 'applying', proposal: { decidedBy: { name: 'Second Reviewer' } } });
  });

  it('a failed change is not sent again while a newer one for the customer is open: the reviewer is told which', async () => {
    const { values, proposal: old } = await proposal();
    const reviewer = await createUser(db.db, { role: 'compliance', displayName: 'Casey Compliance' });
    const approve = () => decidePersonChangeProposal(db.db, { proposalId: old.id, deciderId: reviewer.id, decision: 'approve', reason: null, now: NOW });
    expect((await approve()).outcome).toBe('applying');
    await markPersonChangeFailed(db.db, { proposalId: old.id, solarisStatus: 422, solarisErrors: [] });

    // Solaris refused it; an agent proposes the change anew, and a reviewer then approves the old one again.
    const newer = await insertPersonChangeProposal(db.db, { ...values, patch: { email: 'newer@example.com' } });
    if (newer.outcome !== 'proposed') throw new Error(`not proposed: ${newer.outcome}`);
    expect(await approve()).toMatchObject({ outcome: 'open_exists', open: { id: newer.proposal.id, proposedBy: { name: 'Alex Agent' } } });
    const [stored] = await db.db.select().from(personChangeProposals).where(eq(personChangeProposals.id, old.id));
    expect(stored?.status).toBe('failed');

    // Once the newer one is withdrawn, the failed one can be sent again.
    await withdrawPersonChangeProposal(db.db, { proposalId: newer.proposal.id, userId: values.proposedBy });
    expect((await approve()).outcome).toBe('applying');
  });

  it('a nearby address, once applied, makes the person need a proof of address', async () => {
    const { person, proposal: open } = await proposal({
      patch: { address: { postal_code: '80331' } },
      previousValues: { address: { postal_code: '10115' } },
      nearbyAddress: true,
    });
    const reviewer = await createUser(db.db, { role: 'compliance' });
    const decided = await decidePersonChangeProposal(db.db, { proposalId: open.id, deciderId: reviewer.id, decision: 'approve', reason: null, now: NOW });
    expect(decided.outcome).toBe('applying');
    const applied = await markPersonChangeApplied(db.db, { proposalId: open.id, appliedAt: NOW, appliedVersion: 2, solarisStatus: 200 });
    expect(applied).toMatchObject({ status: 'applied', appliedVersion: 2 });
    const [stored] = await db.db.select().from(persons).where(eq(persons.id, person.id));
    expect(stored).toMatchObject({ proofOfAddressRequired: true, proofOfAddressState: 'outstanding' });
  });
});
