import { appendAuditEvent, type AuditEventRow, type DatabaseExecutor } from '@identdesk/db';
import type { AuditAction, Role } from '@identdesk/domain';

/** What `audit()` reads from a tRPC context (or builds by hand outside one). */
export interface AuditContext {
  db: DatabaseExecutor;
  user: { id: string; role: Role } | null;
  origin: { ip: string | null; userAgent: string | null };
  /** Wall-clock time: never the sandbox's simulated clock, the trail is a record of real events. */
  auth: { clock: () => Date };
}

export interface AuditEntry {
  action: AuditAction;
  /** The customer whose data was seen or changed. */
  personId?: string | null;
  /** What was acted on, by id: `{ type: 'identification', id }`; null when nothing in particular. */
  subject: { type: string; id: string } | null;
  /** Why, where the action needs a reason (reveals, decisions). */
  reason?: string | null;
  /** Context without personal data: ids, counts, filter names. */
  details?: Record<string, unknown>;
  /** Who acted, when not the signed-in user: a sign-in names the account it was for. */
  actor?: { id: string; role: Role } | null;
}

const MAX_USER_AGENT_LENGTH = 512;

/**
 * Appends one event to the hash-chained audit trail: who (the signed-in user and their role),
 * what, which person, when, from where (IP, user agent) and why. Call it with `{ ...ctx, db: tx }`
 * inside a transaction to make the event part of the change it records.
 */
export async function audit(ctx: AuditContext, entry: AuditEntry): Promise<AuditEventRow> {
  const actor = entry.actor === undefined ? ctx.user : entry.actor;
  return appendAuditEvent(ctx.db, {
    occurredAt: ctx.auth.clock(),
    actorUserId: actor?.id ?? null,
    actorRole: actor?.role ?? null,
    action: entry.action,
    personId: entry.personId ?? null,
    subjectType: entry.subject?.type ?? null,
    subjectId: entry.subject?.id ?? null,
    reason: entry.reason ?? null,
    ip: ctx.origin.ip,
    userAgent: ctx.origin.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
    details: entry.details ?? {},
  });
}
