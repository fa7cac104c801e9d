import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { cn } from '../../lib/cn.ts';
import { describeError } from '../../lib/errors.ts';
import { formatTime } from '../../lib/format.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { Popover } from '../ui/popover.tsx';
import { describeSolarisStatus, type SolarisStatus, type SolarisStatusTone } from './solaris-status-text.ts';

/** Often enough to notice an outage within a quarter of a minute; react-query pauses it while the tab is hidden. */
export const SOLARIS_STATUS_REFRESH_MS = 15_000;

/** The Solaris status, shared by the header indicator and the status page (one request for both). */
export function useSolarisStatus(enabled = true) {
  const trpc = useTRPC();
  return useQuery(
    trpc.system.solarisStatus.queryOptions(undefined, {
      enabled,
      refetchInterval: SOLARIS_STATUS_REFRESH_MS,
      refetchIntervalInBackground: false,
    }),
  );
}

const dotTones: Record<SolarisStatusTone | 'unknown', string> = {
  neutral: 'bg-zinc-300',
  unknown: 'bg-zinc-200 ring-1 ring-zinc-300',
  warning: 'bg-amber-500',
  danger: 'bg-red-600',
};

const textTones: Record<SolarisStatusTone | 'unknown', string> = {
  neutral: 'text-zinc-500',
  unknown: 'text-zinc-500',
  warning: 'text-amber-800',
  danger: 'text-red-700',
};

function StatusDot({ tone }: { tone: SolarisStatusTone | 'unknown' }) {
  return <span aria-hidden="true" className={cn('inline-block size-2 shrink-0 rounded-full', dotTones[tone])} />;
}

/** The words of a status, for the popover and the status page. */
export function SolarisStatusDetails({ status, isAdmin, updatedAt }: { status: SolarisStatus; isAdmin: boolean; updatedAt: Date }) {
  const words = describeSolarisStatus(status);
  const needsAdmin = status.webhooks.waitingForRetry > 0 || status.webhooks.dead > 0;
  return (
    <div className="space-y-2">
      <p className={cn('flex items-center gap-2 font-medium', words.tone === 'neutral' ? 'text-zinc-900' : textTones[words.tone])}>
        <StatusDot tone={words.tone} />
        {words.label}
      </p>
      <ul className="space-y-1 text-sm leading-snug text-zinc-700">
        {words.sentences.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
      {isAdmin && needsAdmin ? (
        <p className="text-sm">
          <Link to="/admin/webhooks" search={{ status: 'attention', page: 1 }} className="text-accent-700 underline decoration-accent-700/30 underline-offset-2 hover:decoration-accent-700">
            Open System › Webhooks
          </Link>{' '}
          to see the deliveries and replay them.
        </p>
      ) : null}
      <p className="text-xs text-zinc-500">
        Checked <time dateTime={updatedAt.toISOString()}>{formatTime(updatedAt)}</time>, every {SOLARIS_STATUS_REFRESH_MS / 1000} seconds.
      </p>
    </div>
  );
}

/**
 * The connection to Solaris at a glance, in the header of every page: a quiet grey dot while all
 * is well, amber with "Solaris slow" when requests fail or need retries, red with "Solaris down"
 * when they all fail. Its popover says in words what happens and what Identdesk does about it.
 */
export function SolarisStatusIndicator() {
  const trpc = useTRPC();
  const user = useQuery(trpc.auth.me.queryOptions()).data?.user ?? null;
  const status = useSolarisStatus(user !== null);
  if (!user) return null;

  const words = status.data ? describeSolarisStatus(status.data) : null;
  const tone = words?.tone ?? 'unknown';
  const label = words?.label ?? (status.isError ? 'Solaris: status unknown' : 'Solaris: checking…');
  const shortLabel = words?.shortLabel ?? null;

  return (
    <Popover
      label="Solaris connection"
      trigger={
        <button
          type="button"
          aria-label={label}
          title={label}
          data-state-tone={tone}
          className={cn(
            'ml-auto flex h-7 items-center gap-1.5 whitespace-nowrap rounded-md px-1.5 text-xs font-medium hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-accent-600',
            textTones[tone],
          )}
        >
          <StatusDot tone={tone} />
          {shortLabel ? <span aria-hidden="true">{shortLabel}</span> : null}
        </button>
      }
    >
      {status.data ? (
        <SolarisStatusDetails status={status.data} isAdmin={user.role === 'admin'} updatedAt={new Date(status.dataUpdatedAt)} />
      ) : status.isError ? (
        <p>
          Identdesk could not fetch the Solaris status ({describeError(status.error).title.toLowerCase()}). It asks again every{' '}
          {SOLARIS_STATUS_REFRESH_MS / 1000} seconds; if this stays, reload the page.
        </p>
      ) : (
        <p>Checking the connection to Solaris…</p>
      )}
    </Popover>
  );
}
