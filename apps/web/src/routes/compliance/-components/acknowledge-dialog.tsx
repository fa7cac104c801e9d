import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Check, LoaderCircle } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog, DialogBody, DialogClose, DialogContent, DialogFooter, DialogTrigger } from '../../../components/ui/dialog.tsx';
import { TextareaField } from '../../../components/ui/textarea.tsx';
import { useTRPC } from '../../../lib/trpc.ts';
import { mutationProblem } from './mutation-problem.ts';
import type { AcknowledgeableQueue, QueueItem } from './queues.ts';

const NOTE_MIN_LENGTH = 10;
const NOTE_MAX_LENGTH = 2000;

const PROMPTS: Record<AcknowledgeableQueue, { title: string; hint: string; placeholder: string }> = {
  reversed_success: {
    title: 'Confirm the bank account is blocked',
    hint: 'Say where and how the account was blocked (system, ticket), for the next reviewer and the audit trail.',
    placeholder: 'Blocked in core banking, ticket …',
  },
  fraud_suspicion: {
    title: 'Mark the fraud suspicion as reviewed',
    hint: 'Say what you checked and what follows (reported, account closed, no action).',
    placeholder: 'Compared with IDnow’s report; reported to …',
  },
  data_changed: {
    title: 'Mark the data change as reviewed',
    hint: 'Say whether the corrected data is plausible and what you did about it.',
    placeholder: 'Spelling of the name corrected to match the passport; plausible.',
  },
  review_overdue: {
    title: 'Mark the overdue review as reviewed',
    hint: 'Say what Solaris or IDnow answered, or what you arranged.',
    placeholder: 'Asked Solaris support (ticket …); review still pending at IDnow.',
  },
};

export interface AcknowledgeDialogProps {
  queue: AcknowledgeableQueue;
  item: QueueItem;
  /** The button's words: "Bank account blocked" or "Reviewed". */
  actionLabel: string;
  onAcknowledged: (message: string) => void;
  /** Someone acknowledged it first: the queue reloads without it, so the dialog (and its message) goes away. */
  onOutdated: (message: string) => void;
}

/**
 * The acknowledgement of one identification in a queue, with a note the server requires (ten
 * characters or more). Refusals (someone acknowledged it first, it left the queue) show in the
 * dialog in the server's words; on success the queue and the counts reload.
 */
export function AcknowledgeDialog({ queue, item, actionLabel, onAcknowledged, onOutdated }: AcknowledgeDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const acknowledge = useMutation(
    trpc.compliance.acknowledge.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        setNote('');
        setTried(false);
        onAcknowledged(`${actionLabel}: ${item.personName}. The item left the queue.`);
        await queryClient.invalidateQueries(trpc.compliance.pathFilter());
      },
      onError: async (error) => {
        // Someone else acknowledged it first: show the queue as it is now, and say why the item went.
        const problem = mutationProblem(error);
        if (problem.code !== 'CONFLICT') return;
        onOutdated(problem.message);
        await queryClient.invalidateQueries(trpc.compliance.pathFilter());
      },
    }),
  );
  const prompt = PROMPTS[queue];
  const problem = acknowledge.error ? mutationProblem(acknowledge.error) : null;
  const tooShort = note.trim().length < NOTE_MIN_LENGTH;
  const noteError =
    problem?.fieldErrors.note ?? (tried && tooShort ? `Write at least ${NOTE_MIN_LENGTH} characters: say what was done.` : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (tooShort || !item.identificationId) return;
    acknowledge.mutate({ identificationId: item.identificationId, queue, note });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) acknowledge.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" aria-label={`${actionLabel}: ${item.personName}`}>
          <Check aria-hidden="true" />
          {actionLabel}…
        </Button>
      </DialogTrigger>
      <DialogContent title={prompt.title} description={`${item.personName}. ${item.detail}`}>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <TextareaField
              label="Note"
              required
              value={note}
              onValueChange={setNote}
              hint={prompt.hint}
              placeholder={prompt.placeholder}
              error={noteError}
              minLength={NOTE_MIN_LENGTH}
              maxLength={NOTE_MAX_LENGTH}
              rows={4}
            />
            {problem && !problem.fieldErrors.note ? (
              <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                {problem.message}
              </p>
            ) : null}
          </DialogBody>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="ghost">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={acknowledge.isPending}>
              {acknowledge.isPending ? <LoaderCircle aria-hidden="true" className="animate-spin motion-reduce:animate-none" /> : null}
              {acknowledge.isPending ? 'Saving…' : actionLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
