import { createFileRoute } from '@tanstack/react-router';
import { ClipboardCheck } from 'lucide-react';
import { SectionGate } from '../../components/auth/section-not-allowed.tsx';
import { NotYetAvailable } from '../../components/layout/not-yet-available.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { pageHead } from '../../lib/page-title.ts';

export const Route = createFileRoute('/compliance/')({
  head: pageHead('Compliance'),
  component: () => (
    <SectionGate section="/compliance" title="Compliance">
      <CompliancePage />
    </SectionGate>
  ),
});

function CompliancePage() {
  return (
    <>
      <PageHeader title="Compliance" description="Reviews that need a second pair of eyes." />
      <NotYetAvailable icon={ClipboardCheck} title="Compliance review is not available yet">
        This is where compliance reviewers will work through their queues and take four-eyes decisions, each one
        recorded in the audit trail.
      </NotYetAvailable>
    </>
  );
}
