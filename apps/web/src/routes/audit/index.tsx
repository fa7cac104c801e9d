import { pageCount } from '@identdesk/domain';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link, type ErrorComponentProps } from '@tanstack/react-router';
import { useTable } from '@tanstack/react-table';
import { ChevronLeft, ChevronRight, Download, ScrollText } from 'lucide-react';
import { SectionGate } from '../../components/auth/section-not-allowed.tsx';
import { DataTable } from '../../components/data-table/data-table.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { RouteError } from '../../components/layout/route-error.tsx';
import { buttonClasses } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Panel } from '../../components/ui/panel.tsx';
import { mayLoad } from '../../lib/auth.ts';
import { cn } from '../../lib/cn.ts';
import { formatCount } from '../../lib/format.ts';
import { pageHead } from '../../lib/page-title.ts';
import { auditColumns, auditFeatures } from './-components/audit-columns.tsx';
import { AuditFilters } from './-components/audit-filters.tsx';
import { AuditPending } from './-components/audit-pending.tsx';
import { auditExportHref, auditListInput, auditSearchSchema, hasFilters, type AuditSearch } from './-components/audit-search.ts';
import { AUDIT_PAGE_DESCRIPTION } from './-components/audit-text.ts';
import { ChainCheck } from './-components/chain-check.tsx';

export const Route = createFileRoute('/audit/')({
  head: pageHead('Audit'),
  validateSearch: auditSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: async ({ context, deps }) => {
    if (!(await mayLoad(context, '/audit'))) return;
    const { queryClient, trpc } = context;
    await Promise.all([
      queryClient.ensureQueryData(trpc.audit.list.queryOptions(auditListInput(deps))),
      queryClient.ensureQueryData(trpc.audit.users.queryOptions()),
    ]);
  },
  pendingComponent: AuditPending,
  errorComponent: AuditError,
  component: () => (
    <SectionGate section="/audit" title="Audit" description={AUDIT_PAGE_DESCRIPTION}>
      <AuditPage />
    </SectionGate>
  ),
});

function AuditPage() {
  const { trpc } = Route.useRouteContext();
  const search = Route.useSearch();
  const events = useSuspenseQuery(trpc.audit.list.queryOptions(auditListInput(search)));
  const users = useSuspenseQuery(trpc.audit.users.queryOptions());
  const table = useTable({ features: auditFeatures, columns: auditColumns, data: events.data.items });
  const { total, page, pageSize } = events.data;
  const pages = pageCount(total, pageSize);
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  return (
    <>
      <PageHeader
        title="Audit"
        description={AUDIT_PAGE_DESCRIPTION}
        actions={
          <>
            <ChainCheck />
            <a href={auditExportHref(search)} download className={buttonClasses({ size: 'sm' })}>
              <Download aria-hidden="true" />
              Download CSV
            </a>
          </>
        }
      />
      <AuditFilters search={search} users={users.data} />
      <Panel
        title="Events"
        description={
          total === 0
            ? 'Nothing matches.'
            : `${formatCount(first)}–${formatCount(last)} of ${formatCount(total)}, newest first.`
        }
        actions={<Pager search={search} page={page} pages={pages} />}
      >
        <DataTable
          table={table}
          caption="Audit events"
          empty={
            <EmptyState icon={ScrollText} title="No events match these filters">
              {hasFilters(search)
                ? 'Clear a filter or widen the time range.'
                : 'Events appear here as people sign in and open customers’ data.'}
            </EmptyState>
          }
        />
      </Panel>
    </>
  );
}

function Pager({ search, page, pages }: { search: AuditSearch; page: number; pages: number }) {
  const link = (target: number, label: string, icon: typeof ChevronLeft, disabled: boolean) => {
    const Icon = icon;
    const className = buttonClasses({ size: 'sm', className: cn(disabled && 'pointer-events-none opacity-50') });
    return disabled ? (
      <span className={className} aria-disabled="true">
        <Icon aria-hidden="true" />
        {label}
      </span>
    ) : (
      <Link to="/audit" search={{ ...search, page: target === 1 ? undefined : target }} className={className}>
        <Icon aria-hidden="true" />
        {label}
      </Link>
    );
  };
  return (
    <nav aria-label="Pages" className="flex items-center gap-2">
      {link(page - 1, 'Previous', ChevronLeft, page <= 1)}
      <span className="text-xs text-zinc-500 tabular">
        Page {page} of {pages}
      </span>
      {link(page + 1, 'Next', ChevronRight, page >= pages)}
    </nav>
  );
}

function AuditError(props: ErrorComponentProps) {
  return (
    <>
      <PageHeader title="Audit" description={AUDIT_PAGE_DESCRIPTION} />
      <RouteError {...props} title="Could not load the audit trail" />
    </>
  );
}
