import { AUDIT_ACTION_LABELS, ROLE_DETAILS, type AuditAction, type Role } from '@identdesk/domain';
import { Link } from '@tanstack/react-router';
import { createColumnHelper, tableFeatures } from '@tanstack/react-table';
import '../../../components/data-table/column-meta.ts';
import { formatCount, formatDateTime } from '../../../lib/format.ts';
import type { RouterOutputs } from '../../../lib/trpc.ts';

export type AuditRow = RouterOutputs['audit']['list']['items'][number];

export const auditFeatures = tableFeatures({});

const column = createColumnHelper<typeof auditFeatures, AuditRow>();

function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action as AuditAction] ?? action;
}

function roleLabel(role: string | null): string {
  return role && role in ROLE_DETAILS ? ROLE_DETAILS[role as Role].label : (role ?? '');
}

/** The customers a search or queue page showed, as the server recorded them (ids only). */
function shownPersonIds(details: Record<string, unknown>): string[] {
  const ids = details.personIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

const filterLink = 'text-accent-700 underline-offset-2 hover:underline';

export const auditColumns = column.columns([
  column.accessor('occurredAt', {
    header: 'When',
    cell: (info) => (
      <time dateTime={info.getValue()} className="whitespace-nowrap tabular">
        {formatDateTime(info.getValue())}
      </time>
    ),
  }),
  column.display({
    id: 'who',
    header: 'Who',
    cell: ({ row }) => {
      const actor = row.original.actor;
      if (!actor) return <span className="text-zinc-500">No account</span>;
      return (
        <div className="min-w-0">
          <Link
            to="/audit"
            search={(previous) => ({ ...previous, userId: actor.id, page: undefined })}
            className={filterLink}
            title={`Only events of ${actor.displayName ?? 'this user'}`}
          >
            {actor.displayName ?? actor.id}
          </Link>
          <p className="text-xs text-zinc-500">{roleLabel(actor.role)}</p>
        </div>
      );
    },
  }),
  column.accessor('action', {
    header: 'What',
    cell: (info) => (
      <div>
        <p>{actionLabel(info.getValue())}</p>
        <p className="font-mono text-xs text-zinc-500">{info.getValue()}</p>
      </div>
    ),
  }),
  column.accessor('personId', {
    header: 'Customer',
    cell: (info) => {
      const personId = info.getValue();
      if (!personId) {
        const shown = shownPersonIds(info.row.original.details);
        if (shown.length === 0) return <span className="text-zinc-400">–</span>;
        // A search or queue page: how many customers it showed; their ids on hover and in the CSV export.
        return (
          <span className="whitespace-nowrap text-xs text-zinc-600" title={shown.join(', ')}>
            {shown.length === 1 ? '1 customer in a list' : `${formatCount(shown.length)} customers in a list`}
          </span>
        );
      }
      return (
        <Link
          to="/audit"
          search={(previous) => ({ ...previous, personId, page: undefined })}
          className={`${filterLink} font-mono text-xs`}
          title="Only events about this customer"
        >
          {personId}
        </Link>
      );
    },
  }),
  column.accessor('reason', {
    header: 'Why',
    cell: (info) => info.getValue() ?? <span className="text-zinc-400">–</span>,
  }),
  column.display({
    id: 'from',
    header: 'From',
    cell: ({ row }) => (
      <div className="max-w-56">
        <p className="font-mono text-xs">{row.original.ip ?? 'unknown address'}</p>
        {row.original.userAgent ? (
          <p className="truncate text-xs text-zinc-500" title={row.original.userAgent}>
            {row.original.userAgent}
          </p>
        ) : null}
      </div>
    ),
  }),
]);
