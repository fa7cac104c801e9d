import { IDENTIFICATION_STATUS_MEANINGS } from '@identdesk/domain';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ComposedChart, LabelList, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure, ChartFigures } from '../../../components/charts/chart-figures.tsx';
import { ChartPanel } from '../../../components/charts/chart-panel.tsx';
import { AXIS_LABEL_STYLE, AXIS_TICK, CHART_COLORS, countAxis, GRID_STROKE, seriesFill, VALUE_LABEL, TOOLTIP_PROPS } from '../../../components/charts/chart-theme.ts';
import { csvFileName } from '../../../components/charts/csv.ts';
import { drillableBar } from '../../../components/charts/drillable-bar.tsx';
import { formatCount, formatDuration, formatPercent, percentOf } from '../../../components/charts/figures.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { LEGEND_PROPS } from '../../../components/charts/legend-props.tsx';
import { useTRPC } from '../../../lib/trpc.ts';
import { renderDrillLink, useOpenDrillDown } from './drill-link.tsx';
import { backlogInput, GRANULARITY_LABELS, seriesInput, type MetricsFilter } from './metrics-search.ts';
import { backlogTable, retryRecoveryTable, shortAgeLabel, type BacklogBucket, type DrillLink } from './metrics-tables.ts';
import { formatPeriod, formatPeriodTick } from './period-format.ts';

const BACKLOG_REFRESH_MS = 60_000;

type BacklogDatum = BacklogBucket & { tick: string; successfulTarget: DrillLink | null; failedTarget: DrillLink | null };

/** What waits in IDnow's review now, by how long it has waited; a bar opens its identifications. */
export function BacklogPanel({ filter }: { filter: MetricsFilter }) {
  const trpc = useTRPC();
  const open = useOpenDrillDown();
  const query = useQuery({
    ...trpc.metrics.backlog.queryOptions(backlogInput(filter)),
    placeholderData: (previous) => previous,
    // It is "now": keep it current while the page stays open.
    refetchInterval: BACKLOG_REFRESH_MS,
  });
  const data = query.data;
  const table = useMemo(() => (data ? backlogTable(data, filter) : undefined), [data, filter]);
  const bars = useMemo((): BacklogDatum[] => {
    if (!data || !table) return [];
    const successful = table.columns.find((column) => column.key === 'pendingSuccessful');
    const failed = table.columns.find((column) => column.key === 'pendingFailed');
    return data.buckets.map((bucket) => ({
      ...bucket,
      tick: shortAgeLabel(bucket),
      successfulTarget: successful?.target?.(bucket) ?? null,
      failedTarget: failed?.target?.(bucket) ?? null,
    }));
  }, [data, table]);
  const shapes = useMemo(
    () => ({
      successful: drillableBar<BacklogDatum>({ describe: (datum) => datum.successfulTarget?.label ?? null, open: (datum) => datum.successfulTarget && open(datum.successfulTarget) }),
      failed: drillableBar<BacklogDatum>({ describe: (datum) => datum.failedTarget?.label ?? null, open: (datum) => datum.failedTarget && open(datum.failedTarget) }),
    }),
    [open],
  );
  const overdue = data ? data.buckets.filter((bucket) => bucket.fromHours >= 24).reduce((sum, bucket) => sum + bucket.total, 0) : 0;

  return (
    <ChartPanel
      title="Review backlog"
      description={
        data
          ? `Identifications in IDnow’s review now, by time since they entered it; as of ${formatDateTime(data.asOf)}. The date range does not apply.`
          : 'Identifications in IDnow’s review now, by time since they entered it. The date range does not apply.'
      }
      query={query}
      table={table}
      csvFileName={csvFileName('review-backlog', data ? data.asOf.slice(0, 16) : 'now')}
      isEmpty={data !== undefined && data.total === 0}
      emptyTitle="Nothing is waiting in review"
      emptyHint="Every identification IDnow reviewed has its result. Figures appear here as reviews start."
      renderTarget={renderDrillLink}
      chartHeight={220}
      figures={
        data ? (
          <ChartFigures>
            <ChartFigure label="In review" value={formatCount(data.total)} />
            <ChartFigure label="Over 24 hours" value={formatCount(overdue)} hint="longer than IDnow’s review should take" />
            <ChartFigure
              label="Longest wait"
              value={data.oldestStartedAt ? formatDuration((Date.parse(data.asOf) - Date.parse(data.oldestStartedAt)) / 1000) : '–'}
              hint={data.oldestStartedAt ? `since ${formatDateTime(data.oldestStartedAt)}` : undefined}
            />
          </ChartFigures>
        ) : null
      }
    >
      <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 500, height: 220 }}>
        <BarChart data={bars} margin={{ top: 18, right: 8, bottom: 24, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="tick" tick={AXIS_TICK} interval={0} label={{ value: 'Waiting in review', position: 'insideBottom', offset: -16, ...AXIS_LABEL_STYLE }} />
          <YAxis {...countAxis(Math.max(0, ...bars.map((bar) => bar.total)))} tick={AXIS_TICK} width={44} label={{ value: 'Identifications', angle: -90, position: 'insideLeft', offset: 4, ...AXIS_LABEL_STYLE, textAnchor: 'middle' }} />
          <Tooltip {...TOOLTIP_PROPS} />
          <Legend {...LEGEND_PROPS} verticalAlign="top" align="right" height={24} />
          <Bar
            dataKey="pendingSuccessful"
            name={IDENTIFICATION_STATUS_MEANINGS.pending_successful.label}
            stackId="backlog"
            fill={seriesFill(CHART_COLORS.violetSoft, 'diagonal')}
            shape={shapes.successful}
            isAnimationActive={false}
            maxBarSize={56}
          />
          <Bar
            dataKey="pendingFailed"
            name={IDENTIFICATION_STATUS_MEANINGS.pending_failed.label}
            stackId="backlog"
            fill={seriesFill(CHART_COLORS.violet, 'crosshatch')}
            shape={shapes.failed}
            isAnimationActive={false}
            maxBarSize={56}
          >
            <LabelList dataKey="total" position="top" {...VALUE_LABEL} formatter={(value) => (value === 0 ? '' : formatCount(Number(value)))} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}

/** Of the customers whose call was aborted or canceled, how many succeeded later. */
export function RetryRecoveryPanel({ filter }: { filter: MetricsFilter }) {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.metrics.retryRecovery.queryOptions(seriesInput(filter)), placeholderData: (previous) => previous });
  const data = query.data;
  const table = useMemo(() => (data ? retryRecoveryTable(data) : undefined), [data]);
  const points = useMemo(
    () =>
      data?.periods.map((period) => ({
        tick: formatPeriodTick(period.period, data.granularity),
        name: formatPeriod(period, data.granularity),
        interrupted: period.interrupted,
        recovered: period.recovered,
        ratePercent: percentOf(period.rate),
      })) ?? [],
    [data],
  );
  return (
    <ChartPanel
      title="Retry recovery"
      description="Customers by their first aborted or canceled call, and how many succeeded since (recent periods have had less time)."
      query={query}
      table={table}
      csvFileName={csvFileName('retry-recovery', filter.granularity, filter.from, 'to', filter.to)}
      isEmpty={data !== undefined && data.interrupted === 0}
      emptyTitle="No call was aborted or canceled in this range"
      chartHeight={220}
      figures={
        data ? (
          <ChartFigures>
            <ChartFigure label="Interrupted" value={formatCount(data.interrupted)} hint="customers" />
            <ChartFigure label="Succeeded later" value={formatCount(data.recovered)} />
            <ChartFigure label="Recovery rate" value={formatPercent(percentOf(data.rate))} />
          </ChartFigures>
        ) : null
      }
    >
      <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 500, height: 220 }}>
        <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 24, left: 8 }}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="tick" tick={AXIS_TICK} minTickGap={12} label={{ value: GRANULARITY_LABELS[filter.granularity], position: 'insideBottom', offset: -16, ...AXIS_LABEL_STYLE }} />
          <YAxis yAxisId="customers" {...countAxis(Math.max(0, ...points.map((point) => point.interrupted)))} tick={AXIS_TICK} width={44} label={{ value: 'Customers', angle: -90, position: 'insideLeft', offset: 4, ...AXIS_LABEL_STYLE, textAnchor: 'middle' }} />
          <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} ticks={[0, 50, 100]} tickFormatter={(value: number) => `${value} %`} tick={AXIS_TICK} width={44} />
          <Tooltip {...TOOLTIP_PROPS} labelFormatter={(_, payload) => payload[0]?.payload?.name ?? ''} formatter={(value, name) => (name === 'Recovery rate' ? formatPercent(typeof value === 'number' ? value : null) : value)} />
          <Legend {...LEGEND_PROPS} verticalAlign="top" align="right" height={24} />
          <Bar yAxisId="customers" dataKey="interrupted" name="Interrupted" fill={seriesFill(CHART_COLORS.zincSoft, 'solid')} isAnimationActive={false} />
          <Bar yAxisId="customers" dataKey="recovered" name="Succeeded later" fill={seriesFill(CHART_COLORS.emerald, 'diagonal')} isAnimationActive={false} />
          <Line yAxisId="rate" dataKey="ratePercent" name="Recovery rate" stroke={CHART_COLORS.accent} strokeWidth={2} strokeDasharray="5 3" dot={{ r: 3 }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}
