import { describeFailureCode, IDENTIFICATION_LANGUAGE_LABELS, identificationLanguageSchema } from '@identdesk/domain';
import { createColumnHelper, tableFeatures } from '@tanstack/react-table';
import '../../../components/data-table/column-meta.ts';
import { IdentificationStatusBadge } from '../../../components/identification/identification-status-badge.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { RouterOutputs } from '../../../lib/trpc.ts';

export type DrillDownItem = RouterOutputs['metrics']['drillDown']['items'][number];

export const drillDownFeatures = tableFeatures({});
const column = createColumnHelper<typeof drillDownFeatures, DrillDownItem>();

function DateTimeCell({ value }: { value: string | null }) {
  if (value === null) return <span className="text-zinc-500">–</span>;
  return (
    <time dateTime={value} className="whitespace-nowrap tabular">
      {formatDateTime(value)}
    </time>
  );
}

function languageLabel(language: string | null): string {
  const parsed = identificationLanguageSchema.safeParse(language);
  return parsed.success ? IDENTIFICATION_LANGUAGE_LABELS[parsed.data] : (language ?? '–');
}

/**
 * The identifications behind a figure. Ids are text, not links: team leads do not open
 * identification pages (customers' data); they quote the id to an agent or to compliance.
 */
export function drillDownColumns(atHeader: string) {
  return column.columns([
    column.accessor('at', { header: atHeader, cell: (info) => <DateTimeCell value={info.getValue()} /> }),
    column.accessor('identificationId', {
      header: 'Identification id',
      cell: (info) => {
        const id = info.getValue();
        return id === null ? (
          <span className="text-zinc-500">No identification yet</span>
        ) : (
          <span className="font-mono text-xs break-all text-zinc-900 select-all">{id}</span>
        );
      },
    }),
    column.accessor('status', {
      header: 'Status now',
      cell: (info) => {
        const status = info.getValue();
        return status === null ? <span className="text-zinc-500">–</span> : <IdentificationStatusBadge status={status} />;
      },
    }),
    column.accessor('latestFailureCode', {
      header: 'Latest failure code',
      cell: (info) => {
        const code = info.getValue();
        if (code === null) return <span className="text-zinc-500">None</span>;
        return (
          <span className="font-mono text-xs" title={describeFailureCode(code).description}>
            {code}
          </span>
        );
      },
    }),
    column.accessor('language', { header: 'Language', cell: (info) => languageLabel(info.getValue()) }),
    column.accessor('createdAt', { header: 'Identification created', cell: (info) => <DateTimeCell value={info.getValue()} /> }),
  ]);
}
