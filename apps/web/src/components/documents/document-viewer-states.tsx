import { Download, FileX2, RotateCw, TriangleExclamationPoint } from 'lucide-react';
import { cn } from '../../lib/cn.ts';
import { Button, buttonClasses } from '../ui/button.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { Loading, Skeleton } from '../ui/skeleton.tsx';

/** Shaped like the viewer (toolbar, grey viewport, a page), so nothing jumps when the file arrives. */
export function DocumentViewerLoading({ label, viewportClassName }: { label: string; viewportClassName?: string }) {
  return (
    <Loading label={label} className="overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs">
      <div className="flex h-9 items-center gap-2 border-b border-zinc-200 px-3">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-4 w-16" />
        <Skeleton className="ml-auto h-4 w-20" />
      </div>
      <div className={cn('flex justify-center bg-zinc-100 p-4', viewportClassName ?? 'h-[70vh]')}>
        <Skeleton className="aspect-[1/1.414] h-full max-h-[32rem] rounded-none bg-white" />
      </div>
    </Loading>
  );
}

export interface DocumentViewerErrorProps {
  title: string;
  /** What to do next. */
  hint: string;
  detail?: string;
  reference?: string | null;
  /** Offered when the file itself may still be fine to download (it was the viewer that failed). */
  downloadUrl?: string;
  onRetry?: () => void;
  retrying?: boolean;
}

export function DocumentViewerError({ title, hint, detail, reference, downloadUrl, onRetry, retrying = false }: DocumentViewerErrorProps) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-white p-4 shadow-xs">
      <div className="flex gap-3">
        <TriangleExclamationPoint aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-red-600" />
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
          <p className="mt-1 text-sm text-zinc-700">{hint}</p>
          {detail || reference ? (
            <dl className="mt-3 space-y-1 text-xs text-zinc-500">
              {detail ? (
                <div className="flex gap-2">
                  <dt className="shrink-0">Message:</dt>
                  <dd className="min-w-0 break-words text-zinc-700">{detail}</dd>
                </div>
              ) : null}
              {reference ? (
                <div className="flex gap-2">
                  <dt className="shrink-0">Reference:</dt>
                  <dd className="font-mono text-zinc-700">{reference}</dd>
                </div>
              ) : null}
            </dl>
          ) : null}
          {onRetry || downloadUrl ? (
            <div className="mt-4 flex gap-2">
              {onRetry ? (
                <Button onClick={onRetry} disabled={retrying}>
                  <RotateCw aria-hidden="true" className={cn(retrying && 'animate-spin motion-reduce:animate-none')} />
                  {retrying ? 'Trying again…' : 'Try again'}
                </Button>
              ) : null}
              {downloadUrl ? (
                <a href={downloadUrl} download className={buttonClasses()}>
                  <Download aria-hidden="true" />
                  Download instead
                </a>
              ) : null}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** A file the viewer does not draw (not a PDF, JPEG or PNG): say so and offer the download. */
export function DocumentNotViewable({ fileName, contentType, downloadUrl }: { fileName: string; contentType: string; downloadUrl: string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white shadow-xs">
      <EmptyState
        icon={FileX2}
        title={`${fileName} cannot be shown in the console`}
        action={
          <a href={downloadUrl} download className={buttonClasses()}>
            <Download aria-hidden="true" />
            Download
          </a>
        }
      >
        The viewer shows PDFs, JPEG and PNG pictures; this file is {contentType}. Download it and open it with a program you trust.
      </EmptyState>
    </div>
  );
}
