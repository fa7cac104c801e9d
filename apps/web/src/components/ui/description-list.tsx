import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

export interface DescriptionListProps {
  /** Columns of term/value pairs on wide screens; one column on narrow ones. */
  columns?: 1 | 2 | 3;
  className?: string;
  children: ReactNode;
}

const columnClasses = { 1: '', 2: 'sm:grid-cols-2', 3: 'sm:grid-cols-2 lg:grid-cols-3' } as const;

/**
 * Facts about one thing as a `<dl>`: a quiet label above each value, dense, so a panel of a
 * dozen facts reads at a glance. Screen readers announce each term with its value.
 */
export function DescriptionList({ columns = 2, className, children }: DescriptionListProps) {
  return <dl className={cn('grid grid-cols-1 gap-x-6 gap-y-3', columnClasses[columns], className)}>{children}</dl>;
}

export interface DescriptionItemProps {
  term: ReactNode;
  /** Say what a missing value means ("Not requested yet") rather than leaving it blank. */
  children: ReactNode;
  /** Span the whole row, for long values such as a URL or a note. */
  wide?: boolean;
  className?: string;
}

export function DescriptionItem({ term, children, wide = false, className }: DescriptionItemProps) {
  return (
    <div className={cn('min-w-0', wide && 'col-span-full', className)}>
      <dt className="text-xs font-medium text-zinc-500">{term}</dt>
      <dd className="mt-0.5 text-sm break-words text-zinc-900">{children}</dd>
    </div>
  );
}

/** A value that is absent, in words and in a quieter colour (not by colour alone). */
export function NotGiven({ children }: { children: ReactNode }) {
  return <span className="text-zinc-500">{children}</span>;
}
