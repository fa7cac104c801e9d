import { createFileRoute, type ErrorComponentProps } from '@tanstack/react-router';
import { useMemo } from 'react';
import { SectionGate } from '../../components/auth/section-not-allowed.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { RouteError } from '../../components/layout/route-error.tsx';
import { mayLoad } from '../../lib/auth.ts';
import { pageHead } from '../../lib/page-title.ts';
import { BacklogPanel, RetryRecoveryPanel } from './-components/backlog-retry-panels.tsx';
import { FailureBreakdownPanels, FailureReasonsPanel } from './-components/failure-reasons-panels.tsx';
import { CohortPanel, FunnelPanel } from './-components/funnel-panels.tsx';
import { MetricsFilters } from './-components/metrics-filters.tsx';
import {
  backlogInput,
  metricsSearchSchema,
  metricsToday,
  rangeInput,
  resolveMetricsFilter,
  seriesInput,
  type MetricsFilter,
} from './-components/metrics-search.ts';
import { OutcomesPanel } from './-components/outcomes-panel.tsx';
import { TeamWorkPanels } from './-components/team-work-panels.tsx';
import { TimeToIdentifyPanel, TimeToIdentifyTrendPanel } from './-components/time-to-identify-panels.tsx';
import { IDENTIFICATION_LANGUAGE_LABELS } from '@identdesk/domain';
import { formatDayRange } from './-components/period-format.ts';

const DESCRIPTION = 'How identifications go: conversion, outcomes, failure reasons, time to identify, review backlog and team work.';

export const Route = createFileRoute('/metrics/')({
  head: pageHead('Metrics'),
  validateSearch: metricsSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: async ({ context, deps }) => {
    if (!(await mayLoad(context, '/metrics'))) return;
    const { queryClient, trpc } = context;
    const filter = resolveMetricsFilter(deps, metricsToday());
    // Started together, not awaited: each panel shows its own placeholder, error and retry, so
    // one slow or failing figure never holds up the others.
    void queryClient.prefetchQuery(trpc.metrics.funnel.queryOptions(seriesInput(filter)));
    void queryClient.prefetchQuery(trpc.metrics.outcomes.queryOptions(seriesInput(filter)));
    void queryClient.prefetchQuery(trpc.metrics.failureReasons.queryOptions(rangeInput(filter)));
    void queryClient.prefetchQuery(trpc.metrics.timeToIdentify.queryOptions(seriesInput(filter)));
    void queryClient.prefetchQuery(trpc.metrics.backlog.queryOptions(backlogInput(filter)));
    void queryClient.prefetchQuery(trpc.metrics.retryRecovery.queryOptions(seriesInput(filter)));
    void queryClient.prefetchQuery(trpc.metrics.teamWork.queryOptions(seriesInput(filter)));
    void queryClient.prefetchQuery(trpc.metrics.branches.queryOptions());
  },
  errorComponent: MetricsError,
  component: () => (
    <SectionGate section="/metrics" title="Metrics" description={DESCRIPTION}>
      <MetricsPage />
    </SectionGate>
  ),
});

function filterSummary(filter: MetricsFilter): string {
  return [
    formatDayRange(filter.from, filter.to),
    `by ${filter.granularity}`,
    filter.language ? `${IDENTIFICATION_LANGUAGE_LABELS[filter.language]} calls` : 'all languages',
    filter.branch ? `branch ${filter.branch}` : 'all branches',
  ].join(' · ');
}

function MetricsPage() {
  const search = Route.useSearch();
  // Presets end today in Berlin; the same search gives the same filter object, so the panels'
  // derived tables are not rebuilt on every render.
  const filter = useMemo(() => resolveMetricsFilter(search, metricsToday()), [search]);
  return (
    <>
      <PageHeader title="Metrics" description={DESCRIPTION} />
      <MetricsFilters search={search} filter={filter} />
      <p className="mb-4 text-xs text-zinc-500" aria-live="polite">
        Showing {filterSummary(filter)}. Days are Berlin days, as at Solaris.
      </p>
      <div className="space-y-4">
        <FunnelPanel filter={filter} />
        <CohortPanel filter={filter} />
        <OutcomesPanel filter={filter} />
        <FailureReasonsPanel filter={filter} />
        <FailureBreakdownPanels filter={filter} />
        <div className="grid gap-4 lg:grid-cols-2">
          <TimeToIdentifyPanel filter={filter} />
          <TimeToIdentifyTrendPanel filter={filter} />
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          <BacklogPanel filter={filter} />
          <RetryRecoveryPanel filter={filter} />
        </div>
        <TeamWorkPanels filter={filter} />
      </div>
    </>
  );
}

function MetricsError(props: ErrorComponentProps) {
  return (
    <>
      <PageHeader title="Metrics" description={DESCRIPTION} />
      <RouteError {...props} title="Could not load the metrics" />
    </>
  );
}
