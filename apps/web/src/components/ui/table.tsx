import { useEffect, useRef, useState, type ComponentProps, type ReactNode, type RefObject } from 'react';
import { cn } from '../../lib/cn.ts';

/** Whether the element's content is wider than the element, re-checked as either resizes. */
function useScrollsHorizontally(ref: RefObject<HTMLElement | null>): boolean {
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const check = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    check();
    return () => observer.disconnect();
  }, [ref]);
  return scrolls;
}

/**
 * Semantic table elements with the house styles: compact rows, quiet header, right-aligned
 * tabular figures for numbers. The shared DataTable renders through these.
 */
export function Table({ caption, className, children, ...props }: ComponentProps<'table'> & { caption?: ReactNode }) {
  const scroller = useRef<HTMLDivElement>(null);
  // A table wider than its panel scrolls sideways: keyboard users reach the hidden columns by
  // focusing the scroller and using the arrow keys (it is a tab stop only when it scrolls).
  const scrolls = useScrollsHorizontally(scroller);
  return (
    <div ref={scroller} tabIndex={scrolls ? 0 : undefined} className="overflow-x-auto">
      <table className={cn('w-full border-collapse text-left text-sm', className)} {...props}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function TableHead({ className, ...props }: ComponentProps<'thead'>) {
  return <thead className={cn('border-b border-zinc-200 bg-zinc-50/80', className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<'tbody'>) {
  return <tbody className={cn('divide-y divide-zinc-100', className)} {...props} />;
}

export function TableFoot({ className, ...props }: ComponentProps<'tfoot'>) {
  return <tfoot className={cn('border-t border-zinc-200 bg-zinc-50/80 font-medium', className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<'tr'>) {
  return <tr className={cn('transition-colors hover:bg-zinc-50/70', className)} {...props} />;
}

export function TableHeaderCell({ numeric, className, ...props }: ComponentProps<'th'> & { numeric?: boolean }) {
  return (
    <th
      scope="col"
      className={cn(
        'h-8 px-4 text-xs font-medium whitespace-nowrap text-zinc-500',
        numeric ? 'text-right' : 'text-left',
        className,
      )}
      {...props}
    />
  );
}

export function TableCell({ numeric, className, ...props }: ComponentProps<'td'> & { numeric?: boolean }) {
  return (
    <td
      className={cn('px-4 py-2 align-top text-zinc-800', numeric && 'text-right tabular whitespace-nowrap', className)}
      {...props}
    />
  );
}
