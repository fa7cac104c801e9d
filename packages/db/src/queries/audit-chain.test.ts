import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.ts';
import { auditEvents } from '../schema/audit-events.ts';
import { appendAuditEvent, auditEventHash, verifyAuditChain } from './audit.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

describe('audit chain under concurrency', () => {
  it('never forks when appends race, inside and outside other transactions', async () => {
    const appends = Array.from({ length: 24 }, (_, i) => {
      if (i % 3 === 0) {
        // Part of a larger change: the chain lock is held until that transaction commits.
        return handle.db.transaction(async (tx) => {
          await tx.execute(sql`select 1`);
          await appendAuditEvent(tx, { action: 'person.change_proposed', personId: `p${i}`, details: { i } });
          await tx.execute(sql`select 2`);
        });
      }
      return appendAuditEvent(handle.db, { action: 'person.viewed', personId: `p${i}`, details: { i } });
    });
    await Promise.all(appends);

    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, checked: 24 });
    const links = await handle.db.select({ prevHash: auditEvents.prevHash }).from(auditEvents);
    const distinctParents = new Set(links.map((link) => link.prevHash));
    expect(distinctParents.size).toBe(24);
  });

  it('drops nothing from the chain when the surrounding transaction rolls back', async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await appendAuditEvent(tx, { action: 'person.change_proposed' });
        throw new Error('the audited change failed');
      }),
    ).rejects.toThrow('the audited change failed');
    await appendAuditEvent(handle.db, { action: 'person.viewed' });
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, checked: 25 });
  });
});

describe('an append that fails', () => {
  it('rolls back, frees its connection and the chain lock, and the next append links to the last stored event', async () => {
    const before = await handle.db.$count(auditEvents);
    // More failures than the pool has connections: a leaked connection or a held lock would hang the append after them.
    for (let i = 0; i < 6; i++) {
      await expect(appendAuditEvent(handle.db, { action: 'person.viewed', actorUserId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow();
    }
    await appendAuditEvent(handle.db, { action: 'person.viewed' });
    expect(await handle.db.$count(auditEvents)).toBe(before + 1);
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, checked: before + 1 });
  });
});

describe('audit chain against forgery', () => {
  it('detects a row inserted around appendAuditEvent with a self-consistent hash but the wrong link', async () => {
    const occurredAt = new Date('2030-01-01T00:00:00.000Z');
    const forged = {
      occurredAt,
      actorUserId: null,
      actorRole: null,
      action: 'auth.login_succeeded',
      personId: null,
      subjectType: null,
      subjectId: null,
      reason: null,
      ip: null,
      userAgent: null,
      details: {},
      prevHash: null,
    };
    const [row] = await handle.db
      .insert(auditEvents)
      .values({ ...forged, hash: auditEventHash(forged) })
      .returning({ id: auditEvents.id });
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: false, checked: 26, brokenAtId: row?.id, problem: 'broken_link' });
  });
});
