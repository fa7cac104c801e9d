import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CircleCheck, CircleX, LoaderCircle } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { Proposal } from '../../../components/person-change/proposal.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog, DialogBody, DialogClose, DialogContent, DialogFooter, DialogTrigger } from '../../../components/ui/dialog.tsx';
import { TextareaField } from '../../../components/ui/textarea.tsx';
import { useTRPC } from '../../../lib/trpc.ts';
import { mutationProblem } from './mutation-problem.ts';

export type PersonChangeDecision = 'approve' | 'reject';

const REASON_MIN_LENGTH = 3;
const REASON_MAX_LENGTH = 2000;

const TEXT: Record<PersonChangeDecision, { button: string; title: string; confirm: string; pending: string; hint: string }> = {
  approve: {
    button: 'Approve…',
    title: 'Approve and send the change to Solaris',
    confirm: 'Approve and send to Solaris',
    pending: 'Sending to Solaris…',
    hint: 'Optional: anything the next reviewer should know.',
  },
  reject: {
    button: 'Reject…',
    title: 'Reject this change',
    confirm: 'Reject',
    pending: 'Saving…',
    hint: 'Why the change cannot be made. The agent tells the customer, so write it plainly.',
  },
};

export interface PersonChangeDecisionDialogProps {
  decision: PersonChangeDecision;
  proposal: Proposal;
  disabled: boolean;
  describedBy?: string;
  /** The proposal after the decision (for an approval, after Solaris answered). */
  onDecided: (proposal: Proposal) => void;
  /** Someone else decided first: the queue reloads without it. */
  onOutdated: (message: string) => void;
}

/**
 * Approve (Identdesk then sends the PATCH and waits for Solaris' answer) or reject with a reason.
 * The server's refusals (own proposal, decided by someone else) show in the dialog in its words.
 */
export function PersonChangeDecisionDialog({ decision, proposal, disabled, describedBy, onDecided, onOutdated }: PersonChangeDecisionDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const text = TEXT[decision];
  const reasonRequired = decision === 'reject';
  const decide = useMutation(
    trpc.compliance.decidePersonChange.mutationOptions({
      onSuccess: async (decided) => {
        setOpen(false);
        setReason('');
        setTried(false);
        onDecided(decided);
        await Promise.all([
          queryClient.invalidateQueries(trpc.compliance.pathFilter()),
          queryClient.invalidateQueries(trpc.person.pathFilter()),
        ]);
      },
      onError: async (error) => {
        if (mutationProblem(error).code !== 'CONFLICT') return;
        onOutdated(mutationProblem(error).message);
        await queryClient.invalidateQueries(trpc.compliance.pathFilter());
      },
    }),
  );
  const problem = decide.error ? mutationProblem(decide.error) : null;
  const tooShort = reasonRequired && reason.trim().length < REASON_MIN_LENGTH;
  const reasonError = problem?.fieldErrors.reason ?? (tried && tooShort ? `Give a reason of at least ${REASON_MIN_LENGTH} characters.` : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (tooShort) return;
    const trimmed = reason.trim();
    decide.mutate({ proposalId: proposal.id, decision, ...(trimmed ? { reason: trimmed } : {}) });
  };

  const Icon = decision === 'approve' ? CircleCheck : CircleX;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        // Closing while Solaris is asked would hide its answer.
        if (decide.isPending) return;
        setOpen(next);
        if (!next) decide.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant={decision === 'approve' ? 'primary' : 'secondary'} disabled={disabled} aria-describedby={describedBy}>
          <Icon aria-hidden="true" />
          {text.button}
        </Button>
      </DialogTrigger>
      <DialogContent
        title={text.title}
        description={`${proposal.personName}: ${proposal.changes.length} ${proposal.changes.length === 1 ? 'value' : 'values'}, proposed by ${proposal.proposedBy.name}. The decision is recorded in the audit trail.`}
      >
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <TextareaField
              label={reasonRequired ? 'Reason' : 'Note (optional)'}
              required={reasonRequired}
              value={reason}
              onValueChange={setReason}
              hint={text.hint}
              error={reasonError}
              minLength={reasonRequired ? REASON_MIN_LENGTH : undefined}
              maxLength={REASON_MAX_LENGTH}
              rows={3}
            />
            {problem && !problem.fieldErrors.reason ? (
              <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                {problem.message}
              </p>
            ) : null}
          </DialogBody>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="ghost" disabled={decide.isPending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant={decision === 'approve' ? 'primary' : 'danger'} disabled={decide.isPending}>
              {decide.isPending ? <LoaderCircle aria-hidden="true" className="animate-spin motion-reduce:animate-none" /> : null}
              {decide.isPending ? text.pending : text.confirm}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
