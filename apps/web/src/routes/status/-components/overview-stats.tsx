import { Stat, StatGrid } from '../../../components/ui/stat.tsx';
import { formatCount, formatDateTime, formatRelative } from '../../../lib/format.ts';
import type { RouterOutputs } from '../../../lib/trpc.ts';

type Overview = RouterOutputs['system']['overview'];

const DATABASES: Record<Overview['database'], { label: string; hint: string }> = {
  pglite: { label: 'PGlite', hint: 'Embedded in the server' },
  postgres: { label: 'PostgreSQL', hint: 'External database server' },
};

export function OverviewStats({ overview, now }: { overview: Overview; now: Date }) {
  const database = DATABASES[overview.database];
  return (
    <StatGrid>
      <Stat label="Database" value={database.label} hint={database.hint} />
      <Stat label="Persons" value={formatCount(overview.persons)} hint="Customers known to Identdesk" />
      <Stat
        label="Identifications"
        value={formatCount(overview.identifications)}
        hint="All IDnow identifications, any status"
      />
      <Stat
        label="Last webhook"
        value={
          overview.lastWebhookAt ? (
            <time dateTime={overview.lastWebhookAt} title={formatDateTime(overview.lastWebhookAt)}>
              {formatRelative(overview.lastWebhookAt, now)}
            </time>
          ) : (
            'None yet'
          )
        }
        hint={
          overview.lastWebhookAt ? formatDateTime(overview.lastWebhookAt) : 'Nothing received from Solaris'
        }
      />
    </StatGrid>
  );
}
