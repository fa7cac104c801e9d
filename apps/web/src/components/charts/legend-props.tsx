import type { ReactNode } from 'react';

/**
 * Legends: entries in the chart's own series order (recharts sorts them by name otherwise), and
 * the names in the page's text colour, since light series colours are too faint for text; the
 * swatch beside each name carries the colour and texture.
 */
export const LEGEND_PROPS = {
  itemSorter: null,
  iconSize: 12,
  wrapperStyle: { fontSize: 12 },
  formatter: (value: unknown): ReactNode => <span className="text-zinc-700">{String(value)}</span>,
} as const;
