import { useQuery } from '@tanstack/react-query';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useMemo } from 'react';
import { Bar, CartesianGrid, ComposedChart, LabelList, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure, ChartFigures } from '../../../components/charts/chart-figures.tsx';
import { ChartPanel } from '../../../components/charts/chart-panel.tsx';
import { AXIS_LABEL_STYLE, AXIS_TICK, CHART_COLORS, countAxis, GRID_STROKE, seriesFill, VALUE_LABEL, type Texture, TOOLTIP_PROPS } from '../../../components/charts/chart-theme.ts';
import { csvFileName } from '../../../components/charts/csv.ts';
import { drillableBar } from '../../../components/charts/drillable-bar.tsx';
import { formatCount, formatPercent, formatSignedCount, percentOf } from '../../../components/charts/figures.ts';
import { LEGEND_PROPS } from '../../../components/charts/legend-props.tsx';
import { useTRPC } from '../../../lib/trpc.ts';
import { renderDrillLink, useOpenDrillDown } from './drill-link.tsx';
import { rangeInput, type MetricsFilter } from './metrics-search.ts';
import {
  biggestChangesTable,
  CATEGORY_LABELS,
  categoryOf,
  failureCategoriesTable,
  failureReasonLink,
  failureReasonsTable,
  paretoCodes,
  type DrillLink,
  type FailureCategoryKey,
  type FailureReasonsData,
} from './metrics-tables.ts';
import { formatDayRange } from './period-format.ts';

const CATEGORY_ORDER: readonly FailureCategoryKey[] = ['DATA', 'TECHNICAL', 'USER', 'OTHER', 'UNKNOWN'];

/** Colour and texture per IDnow failure category, so the Pareto reads without colour too. */
const CATEGORY_LOOKS: Record<FailureCategoryKey, { color: string; texture: Texture }> = {
  DATA: { color: CHART_COLORS.sky, texture: 'solid' },
  TECHNICAL: { color: CHART_COLORS.amber, texture: 'diagonal' },
  USER: { color: CHART_COLORS.violet, texture: 'dots' },
  OTHER: { color: CHART_COLORS.zinc, texture: 'crosshatch' },
  UNKNOWN: { color: CHART_COLORS.zincSoft, texture: 'horizontal' },
};

/** One row of the Pareto: the code's attempts under its category's key only, so each bar takes its category's look. */
type ParetoDatum = { code: string; description: string; category: string; cumulativePercent: number | null; target: DrillLink } & Partial<
  Record<FailureCategoryKey | `label_${FailureCategoryKey}`, number | string>
>;

function paretoData(data: FailureReasonsData, filter: MetricsFilter): ParetoDatum[] {
  return paretoCodes(data).map((code) => {
    const category = categoryOf(code);
    return {
      code: code.code,
      description: code.description,
      category: CATEGORY_LABELS[category],
      cumulativePercent: percentOf(code.cumulativeShare),
      target: failureReasonLink(data, filter, code),
      [category]: code.attempts,
      [`label_${category}`]: `${formatCount(code.attempts)} · ${formatPercent(percentOf(code.share))}`,
    };
  });
}

const CODE_ROW_HEIGHT = 26;

function useFailureReasons(filter: MetricsFilter) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.metrics.failureReasons.queryOptions(rangeInput(filter)), placeholderData: (previous) => previous });
}

function ChangeHint({ now, before }: { now: number; before: number }) {
  const change = now - before;
  const Icon = change > 0 ? ArrowUp : ArrowDown;
  return (
    <span className="inline-flex items-center gap-0.5">
      {change === 0 ? null : <Icon aria-hidden="true" className="size-3" />}
      {formatSignedCount(change)} against {formatCount(before)} in the previous period
    </span>
  );
}

/**
 * Failed IDnow attempts per failure code, most frequent first, with the cumulative share (a
 * Pareto): the few codes that cause most failures stand out. Bars take their category's colour
 * and texture; a bar opens the attempts behind it.
 */
export function FailureReasonsPanel({ filter }: { filter: MetricsFilter }) {
  const open = useOpenDrillDown();
  const query = useFailureReasons(filter);
  const data = query.data;
  const table = useMemo(() => (data ? failureReasonsTable(data, filter) : undefined), [data, filter]);
  const bars = useMemo(() => (data ? paretoData(data, filter) : []), [data, filter]);
  const shape = useMemo(() => drillableBar<ParetoDatum>({ describe: (datum) => datum.target.label, open: (datum) => open(datum.target) }), [open]);
  const categories = CATEGORY_ORDER.filter((category) => bars.some((bar) => bar[category] !== undefined));
  const height = Math.max(bars.length, 3) * CODE_ROW_HEIGHT + 92;

  return (
    <ChartPanel
      title="Failure reasons"
      description="Failed IDnow attempts by failure code, most frequent first, with the cumulative share; shares are of the failed attempts. Click a bar for its attempts."
      query={query}
      table={table}
      csvFileName={csvFileName('failure-reasons', filter.from, 'to', filter.to)}
      isEmpty={data !== undefined && data.failedAttempts === 0}
      emptyTitle="No IDnow attempt failed in this range"
      emptyHint={data && data.attempts > 0 ? `All ${formatCount(data.attempts)} attempts succeeded. Widen the dates to compare.` : undefined}
      renderTarget={renderDrillLink}
      chartHeight={300}
      figures={
        data ? (
          <ChartFigures>
            <ChartFigure
              label="Failed attempts"
              value={formatCount(data.failedAttempts)}
              hint={<ChangeHint now={data.failedAttempts} before={data.previousFailedAttempts} />}
            />
            <ChartFigure label="Of all attempts" value={formatPercent(percentOf(data.attempts === 0 ? null : data.failedAttempts / data.attempts))} hint={`${formatCount(data.attempts)} attempts`} />
            <ChartFigure
              label="Caused by the customer"
              value={formatPercent(percentOf(data.causedByCustomer.share))}
              hint={`${formatCount(data.causedByCustomer.yes)} yes · ${formatCount(data.causedByCustomer.no)} no · ${formatCount(data.causedByCustomer.notStated)} not stated`}
            />
            <ChartFigure label="Permanent" value={formatPercent(percentOf(data.permanent.share))} hint={`${formatCount(data.permanent.count)} attempts: trying again does not help`} />
          </ChartFigures>
        ) : null
      }
    >
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 800, height }}>
        <ComposedChart data={bars} layout="vertical" margin={{ top: 4, right: 110, bottom: 24, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
          <XAxis
            xAxisId="attempts"
            type="number"
            {...countAxis(Math.max(0, ...(data?.codes.map((code) => code.attempts) ?? [])))}
            tick={AXIS_TICK}
            label={{ value: 'Failed attempts', position: 'insideBottom', offset: -12, ...AXIS_LABEL_STYLE }}
          />
          <XAxis
            xAxisId="cumulative"
            type="number"
            orientation="top"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tickFormatter={(value: number) => `${value} %`}
            tick={AXIS_TICK}
            height={24}
          />
          <YAxis type="category" dataKey="code" width="auto" tick={AXIS_TICK} interval={0} />
          <Tooltip
            {...TOOLTIP_PROPS}
            labelFormatter={(_, payload) => {
              const datum = payload[0]?.payload as ParetoDatum | undefined;
              return datum ? `${datum.code} (${datum.category}): ${datum.description}` : '';
            }}
            formatter={(value, name) => (name === 'Cumulative share' ? `${String(value)} %` : value)}
            contentStyle={{ ...TOOLTIP_PROPS.contentStyle, maxWidth: 360, whiteSpace: 'normal' }}
          />
          <Legend {...LEGEND_PROPS} verticalAlign="top" align="right" height={28} />
          {categories.map((category) => (
            <Bar
              key={category}
              xAxisId="attempts"
              dataKey={category}
              name={CATEGORY_LABELS[category]}
              stackId="code"
              fill={seriesFill(CATEGORY_LOOKS[category].color, CATEGORY_LOOKS[category].texture)}
              shape={shape}
              isAnimationActive={false}
              maxBarSize={18}
            >
              {/* The halo keeps the figure legible where the cumulative line crosses it. */}
              <LabelList dataKey={`label_${category}`} position="right" halo {...VALUE_LABEL} />
            </Bar>
          ))}
          <Line
            xAxisId="cumulative"
            dataKey="cumulativePercent"
            name="Cumulative share"
            stroke={CHART_COLORS.zincSoft}
            strokeDasharray="4 3"
            dot={{ r: 2, fill: CHART_COLORS.zincSoft }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}

/** Failed attempts per category, and the codes that changed most against the period before. */
export function FailureBreakdownPanels({ filter }: { filter: MetricsFilter }) {
  const query = useFailureReasons(filter);
  const data = query.data;
  const categories = useMemo(() => (data ? failureCategoriesTable(data) : undefined), [data]);
  const changes = useMemo(() => (data ? biggestChangesTable(data, filter) : undefined), [data, filter]);
  const previous = data ? formatDayRange(data.previousFrom, data.previousTo) : 'the period before';
  return (
    // Categories are a short table; the codes need the wider column.
    <div className="grid gap-4 lg:grid-cols-5">
      <ChartPanel
        className="lg:col-span-2"
        title="Failure categories"
        description={`Failed attempts per IDnow category, against ${previous}.`}
        query={query}
        table={categories}
        csvFileName={csvFileName('failure-categories', filter.from, 'to', filter.to)}
        isEmpty={data !== undefined && data.categories.length === 0}
        emptyTitle="No failed attempts here or in the period before"
        tableMode="table"
      />
      <ChartPanel
        className="lg:col-span-3"
        title="Biggest changes"
        description={`Failure codes that changed most against ${previous}.`}
        query={query}
        table={changes}
        csvFileName={csvFileName('failure-code-changes', filter.from, 'to', filter.to)}
        isEmpty={data !== undefined && data.biggestChanges.length === 0}
        emptyTitle="No failure code changed"
        emptyHint="Each code failed as often as in the period before."
        tableMode="table"
        renderTarget={renderDrillLink}
      />
    </div>
  );
}
