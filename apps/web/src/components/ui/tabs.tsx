import { Link, type LinkProps } from '@tanstack/react-router';
import { Tabs as TabsPrimitive } from 'radix-ui';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

const listClasses = 'flex gap-1 overflow-x-auto border-b border-zinc-200';
const tabClasses =
  'relative -mb-px inline-flex shrink-0 items-center gap-1.5 whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-sm font-medium text-zinc-600 hover:border-zinc-300 hover:text-zinc-900';

/**
 * Tabs within one view (Radix): arrow keys move between tabs, Tab moves into the panel. For tabs
 * that are pages of their own (each with a URL), use {@link TabNav} instead.
 */
export const Tabs = TabsPrimitive.Root;

export function TabsList({ className, ...props }: ComponentProps<typeof TabsPrimitive.List>) {
  return <TabsPrimitive.List className={cn(listClasses, className)} {...props} />;
}

export function TabsTrigger({ className, ...props }: ComponentProps<typeof TabsPrimitive.Trigger>) {
  return (
    <TabsPrimitive.Trigger
      className={cn(tabClasses, 'data-[state=active]:border-accent-600 data-[state=active]:text-zinc-900', className)}
      {...props}
    />
  );
}

export function TabsContent({ className, ...props }: ComponentProps<typeof TabsPrimitive.Content>) {
  return <TabsPrimitive.Content className={cn('pt-4', className)} {...props} />;
}

/**
 * Tabs that are pages: a labelled navigation of links that look like tabs, the current one marked
 * with `aria-current="page"`. Every tab is a link, so it opens in a new tab and survives a reload.
 */
export function TabNav({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <nav aria-label={label} className={cn(listClasses, className)}>
      {children}
    </nav>
  );
}

export type TabLinkProps = LinkProps & { className?: string; title?: string; children: ReactNode };

export function TabLink({ className, children, ...link }: TabLinkProps) {
  return (
    // TanStack marks the current link with data-status="active" and aria-current="page".
    <Link {...link} className={cn(tabClasses, 'data-[status=active]:border-accent-600 data-[status=active]:text-zinc-900', className)}>
      {children}
    </Link>
  );
}

/** A count beside a tab's label ("Fraud suspicion 3"), read out as "3 open"; quiet when zero. */
export function TabCount({ value, unit = 'open' }: { value: number; unit?: string }) {
  return (
    <span
      className={cn(
        'rounded-full px-1.5 text-xs tabular',
        value > 0 ? 'bg-accent-50 text-accent-700 ring-1 ring-accent-100 ring-inset' : 'bg-zinc-100 text-zinc-500',
      )}
    >
      <span className="sr-only">, </span>
      {value}
      <span className="sr-only"> {unit}</span>
    </span>
  );
}
