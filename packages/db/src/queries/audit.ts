import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
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

/** sha256 over the previous hash and every stored field, in a fixed order. */
export function auditEventHash(event: HashedFields): string {
  const content = canonicalJson([
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
  return createHash('sha256').update(content).digest('hex');
}

// Serialises appends so that each event links to the one before it.
const AUDIT_CHAIN_LOCK_KEY = 7_204_913_312;

/** Appends an event to the hash-chained audit trail. Pass a transaction to make it part of the audited change. */
export async function appendAuditEvent(db: DatabaseExecutor, input: AuditEventInput): Promise<AuditEventRow> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
    const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    const fields: HashedFields = {
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
      prevHash: last?.hash ?? null,
    };
    const [row] = await tx
      .insert(auditEvents)
      .values({ ...fields, hash: auditEventHash(fields) })
      .returning();
    if (!row) throw new Error('audit insert returned nothing');
    return row;
  });
}

export type AuditChainVerification =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAtId: number; problem: 'hash_mismatch' | 'broken_link' };

/** Recomputes the chain from the first event: finds edited, removed or inserted-out-of-band rows. */
export async function verifyAuditChain(
  db: DatabaseExecutor,
  options: { batchSize?: number } = {},
): Promise<AuditChainVerification> {
  const batchSize = options.batchSize ?? 1000;
  let previousHash: string | null = null;
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
      if (row.prevHash !== previousHash) return { ok: false, checked, brokenAtId: row.id, problem: 'broken_link' };
      if (auditEventHash(row) !== row.hash) return { ok: false, checked, brokenAtId: row.id, problem: 'hash_mismatch' };
      previousHash = row.hash;
      afterId = row.id;
      checked++;
    }
    if (batch.length < batchSize) return { ok: true, checked };
  }
}
