import { IDENTIFICATION_LANGUAGE_LABELS, IDENTIFICATION_LANGUAGES, identificationLanguageSchema } from '@identdesk/domain';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { CalendarRange } from 'lucide-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, buttonClasses } from '../../../components/ui/button.tsx';
import { DateInput } from '../../../components/ui/date-input.tsx';
import { FormField } from '../../../components/ui/input.tsx';
import { useTRPC } from '../../../lib/trpc.ts';
import {
  GRANULARITIES,
  GRANULARITY_LABELS,
  hasNarrowingFilters,
  RANGE_PRESETS,
  rangeProblem,
  type MetricsFilter,
  type MetricsSearch,
} from './metrics-search.ts';

const segmentClass =
  'inline-flex h-7 items-center rounded px-2.5 text-xs font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 data-[selected=true]:bg-white data-[selected=true]:text-zinc-900 data-[selected=true]:shadow-xs data-[selected=true]:ring-1 data-[selected=true]:ring-zinc-300';

/**
 * A row of links of which one is current: presets and granularity, each a shareable URL. The
 * current one is marked with aria-current; the router adds the same when the URL matches exactly.
 */
function Segmented({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <p className="mb-1 text-xs font-medium text-zinc-700" aria-hidden="true">
        {label}
      </p>
      <div role="group" aria-label={label} className="inline-flex gap-0.5 rounded-md bg-zinc-100/80 p-0.5 ring-1 ring-zinc-200 ring-inset">
        {children}
      </div>
    </div>
  );
}

const selectClass =
  'h-8 w-full rounded-md border border-zinc-300 bg-white px-2.5 pr-8 text-sm text-zinc-900 shadow-xs disabled:cursor-not-allowed disabled:bg-zinc-100 disabled:text-zinc-500';

/**
 * The filters of the metrics page. Every choice is in the URL: presets and granularity are links,
 * language and branch navigate as they change, and hand-picked days apply with "Apply" (so the
 * charts do not reload for every digit typed).
 */
export function MetricsFilters({ search, filter }: { search: MetricsSearch; filter: MetricsFilter }) {
  const trpc = useTRPC();
  const navigate = useNavigate({ from: '/metrics/' });
  const branches = useQuery(trpc.metrics.branches.queryOptions());

  const branchOptions = [...(branches.data ?? [])];
  if (filter.branch && !branchOptions.includes(filter.branch)) branchOptions.unshift(filter.branch);

  return (
    <section aria-label="Metrics filters" className="mb-4 rounded-lg border border-zinc-200 bg-white px-4 py-3 shadow-xs">
      <div className="flex flex-wrap items-end gap-x-5 gap-y-3">
        <Segmented label="Range">
          {RANGE_PRESETS.map((preset) => (
            <Link
              key={preset.key}
              to="/metrics"
              search={{ ...search, range: preset.key, from: undefined, to: undefined }}
              activeOptions={{ exact: true }}
              aria-current={filter.preset === preset.key ? 'true' : undefined}
              data-selected={filter.preset === preset.key}
              className={segmentClass}
            >
              Last {preset.label}
            </Link>
          ))}
        </Segmented>

        {/* A new form whenever the URL's days change (a preset, back, a shared link): it starts from them. */}
        <DaysForm key={`${filter.from}|${filter.to}`} filter={filter} />

        <Segmented label="Group by">
          {GRANULARITIES.map((granularity) => (
            <Link
              key={granularity}
              to="/metrics"
              search={{ ...search, granularity }}
              activeOptions={{ exact: true }}
              aria-current={filter.granularity === granularity ? 'true' : undefined}
              data-selected={filter.granularity === granularity}
              className={segmentClass}
            >
              {GRANULARITY_LABELS[granularity]}
            </Link>
          ))}
        </Segmented>

        <FormField label="Language" className="w-40">
          {(control) => (
            <select
              {...control}
              className={selectClass}
              value={filter.language ?? ''}
              onChange={(event) => {
                const parsed = identificationLanguageSchema.safeParse(event.currentTarget.value);
                void navigate({ search: (previous) => ({ ...previous, language: parsed.success ? parsed.data : undefined }) });
              }}
            >
              <option value="">All languages</option>
              {IDENTIFICATION_LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {IDENTIFICATION_LANGUAGE_LABELS[language]}
                </option>
              ))}
            </select>
          )}
        </FormField>

        <FormField
          label="Branch"
          className="w-52"
          error={branches.isError ? 'Branches could not be loaded; reload the page to try again.' : null}
        >
          {(control) => (
            <select
              {...control}
              className={selectClass}
              value={filter.branch ?? ''}
              disabled={branches.isPending}
              onChange={(event) => {
                const branch = event.currentTarget.value;
                void navigate({ search: (previous) => ({ ...previous, branch: branch === '' ? undefined : branch }) });
              }}
            >
              <option value="">{branches.isPending ? 'Loading branches…' : 'All branches'}</option>
              {branchOptions.map((branch) => (
                <option key={branch} value={branch}>
                  {branch}
                </option>
              ))}
            </select>
          )}
        </FormField>

        {hasNarrowingFilters(filter) || search.from || search.granularity || search.range ? (
          <Link to="/metrics" search={{}} className={buttonClasses({ variant: 'ghost', className: 'ml-auto' })}>
            Reset filters
          </Link>
        ) : null}
      </div>
    </section>
  );
}

/** Days chosen by hand; applied with the button, checked first with the server's rules. */
function DaysForm({ filter }: { filter: MetricsFilter }) {
  const navigate = useNavigate({ from: '/metrics/' });
  const [from, setFrom] = useState(filter.from);
  const [to, setTo] = useState(filter.to);
  const [problem, setProblem] = useState<{ field: 'from' | 'to'; message: string } | null>(null);

  const applyDays = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!from || !to) {
      setProblem({ field: from ? 'to' : 'from', message: `Enter a whole day in "${from ? 'To' : 'From'}" (day, month and year).` });
      return;
    }
    const rangeError = rangeProblem(from, to);
    setProblem(rangeError);
    if (rangeError) return;
    void navigate({ search: (previous) => ({ ...previous, range: undefined, from, to }) });
  };

  return (
    <form onSubmit={applyDays} aria-label="Choose the days" className="flex items-start gap-2" noValidate>
      <FormField label="From" error={problem?.field === 'from' ? problem.message : null} className="w-40">
        {(control) => <DateInput {...control} value={from} onValueChange={setFrom} max={to || undefined} />}
      </FormField>
      <FormField label="To (included)" error={problem?.field === 'to' ? problem.message : null} className="w-40">
        {(control) => <DateInput {...control} value={to} onValueChange={setTo} min={from || undefined} />}
      </FormField>
      {/* Level with the inputs, under their labels, however long an error below them runs. */}
      <Button type="submit" size="md" className="mt-5">
        <CalendarRange aria-hidden="true" />
        Apply days
      </Button>
    </form>
  );
}
