import { Popover as PopoverPrimitive } from 'radix-ui';
import type { ReactElement, ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

export interface PopoverProps {
  /** One focusable element (a button); it receives the trigger's props and opens the popover on Enter or Space. */
  trigger: ReactElement;
  children: ReactNode;
  /** Names the popover for assistive technology. */
  label: string;
  side?: 'top' | 'right' | 'bottom' | 'left';
  align?: 'start' | 'center' | 'end';
  className?: string;
}

/**
 * A small card of details next to its trigger: it takes the focus when it opens, keeps Tab
 * inside, and closes on Escape or a click elsewhere, handing the focus back to the trigger.
 */
export function Popover({ trigger, children, label, side = 'bottom', align = 'start', className }: PopoverProps) {
  return (
    <PopoverPrimitive.Root>
      <PopoverPrimitive.Trigger asChild>{trigger}</PopoverPrimitive.Trigger>
      <PopoverPrimitive.Portal>
        <PopoverPrimitive.Content
          side={side}
          align={align}
          sideOffset={6}
          collisionPadding={8}
          aria-label={label}
          className={cn(
            'z-50 w-80 rounded-lg border border-zinc-200 bg-white p-3 text-sm text-zinc-700 shadow-lg outline-none focus-visible:ring-2 focus-visible:ring-accent-600/40',
            className,
          )}
        >
          {children}
        </PopoverPrimitive.Content>
      </PopoverPrimitive.Portal>
    </PopoverPrimitive.Root>
  );
}
