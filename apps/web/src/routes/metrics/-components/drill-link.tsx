import { Link, useNavigate } from '@tanstack/react-router';
import { useCallback } from 'react';
import type { DrillLink } from './metrics-tables.ts';

const linkClass = 'text-accent-700 underline decoration-accent-700/30 underline-offset-2 hover:decoration-accent-700';

/** A figure in a table as a link to the identifications behind it. */
export function renderDrillLink(target: DrillLink, text: string) {
  return (
    <Link to="/metrics/drill-down" search={target.search} aria-label={target.label} className={linkClass}>
      {text}
    </Link>
  );
}

/** Opens a figure's drill-down list, for a click (or Enter) on a bar. */
export function useOpenDrillDown() {
  const navigate = useNavigate();
  return useCallback((target: DrillLink) => void navigate({ to: '/metrics/drill-down', search: target.search }), [navigate]);
}
