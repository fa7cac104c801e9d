import { IDENTIFICATION_ID_PATTERN } from '@identdesk/domain';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link, notFound, type ErrorComponentProps } from '@tanstack/react-router';
import { TRPCClientError } from '@trpc/client';
import { FileQuestionMark } from 'lucide-react';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { SEARCH_ROLES } from '../../components/layout/search-roles.ts';
import { RouteError } from '../../components/layout/route-error.tsx';
import { buttonClasses } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Panel } from '../../components/ui/panel.tsx';
import { formatCount, formatDateTime } from '../../lib/format.ts';
import { pageHead } from '../../lib/page-title.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { AttemptList } from './-components/attempt-list.tsx';
import { Breadcrumbs, crumbLinkClass } from './-components/breadcrumbs.tsx';
import { GuidanceBanner } from './-components/guidance-banner.tsx';
import { IdentificationDetails } from './-components/identification-details.tsx';
import { IdentificationDocuments } from './-components/identification-documents.tsx';
import { IdentificationPending } from './-components/identification-pending.tsx';
import { NewIdentificationPanel } from './-components/start-identification.tsx';
import { StartedInIdentdesk } from './-components/started-in-identdesk.tsx';
import { StatusTimeline } from './-components/status-timeline.tsx';
import { SupportedDocuments } from './-components/supported-documents.tsx';

const PAGE_DESCRIPTION = 'Where the video identification stands, what to tell the customer, and every IDnow call.';

export const Route = createFileRoute('/identifications/$identificationId')({
  head: pageHead('Identification'),
  loader: async ({ context, params }) => {
    if (!IDENTIFICATION_ID_PATTERN.test(params.identificationId)) throw notFound();
    try {
      await context.queryClient.ensureQueryData(context.trpc.identification.get.queryOptions({ id: params.identificationId }));
    } catch (error) {
      if (error instanceof TRPCClientError && error.data?.code === 'NOT_FOUND') throw notFound();
      throw error;
    }
  },
  pendingComponent: IdentificationPending,
  errorComponent: IdentificationError,
  notFoundComponent: IdentificationNotFound,
  component: IdentificationPage,
});

function IdentificationPage() {
  const { identificationId } = Route.useParams();
  const trpc = useTRPC();
  const view = useSuspenseQuery(trpc.identification.get.queryOptions({ id: identificationId })).data;
  const role = useQuery(trpc.auth.me.queryOptions()).data?.user?.role;
  const { identification } = view;

  return (
    <>
      <Breadcrumbs>
        {[
          <Link key="search" to="/" className={crumbLinkClass}>
            Search
          </Link>,
          <Link key="person" to="/persons/$personId" params={{ personId: identification.personId }} className={crumbLinkClass}>
            {identification.personName || 'Customer'}
          </Link>,
          <span key="identification">Identification</span>,
        ]}
      </Breadcrumbs>
      <PageHeader
        title={`Identification of ${identification.personName || 'the customer'}`}
        description={`Created ${formatDateTime(identification.createdAt)}. ${PAGE_DESCRIPTION}`}
      />
      <div className="space-y-4">
        <GuidanceBanner view={view} />
        <div className="grid items-start gap-4 lg:grid-cols-3">
          <div className="min-w-0 space-y-4 lg:col-span-2">
            <Panel
              title="IDnow video calls"
              description={
                view.attempts.length === 0
                  ? 'None yet.'
                  : `${formatCount(view.attempts.length)} ${view.attempts.length === 1 ? 'call' : 'calls'}, newest first, with IDnow’s failure codes explained.`
              }
            >
              <AttemptList view={view} />
            </Panel>
            <Panel title="Documents" description="Handed over by IDnow. Opening one is recorded in the audit trail.">
              <IdentificationDocuments view={view} />
            </Panel>
            <Panel title="Status changes" description="Oldest first, as Solaris reported them.">
              <StartedInIdentdesk view={view} />
              <StatusTimeline timeline={view.timeline} />
            </Panel>
          </div>
          <div className="min-w-0 space-y-4">
            {role && SEARCH_ROLES.includes(role) ? (
              <Panel title="New identification" description="When the customer cannot continue this one.">
                <NewIdentificationPanel personId={identification.personId} />
              </Panel>
            ) : null}
            <Panel title="Details">
              <IdentificationDetails identification={identification} mayReveal={role === 'compliance'} />
            </Panel>
            <Panel title="Accepted ID documents" description="What the customer may show in the call.">
              <SupportedDocuments supported={view.supportedDocuments} />
            </Panel>
          </div>
        </div>
      </div>
    </>
  );
}

function IdentificationError(props: ErrorComponentProps) {
  return (
    <>
      <PageHeader title="Identification" description={PAGE_DESCRIPTION} />
      <RouteError {...props} title="Could not load the identification" />
    </>
  );
}

function IdentificationNotFound() {
  return (
    <>
      <PageHeader title="Identification not found" />
      <Panel>
        <EmptyState
          icon={FileQuestionMark}
          title="No identification has this id"
          action={
            <Link to="/" className={buttonClasses()}>
              Search for the customer
            </Link>
          }
        >
          The link may be mistyped or out of date. Identification ids are 32 letters and digits ending in “cidt”; search
          for the customer and open the identification from there.
        </EmptyState>
      </Panel>
    </>
  );
}
