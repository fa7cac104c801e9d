import { createFileRoute } from '@tanstack/react-router';
import { ChartColumn } from 'lucide-react';
import { SectionGate } from '../../components/auth/section-not-allowed.tsx';
import { NotYetAvailable } from '../../components/layout/not-yet-available.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { pageHead } from '../../lib/page-title.ts';

export const Route = createFileRoute('/metrics/')({
  head: pageHead('Metrics'),
  component: () => (
    <SectionGate section="/metrics" title="Metrics">
      <MetricsPage />
    </SectionGate>
  ),
});

function MetricsPage() {
  return (
    <>
      <PageHeader title="Metrics" description="How identifications go, over time." />
      <NotYetAvailable icon={ChartColumn} title="Metrics are not available yet">
        This is where team leads will see the identification funnel, outcomes and failure reasons over time, drill
        down to the identifications behind a figure and export them as CSV.
      </NotYetAvailable>
    </>
  );
}
