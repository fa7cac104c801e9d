import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure, ChartFigures } from '../../../components/charts/chart-figures.tsx';
import { ChartPanel } from '../../../components/charts/chart-panel.tsx';
import { AXIS_LABEL_STYLE, AXIS_TICK, CHART_COLORS, countAxis, GRID_STROKE, VALUE_LABEL, TOOLTIP_PROPS } from '../../../components/charts/chart-theme.ts';
import { csvFileName } from '../../../components/charts/csv.ts';
import { durationTicks, formatCount, formatDuration, formatDurationBound, roundDurationSeconds } from '../../../components/charts/figures.ts';
import { LEGEND_PROPS } from '../../../components/charts/legend-props.tsx';
import { useTRPC } from '../../../lib/trpc.ts';
import { GRANULARITY_LABELS, seriesInput, type MetricsFilter } from './metrics-search.ts';
import { timeBinsTable, timeToIdentifyPeriodsTable } from './metrics-tables.ts';
import { formatPeriod, formatPeriodTick } from './period-format.ts';

/** The p90's marker: a square, where the median has circles. */
function SquareDot({ cx, cy, stroke }: { cx?: number; cy?: number; stroke?: string }) {
  if (cx === undefined || cy === undefined) return null;
  return <rect x={cx - 3} y={cy - 3} width={6} height={6} fill="white" stroke={stroke} strokeWidth={1.5} />;
}

function useTimeToIdentify(filter: MetricsFilter) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.metrics.timeToIdentify.queryOptions(seriesInput(filter)), placeholderData: (previous) => previous });
}

const EMPTY_TITLE = 'No identification succeeded in this range';

/** How long from the request to IDnow to the first success: median, p90 and the distribution. */
export function TimeToIdentifyPanel({ filter }: { filter: MetricsFilter }) {
  const query = useTimeToIdentify(filter);
  const data = query.data;
  const table = useMemo(() => (data ? timeBinsTable(data) : undefined), [data]);
  const bins = table?.rows ?? [];
  return (
    <ChartPanel
      title="Time to identify"
      description="Request to IDnow until the first success (pending successful or successful), by the day of that success."
      query={query}
      table={table}
      csvFileName={csvFileName('time-to-identify', filter.from, 'to', filter.to)}
      isEmpty={data !== undefined && data.identified === 0}
      emptyTitle={EMPTY_TITLE}
      chartHeight={220}
      figures={
        data ? (
          <ChartFigures>
            <ChartFigure label="Identified" value={formatCount(data.identified)} />
            <ChartFigure label="Median" value={formatDuration(data.medianSeconds)} hint="half took less" />
            <ChartFigure label="90th percentile" value={formatDuration(data.p90Seconds)} hint="nine in ten took less" />
          </ChartFigures>
        ) : null
      }
    >
      <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 500, height: 220 }}>
        <BarChart data={bins} margin={{ top: 18, right: 8, bottom: 24, left: 8 }}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis dataKey="label" tick={AXIS_TICK} interval="preserveStartEnd" label={{ value: 'Time to identify', position: 'insideBottom', offset: -16, ...AXIS_LABEL_STYLE }} />
          <YAxis {...countAxis(Math.max(0, ...bins.map((bin) => bin.identifications)))} tick={AXIS_TICK} width={44} label={{ value: 'Identifications', angle: -90, position: 'insideLeft', offset: 4, ...AXIS_LABEL_STYLE, textAnchor: 'middle' }} />
          <Tooltip {...TOOLTIP_PROPS} />
          <Bar dataKey="identifications" name="Identifications" fill={CHART_COLORS.accent} isAnimationActive={false}>
            <LabelList dataKey="identifications" position="top" {...VALUE_LABEL} formatter={(value) => (value === 0 ? '' : formatCount(Number(value)))} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}

/** Median and p90 per period: whether identifications get faster or slower. */
export function TimeToIdentifyTrendPanel({ filter }: { filter: MetricsFilter }) {
  const query = useTimeToIdentify(filter);
  const data = query.data;
  const table = useMemo(() => (data ? timeToIdentifyPeriodsTable(data) : undefined), [data]);
  const points = useMemo(
    () =>
      data?.periods.map((period) => ({
        tick: formatPeriodTick(period.period, data.granularity),
        name: formatPeriod(period, data.granularity),
        // Plotted as shown: the rounded figures of the table.
        median: period.medianSeconds === null ? null : roundDurationSeconds(period.medianSeconds),
        p90: period.p90Seconds === null ? null : roundDurationSeconds(period.p90Seconds),
      })) ?? [],
    [data],
  );
  const ticks = durationTicks(Math.max(0, ...points.map((point) => point.p90 ?? point.median ?? 0)));
  return (
    <ChartPanel
      title="Time to identify over time"
      description={`Median and 90th percentile per ${filter.granularity}; a gap means no success that ${filter.granularity}.`}
      query={query}
      table={table}
      csvFileName={csvFileName('time-to-identify-per', filter.granularity, filter.from, 'to', filter.to)}
      isEmpty={data !== undefined && data.identified === 0}
      emptyTitle={EMPTY_TITLE}
      chartHeight={220}
    >
      <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 500, height: 220 }}>
        <LineChart data={points} margin={{ top: 8, right: 12, bottom: 24, left: 8 }}>
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis
            dataKey="tick"
            tick={AXIS_TICK}
            minTickGap={12}
            // Room for the markers of the first and last period, which sit on the plot's edges.
            padding={{ left: 10, right: 10 }}
            label={{ value: GRANULARITY_LABELS[filter.granularity], position: 'insideBottom', offset: -16, ...AXIS_LABEL_STYLE }}
          />
          <YAxis tick={AXIS_TICK} width={56} ticks={ticks} domain={[0, ticks[ticks.length - 1] ?? 0]} tickFormatter={(value: number) => (value === 0 ? '0' : formatDurationBound(value))} />
          <Tooltip {...TOOLTIP_PROPS} labelFormatter={(_, payload) => payload[0]?.payload?.name ?? ''} formatter={(value) => formatDuration(typeof value === 'number' ? value : null)} />
          <Legend {...LEGEND_PROPS} verticalAlign="top" align="right" height={24} />
          {/* Told apart by line style and marker, not only colour. */}
          <Line dataKey="median" name="Median" stroke={CHART_COLORS.accent} strokeWidth={2} dot={{ r: 3 }} legendType="circle" isAnimationActive={false} />
          <Line
            dataKey="p90"
            name="90th percentile"
            stroke={CHART_COLORS.amber}
            strokeWidth={2}
            strokeDasharray="5 3"
            dot={SquareDot}
            legendType="square"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}
