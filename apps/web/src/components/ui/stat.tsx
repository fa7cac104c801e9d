import { useId, type ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

/** A row of key figures in one card. */
export function StatGrid({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <div
      className={cn(
        'grid grid-cols-2 divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs lg:grid-cols-4 lg:divide-x',
        className,
      )}
    >
      {children}
    </div>
  );
}

export interface StatProps {
  label: string;
  value: ReactNode;
  /** A short second line: a unit, a time, what the number means. */
  hint?: ReactNode;
}

/** One figure, as a group named by its label, so "Persons" finds the figure for persons. */
export function Stat({ label, value, hint }: StatProps) {
  const labelId = useId();
  return (
    <div role="group" aria-labelledby={labelId} className="min-w-0 px-4 py-3">
      <p id={labelId} className="text-xs font-medium text-zinc-500">
        {label}
      </p>
      <p className="mt-1 truncate text-xl font-semibold tracking-tight text-zinc-900 tabular">{value}</p>
      {hint ? <p className="mt-0.5 text-xs text-zinc-500">{hint}</p> : null}
    </div>
  );
}
