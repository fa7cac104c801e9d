import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { ChartFigure, ChartFigures } from '../../../components/charts/chart-figures.tsx';
import { ChartPanel } from '../../../components/charts/chart-panel.tsx';
import { AXIS_LABEL_STYLE, AXIS_TICK, CHART_COLORS, countAxis, GRID_STROKE, VALUE_LABEL } from '../../../components/charts/chart-theme.ts';
import { csvFileName } from '../../../components/charts/csv.ts';
import { drillableBar } from '../../../components/charts/drillable-bar.tsx';
import { formatCount, formatPercent, percentOf } from '../../../components/charts/figures.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { renderDrillLink, useOpenDrillDown } from './drill-link.tsx';
import { seriesInput, type MetricsFilter } from './metrics-search.ts';
import { cohortTable, funnelTable, type DrillLink, type FunnelData, type FunnelStep } from './metrics-tables.ts';

interface FunnelDatum {
  label: string;
  count: number;
  /** "48 · 92.3 %": the count and its conversion from the step before, beside the bar. */
  valueLabel: string;
  target: DrillLink | null;
}

function funnelData(data: FunnelData, filter: MetricsFilter): FunnelDatum[] {
  const table = funnelTable(data, filter);
  const countColumn = table.columns.find((column) => column.key === 'count');
  return data.total.map((step: FunnelStep) => {
    const conversion = percentOf(step.conversionFromPrevious);
    return {
      label: step.label,
      count: step.count,
      valueLabel: conversion === null ? formatCount(step.count) : `${formatCount(step.count)} · ${formatPercent(conversion)}`,
      target: countColumn?.target?.(step) ?? null,
    };
  });
}

const STEP_ROW_HEIGHT = 38;

/** The funnel over the range: persons by the furthest step, with conversion from step to step. */
export function FunnelPanel({ filter }: { filter: MetricsFilter }) {
  const trpc = useTRPC();
  const open = useOpenDrillDown();
  const query = useQuery({ ...trpc.metrics.funnel.queryOptions(seriesInput(filter)), placeholderData: (previous) => previous });
  const data = query.data;
  const table = useMemo(() => (data ? funnelTable(data, filter) : undefined), [data, filter]);
  const bars = useMemo(() => (data ? funnelData(data, filter) : []), [data, filter]);
  const shape = useMemo(
    () => drillableBar<FunnelDatum>({ describe: (datum) => datum.target?.label ?? null, open: (datum) => datum.target && open(datum.target) }),
    [open],
  );
  const created = data?.total[0]?.count ?? 0;
  const successful = data?.total[data.total.length - 1];
  const height = bars.length * STEP_ROW_HEIGHT + 48;

  return (
    <ChartPanel
      title="Funnel"
      description="Persons created in the range, each counted once at the furthest step any of their identifications has reached. Click a step for its persons."
      query={query}
      table={table}
      csvFileName={csvFileName('funnel', filter.from, 'to', filter.to)}
      isEmpty={data !== undefined && created === 0}
      emptyTitle="No persons were created in this range"
      tableMode="always"
      renderTarget={renderDrillLink}
      chartHeight={5 * STEP_ROW_HEIGHT + 48}
      figures={
        <ChartFigures>
          <ChartFigure label="Persons created" value={formatCount(created)} />
          <ChartFigure label="Successful" value={formatCount(successful?.count ?? 0)} />
          <ChartFigure label="Conversion to successful" value={formatPercent(percentOf(successful?.conversionFromStart ?? null))} hint="of persons created" />
        </ChartFigures>
      }
    >
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 800, height }}>
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 120, bottom: 20, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
          <XAxis
            type="number"
            {...countAxis(created)}
            tick={AXIS_TICK}
            label={{ value: 'Persons', position: 'insideBottom', offset: -12, ...AXIS_LABEL_STYLE }}
          />
          <YAxis type="category" dataKey="label" width={250} tick={AXIS_TICK} interval={0} />
          <Bar dataKey="count" name="Persons" fill={CHART_COLORS.accent} shape={shape} isAnimationActive={false} maxBarSize={26}>
            <LabelList dataKey="valueLabel" position="right" {...VALUE_LABEL} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartPanel>
  );
}

/** Conversion per step by cohort: a table (a chart of 5 × 30 figures would hide them). */
export function CohortPanel({ filter }: { filter: MetricsFilter }) {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.metrics.funnel.queryOptions(seriesInput(filter)), placeholderData: (previous) => previous });
  const data = query.data;
  const table = useMemo(() => (data ? cohortTable(data, filter) : undefined), [data, filter]);
  return (
    <ChartPanel
      title="Conversion by cohort"
      description={`Persons by the ${filter.granularity} they were created, how many reached each step, and the share of the step before.`}
      query={query}
      table={table}
      csvFileName={csvFileName('conversion-by-cohort', filter.granularity, filter.from, 'to', filter.to)}
      isEmpty={data !== undefined && (data.total[0]?.count ?? 0) === 0}
      emptyTitle="No persons were created in this range"
      tableMode="table"
      renderTarget={renderDrillLink}
    />
  );
}
