import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn.ts';

/** The look of a key cap, for `<kbd>` and for decorations that must stay out of a link's text. */
export const kbdClasses =
  'inline-flex h-5 min-w-5 items-center justify-center rounded border border-zinc-300 bg-zinc-50 px-1 font-sans text-[11px] font-medium text-zinc-600 shadow-[0_1px_0_0] shadow-zinc-300';

/** A key to press, as in "Press / to search". */
export function Kbd({ className, ...props }: ComponentProps<'kbd'>) {
  return <kbd className={cn(kbdClasses, className)} {...props} />;
}
