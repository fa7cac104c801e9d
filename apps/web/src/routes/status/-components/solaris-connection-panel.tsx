import { SolarisStatusDetails, useSolarisStatus } from '../../../components/layout/solaris-status.tsx';
import { ErrorState } from '../../../components/ui/error-state.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { Skeleton } from '../../../components/ui/skeleton.tsx';
import { Stat, StatGrid } from '../../../components/ui/stat.tsx';
import { formatCount } from '../../../lib/format.ts';

function minutesText(seconds: number | null): string {
  if (seconds === null) return 'None waiting';
  if (seconds < 60) return `${seconds} s`;
  return `${Math.round(seconds / 60)} min`;
}

/** The same Solaris status as the header's indicator (one shared query), with its figures. */
export function SolarisConnectionPanel() {
  const status = useSolarisStatus();
  return (
    <Panel
      title="Solaris connection"
      description="Every request Identdesk sent to Solaris in the last five minutes, and the webhook deliveries still to work off."
      padded
    >
      {status.data ? (
        <div className="space-y-4">
          <SolarisStatusDetails status={status.data} isAdmin updatedAt={new Date(status.dataUpdatedAt)} />
          <StatGrid>
            <Stat
              label="Requests to Solaris"
              value={formatCount(status.data.connection?.requests ?? 0)}
              hint={`${formatCount(status.data.connection?.failedRequests ?? 0)} failed, ${formatCount(status.data.connection?.retriedCalls ?? 0)} calls retried`}
            />
            <Stat label="Waiting for a retry" value={formatCount(status.data.webhooks.waitingForRetry)} hint="Webhook deliveries" />
            <Stat label="Given up on" value={formatCount(status.data.webhooks.dead)} hint="Dead deliveries, replay them" />
            <Stat
              label="Oldest not processed"
              value={minutesText(status.data.webhooks.oldestUnprocessedSeconds)}
              hint="Age of the oldest delivery not worked off"
            />
          </StatGrid>
        </div>
      ) : status.isError ? (
        <ErrorState title="Could not load the Solaris status" error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <div className="space-y-2" aria-busy="true">
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-4 w-full" />
          <span className="sr-only">Loading the Solaris status…</span>
        </div>
      )}
    </Panel>
  );
}
