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
