import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ChartFigure, ChartFigures } from '../../../components/charts/chart-figures.tsx';
import { ChartPanel } from '../../../components/charts/chart-panel.tsx';
import { csvFileName } from '../../../components/charts/csv.ts';
import { formatCount } from '../../../components/charts/figures.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { seriesInput, type MetricsFilter } from './metrics-search.ts';
import { teamWorkPeopleTable, teamWorkPeriodsTable } from './metrics-tables.ts';

const EMPTY_HINT = 'Proof-of-address submissions appear here once agents record them and compliance decides them. Widen the dates to see earlier work.';

/** Proof-of-address work per person: who recorded and who decided how many submissions. */
export function TeamWorkPanels({ filter }: { filter: MetricsFilter }) {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.metrics.teamWork.queryOptions(seriesInput(filter)), placeholderData: (previous) => previous });
  const data = query.data;
  const people = useMemo(() => (data ? teamWorkPeopleTable(data) : undefined), [data]);
  const periods = useMemo(() => (data ? teamWorkPeriodsTable(data) : undefined), [data]);
  const totals = data?.people.reduce(
    (sum, person) => ({ recorded: sum.recorded + person.recorded, decided: sum.decided + person.decided }),
    { recorded: 0, decided: 0 },
  );
  const isEmpty = data !== undefined && data.people.length === 0;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartPanel
        title="Team work"
        description="Proof-of-address submissions each person recorded or decided in the range."
        query={query}
        table={people}
        csvFileName={csvFileName('team-work', filter.from, 'to', filter.to)}
        isEmpty={isEmpty}
        emptyTitle="No proof of address was recorded or decided in this range"
        emptyHint={EMPTY_HINT}
        tableMode="table"
        figures={
          totals ? (
            <ChartFigures>
              <ChartFigure label="Recorded" value={formatCount(totals.recorded)} hint="submissions" />
              <ChartFigure label="Decided" value={formatCount(totals.decided)} hint="approved, rejected or sent back" />
              <ChartFigure label="People" value={formatCount(data?.people.length ?? 0)} />
            </ChartFigures>
          ) : null
        }
      />
      <ChartPanel
        title={`Team work per ${filter.granularity}`}
        description="The same work per person and period; only periods with work are listed."
        query={query}
        table={periods}
        csvFileName={csvFileName('team-work-per', filter.granularity, filter.from, 'to', filter.to)}
        isEmpty={isEmpty}
        emptyTitle="No proof of address was recorded or decided in this range"
        emptyHint={EMPTY_HINT}
        tableMode="table"
      />
    </div>
  );
}
