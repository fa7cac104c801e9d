import { IDENTIFICATION_LANGUAGE_LABELS, IDENTIFICATION_LANGUAGES, type IdentificationLanguage } from '@identdesk/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { CircleSlash, LoaderCircle, RefreshCcw } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog, DialogBody, DialogClose, DialogContent, DialogFooter, DialogTrigger } from '../../../components/ui/dialog.tsx';
import { ErrorState } from '../../../components/ui/error-state.tsx';
import { FormField } from '../../../components/ui/input.tsx';
import { Select } from '../../../components/ui/select.tsx';
import { Loading, Skeleton } from '../../../components/ui/skeleton.tsx';
import { TextareaField } from '../../../components/ui/textarea.tsx';
import { useTRPC, type RouterOutputs } from '../../../lib/trpc.ts';
import { formatCalendarDay } from '../../persons/-components/person-format.ts';
import { mutationProblem } from '../../compliance/-components/mutation-problem.ts';

type Eligibility = RouterOutputs['identification']['startEligibility'];

const REASON_MIN_LENGTH = 3;
const REASON_MAX_LENGTH = 500;

/**
 * "Start a new identification" for a customer who cannot continue the last one (link older than
 * 14 days, expired, or ended in a way only a new identification fixes). Identdesk checks the
 * customer may have one (residence in Germany, nationality among the supported documents, a
 * proof of address where one is needed) and says why not when they may not.
 */
export function NewIdentificationPanel({ personId }: { personId: string }) {
  const trpc = useTRPC();
  const eligibility = useQuery(trpc.identification.startEligibility.queryOptions({ personId }));
  if (eligibility.isPending) {
    return (
      <Loading label="Checking whether a new identification can be started…" className="space-y-2 p-4">
        <Skeleton className="h-4 w-3/4" />
        <Skeleton className="h-7 w-48" />
      </Loading>
    );
  }
  if (eligibility.isError) {
    return (
      <ErrorState
        className="m-3 shadow-none"
        title="Could not check whether a new identification can be started"
        error={eligibility.error}
        onRetry={() => void eligibility.refetch()}
      />
    );
  }
  const { data } = eligibility;
  return (
    <div className="space-y-3 px-4 py-3">
      {data.replaces ? <p className="text-sm text-zinc-800">{data.replaces.why}</p> : null}
      {data.eligible ? null : (
        <ul aria-label="Why no new identification can be started" className="space-y-1">
          {data.refusals.map((refusal) => (
            <li key={refusal.code} className="flex gap-1.5 text-sm text-zinc-700">
              <CircleSlash aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-zinc-400" />
              {refusal.message}
            </li>
          ))}
        </ul>
      )}
      <StartIdentificationDialog personId={personId} eligibility={data} />
    </div>
  );
}

function StartIdentificationDialog({ personId, eligibility }: { personId: string; eligibility: Eligibility }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [language, setLanguage] = useState<IdentificationLanguage>(eligibility.defaultLanguage);
  const { proofOfAddress } = eligibility;
  const [submissionId, setSubmissionId] = useState(proofOfAddress.options[0]?.submissionId ?? '');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const start = useMutation(
    trpc.identification.start.mutationOptions({
      onSuccess: async (started) => {
        await queryClient.invalidateQueries(trpc.identification.pathFilter());
        await queryClient.invalidateQueries(trpc.person.pathFilter());
        if (!started.identificationId) return;
        setOpen(false);
        // Also when Solaris created it but did not request it yet: its page says where it stands.
        void navigate({ to: '/identifications/$identificationId', params: { identificationId: started.identificationId } });
      },
    }),
  );
  const problem = start.error ? mutationProblem(start.error) : null;
  const failedStart = start.data && !start.data.identificationId ? start.data.message : null;
  const reasonLength = reason.trim().length;
  const reasonError =
    problem?.fieldErrors.reason ??
    (tried && reasonLength < REASON_MIN_LENGTH ? `Say why the customer needs a new identification (at least ${REASON_MIN_LENGTH} characters).` : null);
  const proofError =
    problem?.fieldErrors.proofOfAddressSubmissionId ??
    (tried && proofOfAddress.required && !submissionId ? 'Choose the accepted proof of address to send with the identification.' : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const replaces = eligibility.replaces;
    if (!replaces || reasonLength < REASON_MIN_LENGTH || (proofOfAddress.required && !submissionId)) return;
    start.mutate({
      personId,
      replacesIdentificationId: replaces.id,
      language,
      proofOfAddressSubmissionId: submissionId || null,
      reason: reason.trim(),
    });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (start.isPending) return;
        setOpen(next);
        if (!next) {
          start.reset();
          setTried(false);
        }
      }}
    >
      <DialogTrigger asChild>
        <Button variant={eligibility.eligible ? 'primary' : 'secondary'} size="sm" disabled={!eligibility.eligible}>
          <RefreshCcw aria-hidden="true" />
          Start a new identification
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Start a new identification"
        description="Identdesk asks Solaris for a new video identification. The customer gets the new link through the partner’s app; it is never shown here. Recorded in the audit trail."
      >
        <form onSubmit={submit} noValidate>
          <DialogBody>
            {eligibility.replaces ? (
              <p className="text-sm text-zinc-700">
                Replaces the identification that is <span className="font-medium">{eligibility.replaces.statusLabel.toLowerCase()}</span>:{' '}
                {eligibility.replaces.why}
              </p>
            ) : null}
            <FormField label="Language of the video call" required>
              {(control) => (
                <Select {...control} name="language" value={language} onChange={(event) => setLanguage(event.currentTarget.value as IdentificationLanguage)} className="w-48">
                  {IDENTIFICATION_LANGUAGES.map((code) => (
                    <option key={code} value={code}>
                      {IDENTIFICATION_LANGUAGE_LABELS[code]}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
            <FormField
              label="Proof of address"
              required={proofOfAddress.required}
              error={proofError}
              hint={proofOfAddress.explanation}
            >
              {(control) => (
                <Select {...control} name="proofOfAddressSubmissionId" value={submissionId} onChange={(event) => setSubmissionId(event.currentTarget.value)}>
                  {proofOfAddress.required && proofOfAddress.options.length > 0 ? null : <option value="">None</option>}
                  {proofOfAddress.options.map((option) => (
                    <option key={option.submissionId} value={option.submissionId}>
                      {option.typeLabel}, issued {formatCalendarDay(option.issuedOn)}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
            <TextareaField
              label="Reason"
              name="reason"
              required
              value={reason}
              onValueChange={setReason}
              hint="Why the customer needs a new identification, for the audit trail and the identification’s history."
              error={reasonError}
              minLength={REASON_MIN_LENGTH}
              maxLength={REASON_MAX_LENGTH}
              rows={3}
            />
            {(problem && !problem.fieldErrors.reason && !problem.fieldErrors.proofOfAddressSubmissionId) || failedStart ? (
              <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
                {failedStart ?? problem?.message}
              </p>
            ) : null}
          </DialogBody>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="ghost" disabled={start.isPending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={start.isPending}>
              {start.isPending ? <LoaderCircle aria-hidden="true" className="animate-spin motion-reduce:animate-none" /> : null}
              {start.isPending ? 'Starting…' : 'Start the new identification'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
