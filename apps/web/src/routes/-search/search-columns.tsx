import { berlinCalendarDate, IDENTIFICATION_LANGUAGE_LABELS, identificationLanguageSchema } from '@identdesk/domain';
import { Link } from '@tanstack/react-router';
import { createColumnHelper, rowSortingFeature, tableFeatures } from '@tanstack/react-table';
import '../../components/data-table/column-meta.ts';
import { IdentificationStatusBadge } from '../../components/identification/identification-status-badge.tsx';
import { ProofOfAddressStateBadge } from '../persons/-components/proof-of-address-state-badge.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { formatCalendarDay } from '../persons/-components/person-format.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';

export type PersonSearchItem = RouterOutputs['search']['persons']['items'][number];

export const searchFeatures = tableFeatures({ rowSortingFeature });

const column = createColumnHelper<typeof searchFeatures, PersonSearchItem>();

const missing = <span className="text-zinc-400">–</span>;

function languageName(language: string): string | undefined {
  const parsed = identificationLanguageSchema.safeParse(language);
  return parsed.success ? IDENTIFICATION_LANGUAGE_LABELS[parsed.data] : undefined;
}

/**
 * The result columns. Sorting is the server's (manualSorting): only name, birth date and
 * "customer since" can be sorted, the orders the search index serves.
 */
export const searchColumns = column.columns([
  column.accessor('name', {
    id: 'name',
    header: 'Name',
    enableSorting: true,
    cell: ({ row }) => (
      <div className="min-w-40">
        {/* A real link too, so the person opens in a new tab with a middle click; the row handles
            Enter and plain clicks for the rest of the row. */}
        <Link
          to="/persons/$personId"
          params={{ personId: row.original.id }}
          className="font-medium text-zinc-900 underline-offset-2 hover:text-accent-700 hover:underline"
          tabIndex={-1}
        >
          {row.original.name}
        </Link>
        {row.original.city ? <p className="text-xs text-zinc-500">{row.original.city}</p> : null}
      </div>
    ),
  }),
  column.accessor('birthDate', {
    id: 'birthDate',
    header: 'Date of birth',
    enableSorting: true,
    cell: (info) => {
      const value = info.getValue();
      return value ? (
        <time dateTime={value} className="whitespace-nowrap tabular">
          {formatCalendarDay(value)}
        </time>
      ) : (
        missing
      );
    },
  }),
  column.display({
    id: 'contact',
    header: 'Contact',
    cell: ({ row }) => (
      <div className="max-w-52 min-w-0">
        <p className="truncate" title={row.original.email ?? undefined}>
          {row.original.email ?? missing}
        </p>
        <p className="text-xs whitespace-nowrap text-zinc-500 tabular">{row.original.mobileNumber ?? missing}</p>
      </div>
    ),
  }),
  column.display({
    id: 'identification',
    header: 'Identification',
    cell: ({ row }) => {
      const latest = row.original.latestIdentification;
      if (!latest) return <span className="text-zinc-500">None yet</span>;
      return (
        <span className="inline-flex items-center gap-1.5">
          <IdentificationStatusBadge status={latest.status} />
          {latest.language ? (
            <abbr title={languageName(latest.language)} className="text-xs text-zinc-500 no-underline">
              {latest.language}
            </abbr>
          ) : null}
        </span>
      );
    },
  }),
  column.accessor('proofOfAddressState', {
    header: 'Proof of address',
    enableSorting: false,
    cell: (info) => <ProofOfAddressStateBadge state={info.getValue()} />,
  }),
  column.accessor('createdAt', {
    id: 'createdAt',
    header: 'Customer since',
    enableSorting: true,
    cell: (info) => (
      <time dateTime={info.getValue()} title={formatDateTime(info.getValue())} className="whitespace-nowrap text-zinc-600 tabular">
        {formatCalendarDay(berlinCalendarDate(new Date(info.getValue())))}
      </time>
    ),
  }),
]);
