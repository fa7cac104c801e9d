import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

/** A grey placeholder block; size it with classes (`h-4 w-32`). */
export function Skeleton({ className }: { className?: string }) {
  return (
    <div aria-hidden="true" className={cn('animate-pulse rounded bg-zinc-200/70 motion-reduce:animate-none', className)} />
  );
}

/** Wraps placeholders so assistive technology hears one "Loading …" instead of nothing. */
export function Loading({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className={className}>
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

/** Placeholder rows for a table or list inside a panel while its data loads. */
export function SkeletonRows({ rows = 6 }: { rows?: number }) {
  return (
    <div className="space-y-3 p-4">
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} className="h-5 w-full" />
      ))}
    </div>
  );
}
