import { CircleCheck, Info } from 'lucide-react';

export type QueueNotice = { tone: 'done' | 'outdated'; message: string } | null;

/**
 * What the last action in the queue came to, where the reviewer is looking: "Approved …", or why
 * an item vanished ("… already acknowledged this identification"). Announced politely.
 */
export function QueueNoticeLine({ notice }: { notice: QueueNotice }) {
  return (
    <p
      role="status"
      aria-live="polite"
      className={
        notice === null
          ? 'sr-only'
          : notice.tone === 'done'
            ? 'flex items-center gap-2 text-sm text-emerald-800'
            : 'flex items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900'
      }
    >
      {notice === null ? null : notice.tone === 'done' ? (
        <CircleCheck aria-hidden="true" className="size-4 shrink-0" />
      ) : (
        <Info aria-hidden="true" className="size-4 shrink-0" />
      )}
      {notice?.message}
    </p>
  );
}
