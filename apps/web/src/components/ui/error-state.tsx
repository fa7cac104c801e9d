import { TriangleExclamationPoint, RotateCw } from 'lucide-react';
import type { ReactNode } from 'react';
import { describeError } from '../../lib/errors.ts';
import { cn } from '../../lib/cn.ts';
import { Button } from './button.tsx';

export interface ErrorStateProps {
  /** What could not be done, e.g. "Could not load the system status". */
  title: ReactNode;
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
}

/** An error that says what happened and what to do next, with a retry where one makes sense. */
export function ErrorState({ title, error, onRetry, retrying = false, className }: ErrorStateProps) {
  const description = describeError(error);
  return (
    <div role="alert" className={cn('rounded-lg border border-red-200 bg-white p-4 shadow-xs', className)}>
      <div className="flex gap-3">
        <TriangleExclamationPoint aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-red-600" />
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
          <p className="mt-1 text-sm text-zinc-700">
            {description.title}. {description.hint}
          </p>
          <dl className="mt-3 space-y-1 text-xs text-zinc-500">
            <div className="flex gap-2">
              <dt className="shrink-0">Message:</dt>
              <dd className="min-w-0 break-words text-zinc-700">{description.detail}</dd>
            </div>
            {description.reference ? (
              <div className="flex gap-2">
                <dt className="shrink-0">Reference:</dt>
                <dd className="font-mono text-zinc-700">{description.reference}</dd>
              </div>
            ) : null}
          </dl>
          {onRetry ? (
            <Button className="mt-4" onClick={onRetry} disabled={retrying}>
              <RotateCw aria-hidden="true" className={cn(retrying && 'animate-spin motion-reduce:animate-none')} />
              {retrying ? 'Trying again…' : 'Try again'}
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
