import { and, count, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { auditEvents } from '../schema/audit-events.ts';
import { users } from '../schema/users.ts';
import type { Page } from './persons.ts';

export interface AuditEventFilters {
  actorUserId?: string;
  /** Events about this customer, or showing them in a list. */
  personId?: string;
  action?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** An audit event as the audit page and the CSV export show it, with who acted. */
export interface AuditEventListItem {
  id: number;
  occurredAt: Date;
  action: string;
  actorUserId: string | null;
  actorRole: string | null;
  actorDisplayName: string | null;
  actorEmail: string | null;
  personId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

const listColumns = {
  id: auditEvents.id,
  occurredAt: auditEvents.occurredAt,
  action: auditEvents.action,
  actorUserId: auditEvents.actorUserId,
  actorRole: auditEvents.actorRole,
  actorDisplayName: users.displayName,
  actorEmail: users.email,
  personId: auditEvents.personId,
  subjectType: auditEvents.subjectType,
  subjectId: auditEvents.subjectId,
  reason: auditEvents.reason,
  ip: auditEvents.ip,
  userAgent: auditEvents.userAgent,
  details: auditEvents.details,
};

/**
 * Events about the customer, and events whose page showed them among others (a search's or a
 * compliance queue's `details.personIds`): who saw a customer includes who saw them in a list.
 * Written as the GIN index of migration 0007 is.
 */
function aboutOrShowing(personId: string): SQL | undefined {
  return or(
    eq(auditEvents.personId, personId),
    sql`(${auditEvents.details} -> 'personIds') @> ${JSON.stringify([personId])}::jsonb`,
  );
}

function conditionOf(filters: AuditEventFilters): SQL | undefined {
  return and(
    filters.actorUserId ? eq(auditEvents.actorUserId, filters.actorUserId) : undefined,
    filters.personId ? aboutOrShowing(filters.personId) : undefined,
    filters.action ? eq(auditEvents.action, filters.action) : undefined,
    filters.from ? gte(auditEvents.occurredAt, filters.from) : undefined,
    filters.to ? lt(auditEvents.occurredAt, filters.to) : undefined,
  );
}

/** Audit events matching the filters, newest first, one page at a time. */
export async function listAuditEvents(
  db: DatabaseExecutor,
  params: { filters: AuditEventFilters; page: number; pageSize: number },
): Promise<Page<AuditEventListItem>> {
  const page = Math.max(1, Math.floor(params.page));
  const pageSize = Math.min(200, Math.max(1, Math.floor(params.pageSize)));
  const condition = conditionOf(params.filters);
  const [items, [counted]] = await Promise.all([
    db
      .select(listColumns)
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(condition)
      .orderBy(desc(auditEvents.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(auditEvents).where(condition),
  ]);
  return { items, total: counted?.total ?? 0, page, pageSize };
}

/**
 * Every matching event (older than `beforeId` when given), newest first, in batches read by
 * keyset, so an export of the whole trail never holds it in memory nor slows down with depth as
 * OFFSET would.
 */
export async function* streamAuditEvents(
  db: DatabaseExecutor,
  filters: AuditEventFilters,
  options: { batchSize?: number; beforeId?: number } = {},
): AsyncGenerator<AuditEventListItem> {
  const batchSize = options.batchSize ?? 500;
  const condition = conditionOf(filters);
  let before = options.beforeId;
  for (;;) {
    const batch = await db
      .select(listColumns)
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(and(condition, before === undefined ? undefined : lt(auditEvents.id, before)))
      .orderBy(desc(auditEvents.id))
      .limit(batchSize);
    yield* batch;
    const last = batch.at(-1);
    if (!last || batch.length < batchSize) return;
    before = last.id;
  }
}
