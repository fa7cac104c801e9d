import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, openTestDatabase, type TestDatabase } from '../testing.ts';
import { appendAuditEvent, verifyAuditChain } from './audit.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

describe('audit trail', () => {
  it('chains each event to the previous one and verifies', async () => {
    const agent = await createUser(handle.db, { role: 'agent' });
    const first = await appendAuditEvent(handle.db, {
      actorUserId: agent.id,
      actorRole: agent.role,
      action: 'person.viewed',
      personId: 'p1',
      subjectType: 'person',
      subjectId: 'p1',
      details: { tab: 'identifications', filters: { b: 1, a: [1, 2] } },
    });
    const second = await appendAuditEvent(handle.db, { action: 'auth.login_failed', ip: '192.0.2.1' });
    expect(first.prevHash).toBeNull();
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toMatch(/^[0-9a-f]{64}$/);

    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, checked: 2 });
    expect(await verifyAuditChain(handle.db, { batchSize: 1 })).toEqual({ ok: true, checked: 2 });
  });

  it('keeps the chain intact across concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => appendAuditEvent(handle.db, { action: 'person.searched', details: { i } })),
    );
    const verification = await verifyAuditChain(handle.db);
    expect(verification).toEqual({ ok: true, checked: 10 });
  });

  it('detects a row edited behind the trigger', async () => {
    const client = await handle.pool.connect();
    try {
      // What someone with table-owner rights could do: switch the trigger off and edit.
      await client.query('begin');
      await client.query('alter table audit_events disable trigger audit_events_no_update_or_delete');
      await client.query("update audit_events set action = 'person.exported' where id = (select min(id) + 1 from audit_events)");
      await client.query('alter table audit_events enable trigger audit_events_no_update_or_delete');
      await client.query('commit');
    } finally {
      client.release();
    }
    const result = await handle.pool.query<{ id: number }>('select (min(id) + 1)::int as id from audit_events');
    expect(await verifyAuditChain(handle.db)).toEqual({
      ok: false,
      checked: 1,
      brokenAtId: result.rows[0]?.id,
      problem: 'hash_mismatch',
    });
  });
});
