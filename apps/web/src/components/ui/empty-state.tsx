import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

export interface EmptyStateProps {
  icon?: LucideIcon;
  title: ReactNode;
  /** Say why it is empty and what to do next. */
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}

export function EmptyState({ icon: Icon, title, children, action, className }: EmptyStateProps) {
  return (
    <div className={cn('flex flex-col items-center px-6 py-12 text-center', className)}>
      {Icon ? (
        <div className="mb-3 rounded-full bg-zinc-100 p-2.5 text-zinc-500">
          <Icon aria-hidden="true" className="size-5" />
        </div>
      ) : null}
      <p className="text-sm font-semibold text-zinc-900">{title}</p>
      {children ? <div className="mt-1 max-w-md text-sm text-pretty text-zinc-500">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
