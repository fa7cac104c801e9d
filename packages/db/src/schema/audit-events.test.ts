import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.ts';
import { auditEvents } from './audit-events.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
  await handle.db.insert(auditEvents).values({
    occurredAt: new Date(),
    action: 'person.viewed',
    subjectType: 'person',
    subjectId: 'p1',
    hash: 'h1',
  });
});
afterAll(() => handle.close());

describe('audit_events', () => {
  it('accepts inserts', async () => {
    const rows = await handle.db.select().from(auditEvents);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.details).toEqual({});
  });

  it('refuses UPDATE', async () => {
    await expect(handle.pool.query("update audit_events set action = 'tampered'")).rejects.toThrow(/append-only/);
  });

  it('refuses DELETE', async () => {
    await expect(handle.pool.query('delete from audit_events')).rejects.toThrow(/append-only/);
  });

  it('refuses TRUNCATE', async () => {
    await expect(handle.pool.query('truncate audit_events')).rejects.toThrow(/append-only/);
  });

  it('still holds the row after the refused changes', async () => {
    const result = await handle.pool.query<{ action: string }>('select action from audit_events');
    expect(result.rows).toEqual([{ action: 'person.viewed' }]);
  });
});
