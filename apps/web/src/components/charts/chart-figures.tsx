import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

/** The key figures of a chart, in a row above it: a `<dl>`, so each figure is read with its name. */
export function ChartFigures({ className, children }: { className?: string; children: ReactNode }) {
  return <dl className={cn('flex flex-wrap gap-x-8 gap-y-3', className)}>{children}</dl>;
}

export interface ChartFigureProps {
  label: string;
  value: ReactNode;
  /** A second line: what it is out of, how it changed. */
  hint?: ReactNode;
}

export function ChartFigure({ label, value, hint }: ChartFigureProps) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-zinc-500">{label}</dt>
      <dd className="mt-0.5 text-lg leading-6 font-semibold tracking-tight text-zinc-900 tabular">{value}</dd>
      {hint ? <dd className="text-xs text-zinc-500">{hint}</dd> : null}
    </div>
  );
}
