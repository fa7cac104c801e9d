import type { LucideIcon } from 'lucide-react';
import { Toolbar as ToolbarPrimitive } from 'radix-ui';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';
import { Tooltip } from './tooltip.tsx';

const item =
  'inline-flex h-7 shrink-0 items-center justify-center gap-1.5 rounded-md px-1.5 text-xs font-medium text-zinc-700 transition-colors hover:bg-zinc-100 hover:text-zinc-900 disabled:pointer-events-none disabled:opacity-40 aria-pressed:bg-zinc-200 aria-pressed:text-zinc-900 [&_svg]:size-4 [&_svg]:shrink-0';

export interface ToolbarProps extends Omit<ComponentProps<typeof ToolbarPrimitive.Root>, 'aria-label'> {
  /** Names the toolbar for assistive technology, e.g. "Document controls". */
  label: string;
}

/**
 * A row of controls that is one Tab stop: arrow keys move between its buttons (WAI-ARIA
 * toolbar pattern), so a keyboard user does not tab through a dozen icons to reach the page.
 */
export function Toolbar({ label, className, ...props }: ToolbarProps) {
  return (
    <ToolbarPrimitive.Root
      aria-label={label}
      className={cn('flex flex-wrap items-center gap-0.5 border-b border-zinc-200 bg-white px-2 py-1', className)}
      {...props}
    />
  );
}

export interface ToolbarButtonProps extends Omit<ComponentProps<typeof ToolbarPrimitive.Button>, 'children'> {
  /** The button's accessible name, and its tooltip. */
  label: string;
  icon: LucideIcon;
  /** Show the label beside the icon (for the main action of a toolbar). */
  showLabel?: boolean;
  /** The key that does the same, shown in the tooltip, e.g. "Page Down". */
  shortcut?: string;
}

export function ToolbarButton({ label, icon: Icon, showLabel = false, shortcut, className, ...props }: ToolbarButtonProps) {
  const button = (
    <ToolbarPrimitive.Button aria-label={showLabel ? undefined : label} className={cn(item, className)} {...props}>
      <Icon aria-hidden="true" />
      {showLabel ? label : null}
    </ToolbarPrimitive.Button>
  );
  return <Tooltip content={shortcut ? `${label} (${shortcut})` : label}>{button}</Tooltip>;
}

export interface ToolbarLinkProps extends Omit<ComponentProps<typeof ToolbarPrimitive.Link>, 'children'> {
  label: string;
  icon: LucideIcon;
  showLabel?: boolean;
}

/** A link inside a toolbar (a download, an "open in full page"), styled like its buttons. */
export function ToolbarLink({ label, icon: Icon, showLabel = true, className, ...props }: ToolbarLinkProps) {
  return (
    <ToolbarPrimitive.Link aria-label={showLabel ? undefined : label} className={cn(item, className)} {...props}>
      <Icon aria-hidden="true" />
      {showLabel ? label : null}
    </ToolbarPrimitive.Link>
  );
}

export function ToolbarSeparator({ className }: { className?: string }) {
  return <ToolbarPrimitive.Separator className={cn('mx-1 h-5 w-px bg-zinc-200', className)} />;
}

/** Text in a toolbar that is not a control, such as "Page 2 of 5" or "125 %"; not a Tab stop. */
export function ToolbarText({ className, children, ...props }: ComponentProps<'span'> & { children: ReactNode }) {
  return (
    <span className={cn('px-1.5 text-xs whitespace-nowrap text-zinc-600 tabular', className)} {...props}>
      {children}
    </span>
  );
}

/** Pushes what follows to the right end of the toolbar. */
export function ToolbarSpacer() {
  return <span aria-hidden="true" className="flex-1" />;
}
