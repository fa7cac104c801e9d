import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, openTestDatabase, type TestDatabase } from '../testing.ts';
import type { UserRow } from '../schema/users.ts';
import { appendAuditEvent } from './audit.ts';
import { listAuditEvents, streamAuditEvents } from './audit-search.ts';

let handle: TestDatabase;
let agent: UserRow;
let reviewer: UserRow;
const t0 = new Date('2030-03-01T09:00:00.000Z');
const at = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);

beforeAll(async () => {
  handle = await openTestDatabase();
  agent = await createUser(handle.db, { role: 'agent', displayName: 'Agent Smith' });
  reviewer = await createUser(handle.db, { role: 'compliance', displayName: 'Rita Review' });
  const events = [
    { actor: agent, action: 'auth.login_succeeded', personId: null, hours: 0 },
    { actor: agent, action: 'person.viewed', personId: 'p1', hours: 1 },
    { actor: agent, action: 'person.viewed', personId: 'p2', hours: 2 },
    { actor: reviewer, action: 'auth.login_succeeded', personId: null, hours: 3 },
    { actor: reviewer, action: 'identification.reference_revealed', personId: 'p1', hours: 4 },
  ];
  for (const event of events) {
    await appendAuditEvent(handle.db, {
      occurredAt: at(event.hours),
      actorUserId: event.actor.id,
      actorRole: event.actor.role,
      action: event.action,
      personId: event.personId,
      ip: '198.51.100.7',
    });
  }
  await appendAuditEvent(handle.db, { occurredAt: at(5), action: 'auth.login_failed', ip: '203.0.113.9' });
});
afterAll(() => handle.close());

describe('listAuditEvents', () => {
  it('lists newest first with who acted, and counts all matches', async () => {
    const page = await listAuditEvents(handle.db, { filters: {}, page: 1, pageSize: 2 });
    expect(page.total).toBe(6);
    expect(page.items.map((item) => item.action)).toEqual(['auth.login_failed', 'identification.reference_revealed']);
    expect(page.items[0]).toMatchObject({ actorUserId: null, actorDisplayName: null, ip: '203.0.113.9' });
    expect(page.items[1]).toMatchObject({ actorDisplayName: 'Rita Review', actorEmail: reviewer.email, actorRole: 'compliance' });
  });

  it('filters by user, person, action and a time range whose end is exclusive', async () => {
    const ids = async (filters: Parameters<typeof listAuditEvents>[1]['filters']) =>
      (await listAuditEvents(handle.db, { filters, page: 1, pageSize: 50 })).items.map((item) => [item.action, item.personId]);
    expect(await ids({ actorUserId: agent.id })).toEqual([
      ['person.viewed', 'p2'],
      ['person.viewed', 'p1'],
      ['auth.login_succeeded', null],
    ]);
    expect(await ids({ personId: 'p1' })).toEqual([
      ['identification.reference_revealed', 'p1'],
      ['person.viewed', 'p1'],
    ]);
    expect(await ids({ action: 'auth.login_succeeded', actorUserId: reviewer.id })).toEqual([['auth.login_succeeded', null]]);
    expect(await ids({ from: at(1), to: at(3) })).toEqual([
      ['person.viewed', 'p2'],
      ['person.viewed', 'p1'],
    ]);
  });

  it('pages through the matches', async () => {
    const second = await listAuditEvents(handle.db, { filters: {}, page: 2, pageSize: 4 });
    expect(second).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(second.items.map((item) => item.action)).toEqual(['person.viewed', 'auth.login_succeeded']);
  });
});

describe('streamAuditEvents', () => {
  it('yields every match newest first across batches', async () => {
    const streamed: string[] = [];
    for await (const event of streamAuditEvents(handle.db, { personId: 'p1' }, { batchSize: 1 })) streamed.push(event.action);
    expect(streamed).toEqual(['identification.reference_revealed', 'person.viewed']);

    let all = 0;
    for await (const _event of streamAuditEvents(handle.db, {}, { batchSize: 4 })) all += 1;
    expect(all).toBe(6);

    const older: number[] = [];
    for await (const event of streamAuditEvents(handle.db, {}, { beforeId: 3 })) older.push(event.id);
    expect(older).toEqual([2, 1]);
  });
});

describe('events showing a customer in a list', () => {
  it('are found by the customer filter too, through the index of whom a page showed', async () => {
    await appendAuditEvent(handle.db, {
      occurredAt: at(6),
      actorUserId: agent.id,
      actorRole: agent.role,
      action: 'person.searched',
      details: { queryKind: 'name', personIds: ['p2', 'p9'], results: 2 },
    });
    await appendAuditEvent(handle.db, {
      occurredAt: at(7),
      actorUserId: reviewer.id,
      actorRole: reviewer.role,
      action: 'compliance.queue_viewed',
      details: { queue: 'fraud_suspected', personIds: ['p1'] },
    });
    const shown = async (personId: string) => {
      const page = await listAuditEvents(handle.db, { filters: { personId }, page: 1, pageSize: 50 });
      return { total: page.total, actions: page.items.map((item) => item.action) };
    };
    expect(await shown('p9')).toEqual({ total: 1, actions: ['person.searched'] });
    expect(await shown('p2')).toEqual({ total: 2, actions: ['person.searched', 'person.viewed'] });
    expect(await shown('p1')).toEqual({
      total: 3,
      actions: ['compliance.queue_viewed', 'identification.reference_revealed', 'person.viewed'],
    });
    // A customer id that merely appears inside another id is no match.
    expect(await shown('p')).toEqual({ total: 0, actions: [] });

    const client = await handle.pool.connect();
    try {
      await client.query('set enable_seqscan = off');
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `explain select id from audit_events where person_id = $1 or (details -> 'personIds') @> $2::jsonb`,
        ['p9', '["p9"]'],
      );
      expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('audit_events_shown_person_ids_idx');
    } finally {
      await client.query('reset enable_seqscan');
      client.release();
    }
  });
});
