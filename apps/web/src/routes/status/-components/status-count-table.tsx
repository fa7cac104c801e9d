import { IDENTIFICATION_STATUSES, type IdentificationStatus } from '@identdesk/domain';
import { useTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { DataTable } from '../../../components/data-table/data-table.tsx';
import { statusCountColumns, statusCountFeatures, type StatusCountRow } from './status-count-columns.tsx';

export function StatusCountTable({ counts }: { counts: Record<IdentificationStatus, number> }) {
  const data = useMemo<StatusCountRow[]>(() => {
    const total = IDENTIFICATION_STATUSES.reduce((sum, status) => sum + counts[status], 0);
    return IDENTIFICATION_STATUSES.map((status) => ({
      status,
      count: counts[status],
      share: total === 0 ? null : counts[status] / total,
    }));
  }, [counts]);

  const table = useTable({ features: statusCountFeatures, columns: statusCountColumns, data });

  return <DataTable table={table} caption="Identifications by status" />;
}
