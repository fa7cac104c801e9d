import { Tooltip as TooltipPrimitive } from 'radix-ui';
import type { ReactElement, ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

export interface TooltipProps {
  /** What the trigger does or means, in a few words. */
  content: ReactNode;
  /** One focusable element (a button, a link); it receives the trigger's props. */
  children: ReactElement;
  side?: 'top' | 'right' | 'bottom' | 'left';
  className?: string;
}

/**
 * A short hint on hover and on keyboard focus. It only repeats what the trigger's accessible
 * name already says (an icon button still needs its `aria-label`): touch users never see it.
 *
 * Each tooltip brings its own provider, so it works anywhere without a provider at the root;
 * the delays are short because the console is used all day and hints should not get in the way.
 */
export function Tooltip({ content, children, side = 'top', className }: TooltipProps) {
  return (
    <TooltipPrimitive.Provider delayDuration={400} skipDelayDuration={200}>
      <TooltipPrimitive.Root>
        <TooltipPrimitive.Trigger asChild>{children}</TooltipPrimitive.Trigger>
        <TooltipPrimitive.Portal>
          <TooltipPrimitive.Content
            side={side}
            sideOffset={6}
            collisionPadding={8}
            className={cn(
              'z-50 max-w-xs rounded bg-zinc-900 px-2 py-1 text-xs leading-snug text-white shadow-md select-none',
              className,
            )}
          >
            {content}
          </TooltipPrimitive.Content>
        </TooltipPrimitive.Portal>
      </TooltipPrimitive.Root>
    </TooltipPrimitive.Provider>
  );
}
