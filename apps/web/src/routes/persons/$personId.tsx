import { PERSON_ID_PATTERN, ROLE_DETAILS } from '@identdesk/domain';
import { useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link, notFound, type ErrorComponentProps } from '@tanstack/react-router';
import { TRPCClientError } from '@trpc/client';
import { ChevronLeft, ShieldBan, UserX } from 'lucide-react';
import { IdentificationStatusBadge } from '../../components/identification/identification-status-badge.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { RouteError } from '../../components/layout/route-error.tsx';
import { SEARCH_ROLES } from '../../components/layout/search-roles.ts';
import { buttonClasses } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Panel } from '../../components/ui/panel.tsx';
import { currentUser } from '../../lib/auth.ts';
import { pageHead } from '../../lib/page-title.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { ChangeProposalsPanel, ProposeChangeLink } from './-components/change-proposals-panel.tsx';
import { DocumentsPanel } from './-components/documents-table.tsx';
import { IdentificationsPanel } from './-components/identifications-table.tsx';
import { AddressPanel, CompliancePanel, EmploymentPanel, IdentityPanel, SyncFacts } from './-components/person-facts.tsx';
import { PersonHistoryPanel } from './-components/person-history.tsx';
import { PersonPending } from './-components/person-pending.tsx';
import { ProofOfAddressPanel } from './-components/proof-of-address-panel.tsx';
import { ProofOfAddressStateBadge } from './-components/proof-of-address-state-badge.tsx';

export const Route = createFileRoute('/persons/$personId')({
  // No name in the title: titles are kept in the browser's history, names must not be (0002).
  head: pageHead('Customer'),
  loader: async ({ context, params }) => {
    if (!PERSON_ID_PATTERN.test(params.personId)) throw notFound();
    const user = await currentUser(context);
    // Roles that do not see customers load nothing (and cause no refused request): the page says why.
    if (!user || !SEARCH_ROLES.includes(user.role)) return;
    await context.queryClient.ensureQueryData(context.trpc.person.get.queryOptions({ id: params.personId }));
  },
  pendingComponent: PersonPending,
  errorComponent: PersonError,
  notFoundComponent: PersonNotFound,
  component: PersonRoute,
});

function BackToSearch() {
  return (
    <Link to="/" className="mb-2 inline-flex items-center gap-1 text-xs text-zinc-500 hover:text-zinc-800">
      <ChevronLeft aria-hidden="true" className="size-3.5" />
      Search
    </Link>
  );
}

function PersonRoute() {
  const trpc = useTRPC();
  const role = useQuery(trpc.auth.me.queryOptions()).data?.user?.role;
  if (role && !SEARCH_ROLES.includes(role)) {
    return (
      <>
        <PageHeader title="Customer" />
        <Panel>
          <EmptyState icon={ShieldBan} title="Customers are shown to agents and compliance only">
            You are signed in as {ROLE_DETAILS[role].label.toLowerCase()}, a role that does not see customers’ personal
            data.
          </EmptyState>
        </Panel>
      </>
    );
  }
  return <PersonPage canRecord={role === 'agent'} />;
}

function PersonPage({ canRecord }: { canRecord: boolean }) {
  const { personId } = Route.useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = trpc.person.get.queryOptions({ id: personId });
  const { data } = useSuspenseQuery(options);
  const { person, identifications, documents, history, proofOfAddress } = data;
  const latest = identifications[0];
  const name = [person.firstName, person.lastName].filter(Boolean).join(' ') || 'Name not given';

  return (
    <>
      <BackToSearch />
      <PageHeader
        title={name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>
              Customer <span className="font-mono text-xs text-zinc-600">{person.id}</span>
            </span>
            {latest ? <IdentificationStatusBadge status={latest.status} /> : null}
            <ProofOfAddressStateBadge state={proofOfAddress.state} withSubject />
          </span>
        }
        actions={<ProposeChangeLink personId={person.id} />}
      />
      <div className="space-y-4">
        <div className="grid gap-4 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <IdentityPanel person={person} />
          </div>
          <AddressPanel person={person} />
        </div>
        <ChangeProposalsPanel personId={person.id} />
        <IdentificationsPanel identifications={identifications} />
        <ProofOfAddressPanel
          personId={person.id}
          proofOfAddress={proofOfAddress}
          identifications={identifications}
          canRecord={canRecord}
          onRecorded={() => void queryClient.invalidateQueries({ queryKey: options.queryKey })}
        />
        <PersonHistoryPanel history={history} />
        <DocumentsPanel documents={documents} />
        <CompliancePanel person={person} />
        <EmploymentPanel person={person} />
        <SyncFacts person={person} />
      </div>
    </>
  );
}

function PersonNotFound() {
  return (
    <>
      <BackToSearch />
      <PageHeader title="Customer" />
      <Panel>
        <EmptyState
          icon={UserX}
          title="No customer with this id"
          action={
            <Link to="/" className={buttonClasses()}>
              Search for the customer
            </Link>
          }
        >
          The link may be mistyped, or Solaris has not reported this customer to Identdesk yet. Search by name, email or
          date of birth instead.
        </EmptyState>
      </Panel>
    </>
  );
}

function PersonError(props: ErrorComponentProps) {
  if (props.error instanceof TRPCClientError && props.error.data?.code === 'NOT_FOUND') return <PersonNotFound />;
  return (
    <>
      <BackToSearch />
      <PageHeader title="Customer" />
      <RouteError {...props} title="Could not load the customer" />
    </>
  );
}
