import { PageHeader } from '../../../components/layout/page-header.tsx';
import { Loading, Skeleton } from '../../../components/ui/skeleton.tsx';
import { AUDIT_PAGE_DESCRIPTION } from './audit-text.ts';

export function AuditPending() {
  return (
    <>
      <PageHeader title="Audit" description={AUDIT_PAGE_DESCRIPTION} />
      <Loading label="Loading the audit trail…" className="space-y-4">
        <Skeleton className="h-28 w-full rounded-lg" />
        <Skeleton className="h-96 w-full rounded-lg" />
      </Loading>
    </>
  );
}
