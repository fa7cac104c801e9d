import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { FilePen, LoaderCircle, TriangleAlert, Undo2 } from 'lucide-react';
import { ChangesTable } from '../../../components/person-change/changes-table.tsx';
import { ProposalPeople, ProposalStatusBadge, SolarisAnswer, type Proposal } from '../../../components/person-change/proposal.tsx';
import { Button, buttonClasses } from '../../../components/ui/button.tsx';
import { ErrorState } from '../../../components/ui/error-state.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { SkeletonRows, Loading } from '../../../components/ui/skeleton.tsx';
import { useTRPC } from '../../../lib/trpc.ts';
import { mutationProblem } from '../../compliance/-components/mutation-problem.ts';

/** The "Propose a change" link: to the change form of the allow-listed fields. */
export function ProposeChangeLink({ personId }: { personId: string }) {
  return (
    <Link to="/persons/$personId/change" params={{ personId }} className={buttonClasses({ size: 'sm' })}>
      <FilePen aria-hidden="true" />
      Propose a change
    </Link>
  );
}

function WithdrawButton({ proposal }: { proposal: Proposal }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const withdraw = useMutation(
    trpc.person.withdrawChange.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.person.pathFilter()),
    }),
  );
  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" onClick={() => withdraw.mutate({ proposalId: proposal.id })} disabled={withdraw.isPending}>
        {withdraw.isPending ? <LoaderCircle aria-hidden="true" className="animate-spin motion-reduce:animate-none" /> : <Undo2 aria-hidden="true" />}
        Withdraw
      </Button>
      {withdraw.error ? (
        <p role="alert" className="max-w-64 text-right text-xs text-red-700">
          {mutationProblem(withdraw.error).message}
        </p>
      ) : null}
    </div>
  );
}

function ProposalEntry({ proposal }: { proposal: Proposal }) {
  return (
    <li className="border-t border-zinc-200 first:border-t-0" aria-label={`Change proposed ${proposal.proposedAt}: ${proposal.statusLabel}`}>
      <div className="flex flex-wrap items-start justify-between gap-3 px-4 pt-3">
        <div className="space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <ProposalStatusBadge proposal={proposal} />
            {proposal.nearbyAddress ? (
              <span className="inline-flex items-center gap-1 text-xs text-amber-800">
                <TriangleAlert aria-hidden="true" className="size-3.5" />
                Nearby address: a proof of address is needed
              </span>
            ) : null}
          </div>
          <ProposalPeople proposal={proposal} />
          <p className="text-xs text-zinc-600">
            Note: <span className="text-zinc-800">{proposal.note}</span>
          </p>
        </div>
        {proposal.canWithdraw ? <WithdrawButton proposal={proposal} /> : null}
      </div>
      {proposal.status === 'applied' || proposal.solaris ? (
        <div className="px-4 pt-2">
          <SolarisAnswer proposal={proposal} />
        </div>
      ) : null}
      <div className="pt-2 pb-1">
        <ChangesTable changes={proposal.changes} caption="Changed fields" />
      </div>
    </li>
  );
}

/**
 * Changes proposed for the customer, newest first: the open one waiting for compliance (the
 * proposer may withdraw it), and what became of the others, with Solaris' answer.
 */
export function ChangeProposalsPanel({ personId }: { personId: string }) {
  const trpc = useTRPC();
  const proposals = useQuery(trpc.person.changeProposals.queryOptions({ personId }));

  return (
    <div id="change-proposals" className="scroll-mt-4">
      <Panel
        title="Changes to the customer’s data"
        description="Proposed by agents, decided by compliance (four eyes), then sent to Solaris."
      >
        {proposals.isPending ? (
          <Loading label="Loading proposed changes…">
            <SkeletonRows rows={2} />
          </Loading>
        ) : proposals.isError ? (
          <ErrorState
            className="m-3 shadow-none"
            error={proposals.error}
            title="Could not load the proposed changes"
            onRetry={() => void proposals.refetch()}
          />
        ) : proposals.data.length === 0 ? (
          <p className="px-4 py-3 text-sm text-zinc-500">
            No change proposed yet. When the customer asks to correct their address, email or other data Solaris lets
            partners change, use “Propose a change” at the top of the page.
          </p>
        ) : (
          <ol aria-label="Proposed changes, newest first">
            {proposals.data.map((proposal) => (
              <ProposalEntry key={proposal.id} proposal={proposal} />
            ))}
          </ol>
        )}
      </Panel>
    </div>
  );
}
