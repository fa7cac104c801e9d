import { appendAuditEvent } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordUser, TEST_PASSWORD } from '../../testing/auth.ts';
import { callerFor } from '../../testing/callers.ts';
import type { SignedInUser } from '../init.ts';

let handle: TestDatabase;
let reviewer: SignedInUser;
let agent: SignedInUser;

beforeAll(async () => {
  handle = await openTestDatabase();
  reviewer = await createPasswordUser(handle.db, { role: 'compliance', displayName: 'Rita Review' });
  agent = await createPasswordUser(handle.db, { role: 'agent', displayName: 'Alex Agent' });
  await callerFor(handle.db, null).caller.auth.login({ email: agent.email, password: TEST_PASSWORD });
  await callerFor(handle.db, null).caller.auth.login({ email: agent.email, password: 'wrong password' }).catch(() => {});
  await appendAuditEvent(handle.db, { action: 'person.viewed', actorUserId: agent.id, actorRole: 'agent', personId: 'p1' });
});
afterAll(() => handle.close());

describe('audit.list', () => {
  it('pages through the trail newest first, with who acted and instants as ISO strings', async () => {
    const { caller } = callerFor(handle.db, reviewer);
    const page = await caller.audit.list({ pageSize: 2 });
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page.items.map((item) => item.action)).toEqual(['person.viewed', 'auth.login_failed']);
    expect(page.items[0]?.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(page.items[0]?.actor).toEqual({ id: agent.id, displayName: 'Alex Agent', email: agent.email, role: 'agent' });
    expect(page.items[1]).toMatchObject({ ip: '198.51.100.23', userAgent: 'vitest', actor: { id: agent.id } });
  });

  it('filters by user, action, person and time', async () => {
    const { caller } = callerFor(handle.db, reviewer);
    expect((await caller.audit.list({ userId: agent.id, action: 'auth.login_succeeded' })).items).toHaveLength(1);
    expect((await caller.audit.list({ personId: 'p1' })).items.map((item) => item.action)).toEqual(['person.viewed']);
    expect((await caller.audit.list({ from: '2099-01-01T00:00:00Z' })).total).toBe(0);
  });

  it('refuses filters that are not ids, naming the field', async () => {
    const { caller } = callerFor(handle.db, reviewer);
    await expect(caller.audit.list({ personId: 'Jane Doe' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('audit.users and audit.verify', () => {
  it('lists staff for the filter, and verifies the chain', async () => {
    const { caller } = callerFor(handle.db, reviewer);
    expect((await caller.audit.users()).map((user) => user.displayName)).toEqual(['Alex Agent', 'Rita Review']);
    expect(await caller.audit.verify()).toEqual({ ok: true, checked: 3 });
  });
});
