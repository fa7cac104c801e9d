import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure, ChartFigures } from '../../../components/charts/chart-figures.tsx';
import { ChartPanel } from '../../../components/charts/chart-panel.tsx';
import { AXIS_LABEL_STYLE, AXIS_TICK, CHART_COLORS, countAxis, GRID_STROKE, seriesFill, type Texture, TOOLTIP_PROPS } from '../../../components/charts/chart-theme.ts';
import { csvFileName } from '../../../components/charts/csv.ts';
import { drillableBar } from '../../../components/charts/drillable-bar.tsx';
import { formatCount, formatPercent, percentOf } from '../../../components/charts/figures.ts';
import { LEGEND_PROPS } from '../../../components/charts/legend-props.tsx';
import { useTRPC } from '../../../lib/trpc.ts';
import { renderDrillLink, useOpenDrillDown } from './drill-link.tsx';
import { GRANULARITY_LABELS, seriesInput, type MetricsFilter } from './metrics-search.ts';
import { OUTCOME_STATUSES, outcomeLabel, outcomesTable, outcomeTotal, type DrillLink, type OutcomeStatus } from './metrics-tables.ts';
import { formatPeriod, formatPeriodTick } from './period-format.ts';

/** Colour and texture per outcome: good green, review violet, interrupted amber, lost red, expired grey. */
const OUTCOME_LOOKS: Record<OutcomeStatus, { color: string; texture: Texture }> = {
  successful: { color: CHART_COLORS.emerald, texture: 'solid' },
  pending_successful: { color: CHART_COLORS.violetSoft, texture: 'diagonal' },
  pending_failed: { color: CHART_COLORS.violet, texture: 'crosshatch' },
  aborted: { color: CHART_COLORS.amber, texture: 'dots' },
  canceled: { color: CHART_COLORS.orange, texture: 'horizontal' },
  failed: { color: CHART_COLORS.red, texture: 'vertical' },
  expired: { color: CHART_COLORS.zincSoft, texture: 'zigzag' },
};

interface OutcomeDatum {
  tick: string;
  name: string;
  counts: Record<OutcomeStatus, number>;
  targets: Record<OutcomeStatus, DrillLink | null>;
}

function byStatus<Value>(value: (status: OutcomeStatus) => Value): Record<OutcomeStatus, Value> {
  return {
    successful: value('successful'),
    pending_successful: value('pending_successful'),
    pending_failed: value('pending_failed'),
    aborted: value('aborted'),
    canceled: value('canceled'),
    failed: value('failed'),
    expired: value('expired'),
  };
}

/** Identifications entering each outcome status per period, stacked; a segment opens its list. */
export function OutcomesPanel({ filter }: { filter: MetricsFilter }) {
  const trpc = useTRPC();
  const open = useOpenDrillDown();
  const query = useQuery({ ...trpc.metrics.outcomes.queryOptions(seriesInput(filter)), placeholderData: (previous) => previous });
  const data = query.data;
  const table = useMemo(() => (data ? outcomesTable(data, filter) : undefined), [data, filter]);
  const bars = useMemo((): OutcomeDatum[] => {
    if (!data || !table) return [];
    const columns = new Map(table.columns.map((column) => [column.key, column]));
    return data.periods.map((period) => ({
      tick: formatPeriodTick(period.period, data.granularity),
      name: formatPeriod(period, data.granularity),
      counts: byStatus((status) => period.counts[status]),
      targets: byStatus((status) => columns.get(status)?.target?.(period) ?? null),
    }));
  }, [data, table]);
  // One stack per period: dozens of segments, so the keyboard opens them from the table's links.
  const shapes = useMemo(
    () =>
      byStatus((status) =>
        drillableBar<OutcomeDatum>({
          describe: (datum) => datum.targets[status]?.label ?? null,
          open: (datum) => {
            const target = datum.targets[status];
            if (target) open(target);
          },
          keyboard: false,
        }),
      ),
    [open],
  );
  const total = data ? outcomeTotal(data.totals) : 0;
  const finished = data ? data.totals.successful + data.totals.failed + data.totals.aborted + data.totals.canceled + data.totals.expired : 0;

  return (
    <ChartPanel
      title="Outcomes over time"
      description="Identifications entering each status after the request, per period (an identification aborted twice counts twice). Click a segment for its identifications."
      query={query}
      table={table}
      csvFileName={csvFileName('outcomes', filter.granularity, filter.from, 'to', filter.to)}
      isEmpty={data !== undefined && total === 0}
      emptyTitle="No identification changed status in this range"
      renderTarget={renderDrillLink}
      chartHeight={280}
      figures={
        <ChartFigures>
          <ChartFigure label="Successful" value={formatCount(data?.totals.successful ?? 0)} hint={`${formatPercent(percentOf(finished === 0 ? null : (data?.totals.successful ?? 0) / finished))} of outcomes, reviews aside`} />
          <ChartFigure label="Into review" value={formatCount((data?.totals.pending_successful ?? 0) + (data?.totals.pending_failed ?? 0))} hint="pending successful or failed" />
          <ChartFigure label="Aborted or canceled" value={formatCount((data?.totals.aborted ?? 0) + (data?.totals.canceled ?? 0))} hint="the customer may try again" />
          <ChartFigure label="Failed" value={formatCount(data?.totals.failed ?? 0)} />
          <ChartFigure label="Expired" value={formatCount(data?.totals.expired ?? 0)} />
        </ChartFigures>
      }
    >
      <ResponsiveContainer width="100%" height={280} initialDimension={{ width: 800, height: 280 }}>
        <BarChart data={bars} margin={{ top: 8, right: 8, bottom: 24, left: 8 }} barCategoryGap="18%">
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis
            dataKey="tick"
            tick={AXIS_TICK}
            minTickGap={12}
            label={{ value: GRANULARITY_LABELS[filter.granularity] + (filter.granularity === 'week' ? ' (starting Monday)' : ''), position: 'insideBottom', offset: -16, ...AXIS_LABEL_STYLE }}
          />
          <YAxis {...countAxis(Math.max(0, ...(data?.periods.map((period) => outcomeTotal(period.counts)) ?? [])))} tick={AXIS_TICK} width={48} label={{ value: 'Identifications', angle: -90, position: 'insideLeft', offset: 4, ...AXIS_LABEL_STYLE, textAnchor: 'middle' }} />
          <Tooltip {...TOOLTIP_PROPS} labelFormatter={(_, payload) => payload[0]?.payload?.name ?? ''} />
          <Legend {...LEGEND_PROPS} verticalAlign="top" align="right" height={28} />
          {OUTCOME_STATUSES.map((status) => (
            <Bar
              key={status}
              dataKey={(datum: OutcomeDatum) => datum.counts[status]}
              name={outcomeLabel(status)}
              stackId="outcomes"
              fill={seriesFill(OUTCOME_LOOKS[status].color, OUTCOME_LOOKS[status].texture)}
              shape={shapes[status]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}
