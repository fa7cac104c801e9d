import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CircleCheck, CircleX, LoaderCircle, RotateCcw } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button, type ButtonVariant } from '../../../components/ui/button.tsx';
import { Dialog, DialogBody, DialogClose, DialogContent, DialogFooter, DialogTrigger } from '../../../components/ui/dialog.tsx';
import { TextareaField } from '../../../components/ui/textarea.tsx';
import { useTRPC } from '../../../lib/trpc.ts';
import { mutationProblem } from './mutation-problem.ts';
import type { QueueItem } from './queues.ts';

export type Decision = 'approve' | 'reject' | 'request_resubmission';

const REASON_MIN_LENGTH = 10;
const REASON_MAX_LENGTH = 2000;

const DECISIONS: Record<
  Decision,
  {
    button: string;
    title: string;
    confirm: string;
    done: string;
    /** The dialog's confirming button; the buttons that open the dialogs stay calm, approve the only primary one. */
    confirmVariant: ButtonVariant;
    icon: typeof CircleCheck;
    reasonHint: string | null;
  }
> = {
  approve: {
    button: 'Approve',
    title: 'Approve this proof of address',
    confirm: 'Approve',
    done: 'Approved the proof of address of',
    confirmVariant: 'primary',
    icon: CircleCheck,
    reasonHint: null,
  },
  reject: {
    button: 'Reject',
    title: 'Reject this proof of address',
    confirm: 'Reject',
    done: 'Rejected the proof of address of',
    confirmVariant: 'danger',
    icon: CircleX,
    reasonHint: 'Why it cannot be accepted. The agent tells the customer, so write it plainly.',
  },
  request_resubmission: {
    button: 'Ask for a new one',
    title: 'Ask the customer for a new proof of address',
    confirm: 'Ask for a new one',
    done: 'Asked for a new proof of address of',
    confirmVariant: 'primary',
    icon: RotateCcw,
    reasonHint: 'What the customer should send instead (e.g. the full page, a newer bill). The agent passes it on.',
  },
};

export interface DecisionDialogProps {
  decision: Decision;
  item: QueueItem;
  /** False for one's own submission: the button stays visible but disabled, with the reason beside it. */
  disabled: boolean;
  describedBy?: string;
  onDecided: (message: string) => void;
  /** Someone decided it first: the queue reloads without it, so the dialog (and its message) goes away. */
  onOutdated: (message: string) => void;
}

/**
 * One of the three four-eyes decisions on a recorded proof of address. A rejection or a request
 * for a new proof needs a reason (ten characters or more), an approval takes an optional note.
 * The server's refusals (own submission, already decided) show in the dialog in its words.
 */
export function DecisionDialog({ decision, item, disabled, describedBy, onDecided, onOutdated }: DecisionDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const text = DECISIONS[decision];
  const reasonRequired = decision !== 'approve';
  const decide = useMutation(
    trpc.compliance.decideProofOfAddress.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        setReason('');
        setTried(false);
        onDecided(`${text.done} ${item.personName}.`);
        await queryClient.invalidateQueries(trpc.compliance.pathFilter());
      },
      onError: async (error) => {
        const problem = mutationProblem(error);
        if (problem.code !== 'CONFLICT') return;
        onOutdated(problem.message);
        await queryClient.invalidateQueries(trpc.compliance.pathFilter());
      },
    }),
  );
  const problem = decide.error ? mutationProblem(decide.error) : null;
  const tooShort = reasonRequired && reason.trim().length < REASON_MIN_LENGTH;
  const reasonError =
    problem?.fieldErrors.reason ?? (tried && tooShort ? `Give a reason of at least ${REASON_MIN_LENGTH} characters.` : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (tooShort || !item.submissionId) return;
    const trimmed = reason.trim();
    decide.mutate({ submissionId: item.submissionId, decision, ...(trimmed ? { reason: trimmed } : {}) });
  };

  const Icon = text.icon;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) decide.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant={decision === 'approve' ? 'primary' : 'secondary'} disabled={disabled} aria-describedby={describedBy}>
          <Icon aria-hidden="true" />
          {text.button}…
        </Button>
      </DialogTrigger>
      <DialogContent
        title={text.title}
        description={`${item.personName}: ${item.proofOfAddress?.typeLabel ?? 'proof of address'}, issued ${
          item.proofOfAddress?.issuedOn ?? 'on an unknown date'
        }, recorded by ${item.proofOfAddress?.recordedBy.name ?? 'an agent'}. The decision is final and recorded in the audit trail.`}
      >
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <TextareaField
              label={reasonRequired ? 'Reason' : 'Note (optional)'}
              required={reasonRequired}
              value={reason}
              onValueChange={setReason}
              hint={text.reasonHint ?? 'Anything the next reviewer should know.'}
              error={reasonError}
              minLength={reasonRequired ? REASON_MIN_LENGTH : undefined}
              maxLength={REASON_MAX_LENGTH}
              rows={4}
            />
            {problem && !problem.fieldErrors.reason ? (
              <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                {problem.message}
              </p>
            ) : null}
          </DialogBody>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="ghost">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant={text.confirmVariant} disabled={decide.isPending}>
              {decide.isPending ? <LoaderCircle aria-hidden="true" className="animate-spin motion-reduce:animate-none" /> : null}
              {decide.isPending ? 'Saving…' : text.confirm}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
