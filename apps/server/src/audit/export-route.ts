import { streamAuditEvents, type AuditEventFilters, type AuditEventListItem, type Database } from '@identdesk/db';
import { auditEventFilterSchema, type AuditEventFilter } from '@identdesk/domain';
import { access, route, type HttpRoute } from '../access/http-routes.ts';
import { audit } from './audit.ts';
import { csvRow } from './csv.ts';

export const AUDIT_EXPORT_PATH = '/api/audit/export.csv';

/** Who may read the audit trail: compliance, and admins who run the system. */
export const AUDIT_READERS = ['compliance', 'admin'] as const;

/** The database filters of the audit page's filter values. */
export function auditFiltersOf(filter: AuditEventFilter): AuditEventFilters {
  return {
    actorUserId: filter.userId,
    personId: filter.personId,
    action: filter.action,
    from: filter.from ? new Date(filter.from) : undefined,
    to: filter.to ? new Date(filter.to) : undefined,
  };
}

const COLUMNS: readonly [string, (event: AuditEventListItem) => unknown][] = [
  ['id', (event) => event.id],
  ['occurred_at', (event) => event.occurredAt],
  ['action', (event) => event.action],
  ['actor_user_id', (event) => event.actorUserId],
  ['actor_name', (event) => event.actorDisplayName],
  ['actor_email', (event) => event.actorEmail],
  ['actor_role', (event) => event.actorRole],
  ['person_id', (event) => event.personId],
  ['subject_type', (event) => event.subjectType],
  ['subject_id', (event) => event.subjectId],
  ['reason', (event) => event.reason],
  ['ip', (event) => event.ip],
  ['user_agent', (event) => event.userAgent],
  ['details', (event) => event.details],
];

/**
 * GET /api/audit/export.csv?userId=…&personId=…&action=…&from=…&to=… — every event the audit
 * page's filters select, newest first, streamed. The export itself is an audit event. Filter
 * values are ids and times only, so nothing personal enters the URL or the access log.
 */
export function auditExportRoute(deps: { db: Database; clock: () => Date }): HttpRoute {
  return route(
    { method: 'get', path: AUDIT_EXPORT_PATH, access: access.roles(...AUDIT_READERS), summary: 'CSV export of the audit trail' },
    async ({ req, res, user }) => {
      const parsed = auditEventFilterSchema.safeParse(req.query);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        res.status(400).json({
          error: { code: 'BAD_REQUEST', message: `${issue?.path.join('.') ?? 'filter'} ${issue?.message ?? 'is not valid'}` },
        });
        return;
      }
      const filter = parsed.data;
      const now = deps.clock();
      const exported = await audit(
        { db: deps.db, user, origin: { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null }, auth: { clock: deps.clock } },
        { action: 'audit.exported', personId: filter.personId ?? null, subject: null, details: { filter } },
      );
      res.status(200);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="identdesk-audit-${now.toISOString().replaceAll(':', '-').slice(0, 19)}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      // The byte-order mark makes spreadsheets read umlauts in names as UTF-8.
      res.write(`\uFEFF${csvRow(COLUMNS.map(([name]) => name))}`);
      // The trail up to this export: the export's own event is the next one after it.
      for await (const event of streamAuditEvents(deps.db, auditFiltersOf(filter), { beforeId: exported.id })) {
        if (!res.write(csvRow(COLUMNS.map(([, value]) => value(event))))) {
          await new Promise((resolve) => res.once('drain', resolve));
        }
      }
      res.end();
    },
  );
}
