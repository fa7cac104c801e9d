import type { ComponentProps, ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

export interface CheckboxProps extends Omit<ComponentProps<'input'>, 'type' | 'children'> {
  /** The label, clickable with the box. */
  children: ReactNode;
}

/** A native checkbox with its label: Space toggles it, as everywhere. */
export function Checkbox({ children, className, ...input }: CheckboxProps) {
  return (
    <label className={cn('inline-flex h-8 cursor-pointer items-center gap-2 text-sm text-zinc-800 select-none', className)}>
      <input type="checkbox" className="size-4 rounded border-zinc-300 accent-accent-600" {...input} />
      {children}
    </label>
  );
}
