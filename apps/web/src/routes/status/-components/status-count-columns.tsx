import { IDENTIFICATION_STATUS_MEANINGS, type IdentificationStatus } from '@identdesk/domain';
import { createColumnHelper, tableFeatures } from '@tanstack/react-table';
import { IdentificationStatusBadge } from '../../../components/identification/identification-status-badge.tsx';
import '../../../components/data-table/column-meta.ts';
import { formatCount } from '../../../lib/format.ts';

export interface StatusCountRow {
  status: IdentificationStatus;
  count: number;
  /** Share of all identifications, 0..1; null when there are none. */
  share: number | null;
}

export const statusCountFeatures = tableFeatures({});

const column = createColumnHelper<typeof statusCountFeatures, StatusCountRow>();

const percentFormat = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });

/** `12.3%`; a share too small to show as 0.1% reads `<0.1%`, never a misleading `0%`. */
function formatShare(share: number): string {
  return share > 0 && share < 0.001 ? '<0.1%' : percentFormat.format(share);
}

export const statusCountColumns = column.columns([
  column.accessor('status', {
    header: 'Status',
    cell: (info) => <IdentificationStatusBadge status={info.getValue()} />,
  }),
  column.display({
    id: 'meaning',
    header: 'Meaning',
    cell: (info) => (
      <span className="block max-w-2xl text-zinc-600">{IDENTIFICATION_STATUS_MEANINGS[info.row.original.status].description}</span>
    ),
  }),
  column.accessor('count', {
    header: 'Count',
    meta: { numeric: true },
    cell: (info) => formatCount(info.getValue()),
  }),
  column.accessor('share', {
    header: 'Share',
    meta: { numeric: true },
    cell: (info) => {
      const share = info.getValue();
      return share === null ? <span className="text-zinc-400">–</span> : formatShare(share);
    },
  }),
]);
