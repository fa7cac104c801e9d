import { createFileRoute } from '@tanstack/react-router';
import { ScrollText } from 'lucide-react';
import { NotYetAvailable } from '../../components/layout/not-yet-available.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { pageHead } from '../../lib/page-title.ts';

export const Route = createFileRoute('/audit/')({
  head: pageHead('Audit'),
  component: AuditPage,
});

function AuditPage() {
  return (
    <>
      <PageHeader title="Audit" description="Who saw and changed what, and when." />
      <NotYetAvailable icon={ScrollText} title="The audit trail is not available yet">
        This is where you will look up who opened or changed a customer&rsquo;s data, documents and decisions, and
        when.
      </NotYetAvailable>
    </>
  );
}
