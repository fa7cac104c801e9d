import { createHash, createHmac } from 'node:crypto';
import { asc, desc, gt, lt, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { DatabaseExecutor } from '../client.ts';
import { auditEvents, type AuditEventRow } from '../schema/audit-events.ts';
import { canonicalJson } from './field-changes.ts';

export interface AuditEventInput {
  /** Defaults to now. */
  occurredAt?: Date;
  actorUserId?: string | null;
  actorRole?: string | null;
  /** What happened, e.g. 'person.viewed', 'proof_of_address.approved'. */
  action: string;
  personId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  reason?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Context without personal data. */
  details?: Record<string, unknown>;
}

type HashedFields = Omit<AuditEventRow, 'id' | 'hash'>;

/** The previous hash and every stored field, in a fixed order: what both hash schemes cover. */
function hashedContent(event: HashedFields): string {
  return canonicalJson([
    event.prevHash,
    event.occurredAt,
    event.actorUserId,
    event.actorRole,
    event.action,
    event.personId,
    event.subjectType,
    event.subjectId,
    event.reason,
    event.ip,
    event.userAgent,
    event.details,
  ]);
}

/**
 * Plain sha256 of an event: how events were chained before the chain was keyed. Anyone can
 * compute it, so it is accepted only for those old events (see `verifyAuditChain`).
 */
export function auditEventHash(event: HashedFields): string {
  return createHash('sha256').update(hashedContent(event)).digest('hex');
}

/** HMAC-SHA256 of an event with the chain key, which the database never holds: only Identdesk can write a valid link. */
export function keyedAuditEventHash(key: string, event: HashedFields): string {
  return createHmac('sha256', key).update(hashedContent(event)).digest('hex');
}

/**
 * The key a process uses when it configured none: tests and test servers. It is published here,
 * so it protects nothing; the server and the scripts always configure the deployment's key
 * (AUDIT_CHAIN_KEY or the key file, apps/server/src/audit/chain-key.ts).
 */
export const UNCONFIGURED_AUDIT_CHAIN_KEY = 'identdesk-audit-chain-key-for-tests-only-never-in-a-deployment';

/** A head of the chain remembered outside the database: that event existed with that hash. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  /** When it was recorded (ISO), to tell the operator which record says so; absent for `--expect`. */
  at?: string;
}

/** What is kept outside the database about the chain. */
export interface AuditChainAnchors {
  /**
   * The newest event when keyed hashing began: every later event must carry a keyed hash, so
   * recomputing the chain with plain sha256 (a "downgrade") is caught at its first event.
   * `{ seq: 0 }` when the trail was keyed from its start; absent when unknown.
   */
  keyedAfter?: { seq: number; hash: string | null };
  /** Events known to have existed: a deleted newest event is missed otherwise. */
  checkpoints: AuditCheckpoint[];
}

interface AuditChainSettings {
  key: string;
  /** Called after each append, so the newest event gets anchored soon. */
  onAppended?: () => void;
  /** The anchors `verifyAuditChain` checks when its caller passes none. */
  anchors?: () => Promise<AuditChainAnchors>;
}

let chainSettings: AuditChainSettings = { key: UNCONFIGURED_AUDIT_CHAIN_KEY };

/**
 * Sets the key this process chains audit events with, and where their anchor lives. One trail
 * per process: the server and each script call it once, right after reading the configuration.
 */
export function configureAuditChain(settings: AuditChainSettings): void {
  chainSettings = { ...settings };
}

// Serialises appends so that each event links to the one before it.
const AUDIT_CHAIN_LOCK_KEY = 7_204_913_312;

/**
 * Begins a transaction, takes the chain lock and reads the newest hash in one message (the
 * simple protocol runs its statements in order, each with a fresh snapshot, so the head is read
 * after the lock is held): the audit write is on every view of personal data, and this saves two
 * of its five round trips. Read committed whatever the server's default: under repeatable read
 * the snapshot would predate the lock, and two appends could link to the same event.
 */
const BEGIN_LOCK_AND_READ_HEAD = `begin isolation level read committed; select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY}); select hash from audit_events order by id desc limit 1`;

function fieldsOf(input: AuditEventInput, prevHash: string | null): HashedFields {
  return {
    // Milliseconds, as JavaScript holds them, so the stored value hashes the same when read back.
    occurredAt: new Date((input.occurredAt ?? new Date()).getTime()),
    actorUserId: input.actorUserId ?? null,
    actorRole: input.actorRole ?? null,
    action: input.action,
    personId: input.personId ?? null,
    subjectType: input.subjectType ?? null,
    subjectId: input.subjectId ?? null,
    reason: input.reason ?? null,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    details: input.details ?? {},
    prevHash,
  };
}

async function insertEvent(db: Pick<DatabaseExecutor, 'insert'>, fields: HashedFields, key: string): Promise<AuditEventRow> {
  const [inserted] = await db
    .insert(auditEvents)
    .values({ ...fields, hash: keyedAuditEventHash(key, fields) })
    .returning();
  if (!inserted) throw new Error('audit insert returned nothing');
  return inserted;
}

const clientDatabases = new WeakMap<pg.PoolClient, Pick<DatabaseExecutor, 'insert'>>();

/** An append of its own: one connection, three round trips (lock and head, insert, commit). */
async function appendOnOwnConnection(pool: pg.Pool, input: AuditEventInput, key: string): Promise<AuditEventRow> {
  const client = await pool.connect();
  let discardClient = false;
  try {
    const results = (await client.query(BEGIN_LOCK_AND_READ_HEAD)) as unknown as pg.QueryResult<{ hash: string }>[];
    const head = results[2]?.rows[0];
    let clientDb = clientDatabases.get(client);
    if (!clientDb) {
      clientDb = drizzle({ client }) as unknown as Pick<DatabaseExecutor, 'insert'>;
      clientDatabases.set(client, clientDb);
    }
    const row = await insertEvent(clientDb, fieldsOf(input, head?.hash ?? null), key);
    await client.query('commit');
    return row;
  } catch (error) {
    await client.query('rollback').catch(() => {
      discardClient = true;
    });
    throw error;
  } finally {
    client.release(discardClient);
  }
}

/** Appends an event to the keyed hash chain. Pass a transaction to make it part of the audited change. */
export async function appendAuditEvent(db: DatabaseExecutor, input: AuditEventInput): Promise<AuditEventRow> {
  const { key, onAppended } = chainSettings;
  // The database itself (not a transaction) hands out its pool: the event gets a connection of its own.
  const pool = (db as { $client?: unknown }).$client;
  const row =
    pool instanceof pg.Pool
      ? await appendOnOwnConnection(pool, input, key)
      : await db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
          const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
          return insertEvent(tx, fieldsOf(input, last?.hash ?? null), key);
        });
  onAppended?.();
  return row;
}

/** The newest event of the chain, as a checkpoint to keep outside the database. */
export async function auditChainHead(db: DatabaseExecutor): Promise<AuditCheckpoint | null> {
  const [head] = await db
    .select({ seq: auditEvents.id, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return head ?? null;
}

export type AuditChainProblem =
  /** The content does not match the hash under the key: edited, or rewritten without the key (or a different key is configured). */
  | 'hash_mismatch'
  /** It does not link to the event before it: an event was removed or inserted out of band. */
  | 'broken_link'
  /** A plain sha256 hash where the keyed chain had already begun: recomputed by someone without the key. */
  | 'not_keyed'
  /** Its hash differs from the one an anchor recorded: the chain was rewritten. */
  | 'anchor_mismatch'
  /** An anchor recorded this event, and it is gone: the newest events were deleted. */
  | 'anchored_event_missing';

export type AuditChainVerification =
  | { ok: true; checked: number }
  | {
      ok: false;
      checked: number;
      brokenAtId: number;
      problem: AuditChainProblem;
      /** The anchor that contradicts the trail (anchor problems). */
      anchor?: AuditCheckpoint;
      /** The newest event still in the trail before the missing anchored one: those after it are gone. */
      lastId?: number | null;
    };

/**
 * Recomputes the chain from the first event with the key, and holds it against the anchors kept
 * outside the database: finds edited, removed, inserted-out-of-band or recomputed events, and
 * newest events deleted since an anchor recorded them. Events hashed with plain sha256 (written
 * before the chain was keyed) pass only before the first keyed event and before `keyedAfter`.
 */
export async function verifyAuditChain(
  db: DatabaseExecutor,
  options: { batchSize?: number; key?: string; anchors?: AuditChainAnchors } = {},
): Promise<AuditChainVerification> {
  const batchSize = options.batchSize ?? 1000;
  const key = options.key ?? chainSettings.key;
  const anchors = options.anchors ?? (await chainSettings.anchors?.()) ?? { checkpoints: [] };
  const plainAllowedUpTo = anchors.keyedAfter?.seq ?? Number.POSITIVE_INFINITY;
  const expected = new Map<number, AuditCheckpoint>();
  for (const checkpoint of anchors.checkpoints) expected.set(checkpoint.seq, checkpoint);
  if (anchors.keyedAfter?.hash) expected.set(anchors.keyedAfter.seq, { seq: anchors.keyedAfter.seq, hash: anchors.keyedAfter.hash });

  let previousHash: string | null = null;
  let keyedSeen = false;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, afterId))
      .orderBy(asc(auditEvents.id))
      .limit(batchSize);
    for (const row of batch) {
      const broken = (problem: AuditChainProblem, anchor?: AuditCheckpoint) =>
        ({ ok: false, checked, brokenAtId: row.id, problem, ...(anchor ? { anchor } : {}) }) as const;
      if (row.prevHash !== previousHash) return broken('broken_link');
      if (keyedAuditEventHash(key, row) === row.hash) keyedSeen = true;
      else if (auditEventHash(row) !== row.hash) return broken('hash_mismatch');
      else if (keyedSeen || row.id > plainAllowedUpTo) return broken('not_keyed');
      const anchor = expected.get(row.id);
      if (anchor && anchor.hash !== row.hash) return broken('anchor_mismatch', anchor);
      expected.delete(row.id);
      previousHash = row.hash;
      afterId = row.id;
      checked++;
    }
    if (batch.length < batchSize) break;
  }
  // Whatever an anchor recorded and the walk did not meet is gone; the oldest such event comes first.
  const missing = [...expected.values()].filter((anchor) => anchor.seq > 0).sort((a, b) => a.seq - b.seq)[0];
  if (missing) {
    const [before] = await db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(lt(auditEvents.id, missing.seq))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    return { ok: false, checked, brokenAtId: missing.seq, problem: 'anchored_event_missing', anchor: missing, lastId: before?.id ?? null };
  }
  return { ok: true, checked };
}
