import { pattern, patterns, type RechartsFill } from 'recharts';
import { countTicks } from './figures.ts';

/**
 * Colours and textures of the charts. Every series that shares a chart with others gets a texture
 * as well as a colour (solid, stripes, dots, grid, …), so it is told apart in the legend and the
 * bars without seeing colour, and in greyscale print.
 */

/** Tailwind's palette, as SVG needs plain colours. */
export const CHART_COLORS = {
  accent: '#4f46e5', // indigo-600
  accentSoft: '#a5b4fc', // indigo-300
  sky: '#0284c7', // sky-600
  emerald: '#059669', // emerald-600
  violet: '#7c3aed', // violet-600
  violetSoft: '#a78bfa', // violet-400
  amber: '#d97706', // amber-600
  orange: '#ea580c', // orange-600
  red: '#dc2626', // red-600
  zinc: '#71717a', // zinc-500
  zincSoft: '#a1a1aa', // zinc-400
} as const;

/** Axis text, grid lines and labels, quiet so the bars carry the page. */
export const AXIS_TICK = { fontSize: 11, fill: '#52525b' } as const; // zinc-600
export const AXIS_LABEL_STYLE = { fontSize: 11, fill: '#71717a' } as const; // zinc-500
export const GRID_STROKE = '#e4e4e7'; // zinc-200
export const VALUE_LABEL = { fontSize: 11, fill: '#27272a' } as const; // zinc-800

export type Texture = 'solid' | keyof typeof TEXTURES;

// pattern() must be called once, outside components, so a definition stays the same across renders.
const TEXTURES = {
  diagonal: pattern({ ...patterns.diagonal, strokeWidth: 2 }),
  dots: pattern(patterns.dots),
  grid: pattern(patterns.grid),
  horizontal: pattern({ ...patterns.horizontal, strokeWidth: 2 }),
  vertical: pattern({ ...patterns.vertical, strokeWidth: 2 }),
  crosshatch: pattern(patterns.crosshatch),
  zigzag: pattern(patterns.zigzag),
} as const;

/** A bar fill: the colour with its texture (for the legend and the bars), or the plain colour. */
export function seriesFill(color: string, texture: Texture): string | RechartsFill {
  return texture === 'solid' ? color : { color, definition: TEXTURES[texture] };
}

/** The props of a count axis: round whole-number ticks, ending at or just above the largest figure. */
export function countAxis(max: number): { ticks: number[]; domain: [number, number]; allowDecimals: false } {
  const ticks = countTicks(max);
  return { ticks, domain: [0, ticks[ticks.length - 1] ?? 1], allowDecimals: false };
}

/**
 * Tooltips: small and quiet, a light band behind the hovered period, and the series in the order
 * of the chart and its legend (recharts sorts them by name otherwise).
 */
export const TOOLTIP_PROPS = {
  itemSorter: () => 0,
  cursor: { fill: '#f4f4f5' }, // zinc-100
  contentStyle: { fontSize: 12, lineHeight: 1.4, padding: '6px 8px', borderRadius: 6, borderColor: '#e4e4e7' },
  labelStyle: { fontWeight: 600, color: '#18181b', marginBottom: 2 },
  itemStyle: { padding: 0, color: '#3f3f46' }, // zinc-700: light series colours are too faint for text
} as const;
