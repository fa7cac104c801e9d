import { useId, type ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

export interface PanelProps {
  title?: ReactNode;
  description?: ReactNode;
  /** Buttons or links at the right of the header. */
  actions?: ReactNode;
  /** Pad the body; leave off for a table that runs edge to edge. */
  padded?: boolean;
  className?: string;
  children: ReactNode;
}

/** A white card on the page's grey: one section of a page, titled when it stands alone. */
export function Panel({ title, description, actions, padded = false, className, children }: PanelProps) {
  const titleId = useId();
  return (
    <section
      aria-labelledby={title ? titleId : undefined}
      className={cn('overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs', className)}
    >
      {title ? (
        <header className="flex items-start justify-between gap-4 border-b border-zinc-200 px-4 py-3">
          <div className="min-w-0">
            <h2 id={titleId} className="text-sm font-semibold text-zinc-900">
              {title}
            </h2>
            {description ? <p className="mt-0.5 text-xs text-zinc-500">{description}</p> : null}
          </div>
          {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
        </header>
      ) : null}
      <div className={cn(padded && 'p-4')}>{children}</div>
    </section>
  );
}
