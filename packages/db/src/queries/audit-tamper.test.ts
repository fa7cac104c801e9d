import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.ts';
import { auditEvents, type AuditEventRow } from '../schema/audit-events.ts';
import {
  appendAuditEvent,
  auditChainHead,
  auditEventHash,
  configureAuditChain,
  keyedAuditEventHash,
  verifyAuditChain,
  type AuditChainAnchors,
} from './audit.ts';

/**
 * What someone with the rights of the table's owner (Identdesk's own database role) can do to the
 * trail behind the append-only trigger, and how the verifier names the first event it broke.
 */

const KEY = 'the-deployment-key-that-the-database-never-sees-0123';
let handle: TestDatabase;

beforeAll(async () => {
  handle = await openTestDatabase();
  configureAuditChain({ key: KEY });
});
afterAll(() => handle.close());

// Each case starts from an empty trail; only a test may empty it, past every trigger.
beforeEach(async () => {
  const client = await handle.pool.connect();
  try {
    await client.query('alter table audit_events disable trigger user');
    await client.query('truncate audit_events restart identity');
    await client.query('alter table audit_events enable trigger user');
  } finally {
    client.release();
  }
});

async function appendEvents(count: number): Promise<AuditEventRow[]> {
  const rows: AuditEventRow[] = [];
  for (let i = 0; i < count; i++) {
    rows.push(await appendAuditEvent(handle.db, { action: 'person.viewed', personId: `p${i}`, details: { i } }));
  }
  return rows;
}

/** Runs statements with the append-only trigger switched off, as the table's owner may. */
async function asOwner(run: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await handle.pool.connect();
  try {
    await client.query('begin');
    await client.query('alter table audit_events disable trigger audit_events_no_update_or_delete');
    await run(client);
    await client.query('alter table audit_events enable trigger audit_events_no_update_or_delete');
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/** Rewrites every hash and link from `fromId` (up to `toId`) with `hashOf`, so that stretch is self-consistent again. */
async function recomputeChain(hashOf: (row: AuditEventRow) => string, fromId = 0, toId = Number.POSITIVE_INFINITY): Promise<void> {
  const rows = await handle.db.select().from(auditEvents).orderBy(auditEvents.id);
  await asOwner(async (client) => {
    let previous: string | null = null;
    for (const row of rows) {
      if (row.id >= fromId && row.id <= toId) {
        const rewritten = { ...row, prevHash: previous };
        const hash = hashOf(rewritten);
        await client.query('update audit_events set prev_hash = $1, hash = $2 where id = $3', [previous, hash, row.id]);
        previous = hash;
      } else {
        previous = row.hash;
      }
    }
  });
}

/** Events as the trail held them before it was keyed: plain sha256, inserted the way the old code did. */
async function insertUnkeyedEvents(count: number): Promise<AuditEventRow[]> {
  const rows: AuditEventRow[] = [];
  for (let i = 0; i < count; i++) {
    const head = await auditChainHead(handle.db);
    const fields = {
      occurredAt: new Date(Date.UTC(2025, 0, 1, 9, i)),
      actorUserId: null,
      actorRole: null,
      action: 'auth.login_failed',
      personId: null,
      subjectType: null,
      subjectId: null,
      reason: null,
      ip: '192.0.2.1',
      userAgent: null,
      details: { i },
      prevHash: head?.hash ?? null,
    };
    const [row] = await handle.db
      .insert(auditEvents)
      .values({ ...fields, hash: auditEventHash(fields) })
      .returning();
    if (row) rows.push(row);
  }
  return rows;
}

async function newestEvent() {
  const head = await auditChainHead(handle.db);
  if (!head) throw new Error('the trail is empty');
  return head;
}

/** An anchor that says keyed hashing began after this event. */
function keyedAfterEvent(row: AuditEventRow | undefined): AuditChainAnchors {
  if (!row) throw new Error('no such event');
  return { keyedAfter: { seq: row.id, hash: row.hash }, checkpoints: [] };
}

describe('a keyed audit chain', () => {
  it('verifies as written, and not under another key', async () => {
    const rows = await appendEvents(3);
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, checked: 3 });
    expect(rows[1]?.hash).toBe(keyedAuditEventHash(KEY, rows[1] as AuditEventRow));
    expect(rows[1]?.hash).not.toBe(auditEventHash(rows[1] as AuditEventRow));
    expect(await verifyAuditChain(handle.db, { key: 'some-other-key-of-at-least-32-characters' })).toMatchObject({
      ok: false,
      brokenAtId: rows[0]?.id,
      problem: 'hash_mismatch',
    });
  });

  it('names an event edited behind the trigger', async () => {
    const rows = await appendEvents(4);
    await asOwner(async (client) => {
      await client.query("update audit_events set person_id = 'someone-else' where id = $1", [rows[2]?.id]);
    });
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: false, checked: 2, brokenAtId: rows[2]?.id, problem: 'hash_mismatch' });
  });

  it('names the event after one deleted from the middle', async () => {
    const rows = await appendEvents(4);
    await asOwner(async (client) => {
      await client.query('delete from audit_events where id = $1', [rows[1]?.id]);
    });
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: false, checked: 1, brokenAtId: rows[2]?.id, problem: 'broken_link' });
  });

  it('names the first newest event deleted, once an anchor outside the database recorded it', async () => {
    const rows = await appendEvents(5);
    const anchors: AuditChainAnchors = {
      keyedAfter: { seq: 0, hash: null },
      checkpoints: [{ ...(await newestEvent()), at: '2030-01-01T00:00:00.000Z' }],
    };
    expect(await verifyAuditChain(handle.db, { anchors })).toEqual({ ok: true, checked: 5 });
    await asOwner(async (client) => {
      await client.query('delete from audit_events where id >= $1', [rows[3]?.id]);
    });
    // Without the anchor the shortened chain is self-consistent: nothing in the database can tell.
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, checked: 3 });
    expect(await verifyAuditChain(handle.db, { anchors })).toEqual({
      ok: false,
      checked: 3,
      brokenAtId: rows[4]?.id,
      problem: 'anchored_event_missing',
      anchor: anchors.checkpoints[0],
      lastId: rows[2]?.id,
    });

    // New events after the deletion do not cover it up: the anchored one is still missing.
    await appendEvents(2);
    expect(await verifyAuditChain(handle.db, { anchors })).toMatchObject({ ok: false, brokenAtId: rows[4]?.id, problem: 'anchored_event_missing' });
  });

  it('names the first event of a chain recomputed with plain sha256 or with a wrong key', async () => {
    const rows = await appendEvents(4);
    await recomputeChain((row) => keyedAuditEventHash('a key guessed by whoever owns the table', row), rows[1]?.id);
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: false, checked: 1, brokenAtId: rows[1]?.id, problem: 'hash_mismatch' });

    // Plain sha256 after keyed events: the downgrade is refused from the first rewritten event.
    await recomputeChain(auditEventHash, rows[2]?.id);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, brokenAtId: rows[1]?.id, problem: 'hash_mismatch' });
    await recomputeChain((row) => keyedAuditEventHash(KEY, row), rows[1]?.id);
    await recomputeChain(auditEventHash, rows[2]?.id);
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: false, checked: 2, brokenAtId: rows[2]?.id, problem: 'not_keyed' });
  });
});

describe('events written before the chain was keyed', () => {
  it('still verify, with keyed events after them', async () => {
    const unkeyed = await insertUnkeyedEvents(3);
    const keyed = await appendEvents(2);
    expect(keyed[0]?.prevHash).toBe(unkeyed[2]?.hash);
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, checked: 5 });
    const anchors: AuditChainAnchors = keyedAfterEvent(unkeyed[2]);
    expect(await verifyAuditChain(handle.db, { anchors })).toEqual({ ok: true, checked: 5 });
  });

  it('cannot be faked by downgrading the whole chain to plain sha256 once the switch is anchored', async () => {
    const unkeyed = await insertUnkeyedEvents(2);
    const anchors: AuditChainAnchors = keyedAfterEvent(unkeyed[1]);
    const keyed = await appendEvents(3);
    await recomputeChain(auditEventHash);
    expect(await verifyAuditChain(handle.db, { anchors })).toEqual({ ok: false, checked: 2, brokenAtId: keyed[0]?.id, problem: 'not_keyed' });
  });

  it('cannot be edited either: the first keyed event links to them, and only the anchor catches a downgrade of both', async () => {
    const unkeyed = await insertUnkeyedEvents(2);
    const anchors: AuditChainAnchors = keyedAfterEvent(unkeyed[1]);
    const keyed = await appendEvents(1);
    await asOwner(async (client) => {
      await client.query("update audit_events set ip = '203.0.113.66' where id = $1", [unkeyed[1]?.id]);
    });
    await recomputeChain(auditEventHash, unkeyed[1]?.id, unkeyed[1]?.id);
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: false, checked: 2, brokenAtId: keyed[0]?.id, problem: 'broken_link' });

    await recomputeChain(auditEventHash, keyed[0]?.id);
    expect(await verifyAuditChain(handle.db, { anchors })).toMatchObject({ ok: false, brokenAtId: unkeyed[1]?.id, problem: 'anchor_mismatch' });
  });
});
