import { appendAuditEvent, auditEvents } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { desc } from 'drizzle-orm';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountHttpRoutes } from '../access/http-routes.ts';
import { createPasswordUser } from '../testing/auth.ts';
import { listenForTest } from '../testing/http.ts';
import type { SignedInUser } from '../trpc/init.ts';
import { AUDIT_EXPORT_PATH, auditExportRoute } from './export-route.ts';

let handle: TestDatabase;
let server: Awaited<ReturnType<typeof listenForTest>>;
let reviewer: SignedInUser;
let agent: SignedInUser;

beforeAll(async () => {
  handle = await openTestDatabase();
  reviewer = await createPasswordUser(handle.db, { role: 'compliance', displayName: 'Rita, "the" Reviewer' });
  agent = await createPasswordUser(handle.db, { role: 'agent' });
  await appendAuditEvent(handle.db, { action: 'person.viewed', actorUserId: agent.id, actorRole: 'agent', personId: 'p1', occurredAt: new Date('2030-01-01T10:00:00Z') });
  await appendAuditEvent(handle.db, { action: 'person.viewed', actorUserId: agent.id, actorRole: 'agent', personId: 'p2', occurredAt: new Date('2030-01-01T11:00:00Z') });
  await appendAuditEvent(handle.db, {
    action: 'identification.reference_revealed',
    actorUserId: reviewer.id,
    actorRole: 'compliance',
    personId: 'p1',
    reason: '=cmd|calc, fraud case 12',
    occurredAt: new Date('2030-01-01T12:00:00Z'),
  });
  const users: Record<string, SignedInUser> = { [reviewer.id]: reviewer, [agent.id]: agent };
  const app = express();
  mountHttpRoutes(app, [auditExportRoute({ db: handle.db, clock: () => new Date('2030-02-01T08:30:00Z') })], async (req) =>
    users[req.get('x-test-user') ?? ''] ?? null,
  );
  server = await listenForTest(app);
});
afterAll(async () => {
  await server.close();
  await handle.close();
});

const exportAs = (user: SignedInUser | null, query = '') =>
  fetch(`${server.url}${AUDIT_EXPORT_PATH}${query}`, { headers: user ? { 'x-test-user': user.id } : {} });

describe('GET /api/audit/export.csv', () => {
  it('downloads what the filters select as CSV, newest first, and records the export', async () => {
    const response = await exportAs(reviewer, '?personId=p1');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="identdesk-audit-2030-02-01T08-30-00.csv"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const lines = (await response.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,occurred_at,action,actor_user_id,actor_name,actor_email,actor_role,person_id,subject_type,subject_id,reason,ip,user_agent,details',
    );
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`identification.reference_revealed,${reviewer.id},"Rita, ""the"" Reviewer"`);
    expect(lines[1]).toContain(`"'=cmd|calc, fraud case 12"`);
    expect(lines[2]).toContain('2030-01-01T10:00:00.000Z,person.viewed');

    const [event] = await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ action: 'audit.exported', actorUserId: reviewer.id, personId: 'p1', details: { filter: { personId: 'p1' } } });
  });

  it('filters by time range', async () => {
    const text = await (await exportAs(reviewer, '?action=person.viewed&from=2030-01-01T10:30:00Z&to=2030-01-01T12:00:00Z')).text();
    expect(text.trimEnd().split('\r\n')).toHaveLength(2);
    expect(text).toContain(',p2,');
  });

  it('refuses agents and anyone without a session, and explains a bad filter', async () => {
    expect((await exportAs(agent)).status).toBe(403);
    expect((await exportAs(null)).status).toBe(401);
    const bad = await exportAs(reviewer, '?personId=Jane%20Doe');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'personId is not a person id' } });
  });
});
