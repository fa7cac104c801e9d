import { listAuditEvents, listStaffUsers, verifyAuditChain, type AuditEventListItem } from '@identdesk/db';
import { auditEventFilterSchema, paginationInputSchema } from '@identdesk/domain';
import { AUDIT_READERS, auditFiltersOf } from '../../audit/export-route.ts';
import { roleProcedure, router } from '../init.ts';

const auditReader = roleProcedure(...AUDIT_READERS);

/** Plain JSON over HTTP (decision 0002): instants travel as ISO strings. */
function toListItem(event: AuditEventListItem) {
  return {
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    action: event.action,
    actor: event.actorUserId
      ? { id: event.actorUserId, displayName: event.actorDisplayName, email: event.actorEmail, role: event.actorRole }
      : null,
    personId: event.personId,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    reason: event.reason,
    ip: event.ip,
    userAgent: event.userAgent,
    details: event.details,
  };
}

export const auditRouter = router({
  /** The trail, newest first, filtered by user, person, action and time range; one page at a time. */
  list: auditReader.input(auditEventFilterSchema.extend(paginationInputSchema.shape)).query(async ({ ctx, input }) => {
    const { page, pageSize, ...filter } = input;
    const result = await listAuditEvents(ctx.db, { filters: auditFiltersOf(filter), page, pageSize });
    return { ...result, items: result.items.map(toListItem) };
  }),

  /** Staff users for the "who" filter. */
  users: auditReader.query(async ({ ctx }) => {
    const users = await listStaffUsers(ctx.db);
    return users.map((user) => ({ id: user.id, displayName: user.displayName, email: user.email, role: user.role }));
  }),

  /** Recomputes the hash chain (what `pnpm audit:verify` does), for the audit page's check. */
  verify: auditReader.query(async ({ ctx }) => verifyAuditChain(ctx.db)),
});
