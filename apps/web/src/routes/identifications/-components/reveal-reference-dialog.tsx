import { NEVER_SHARE_REFERENCE, REVEAL_REASON_MIN_LENGTH, revealReasonSchema } from '@identdesk/domain';
import { useMutation } from '@tanstack/react-query';
import { Eye, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { describeError } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { CopyButton } from './copy-button.tsx';

/**
 * Compliance reveals the IDnow reference and link of one identification, giving a reason that
 * goes into the audit trail. The values are shown in this dialog only and forgotten when it
 * closes: they are never put in the page or in the query cache.
 */
export function RevealReferenceDialog({ identificationId }: { identificationId: string }) {
  const trpc = useTRPC();
  const reveal = useMutation(trpc.identification.revealReference.mutationOptions());
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const reasonId = useId();
  const reasonHintId = useId();
  const reasonErrorId = useId();

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      // Forget the revealed values and the reason: the next reveal is a new, audited one.
      reveal.reset();
      setReason('');
      setReasonError(null);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = revealReasonSchema.safeParse(reason);
    if (!parsed.success) {
      setReasonError(`Reason: ${parsed.error.issues[0]?.message ?? 'check the reason.'}`);
      return;
    }
    setReasonError(null);
    reveal.mutate({ id: identificationId, reason: parsed.data });
  };

  const serverError = reveal.isError ? describeError(reveal.error) : null;

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        <Button size="sm">
          <Eye aria-hidden="true" />
          Reveal
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        {/*
          A plain backdrop instead of Dialog.Overlay: the Overlay locks scrolling by injecting a
          <style> element, which the server's CSP (style-src 'self') refuses. Focus is still
          trapped in the dialog and the rest of the page is hidden from assistive technology.
        */}
        <div aria-hidden="true" className="fixed inset-0 z-40 bg-zinc-900/40" />
        <Dialog.Content
          className="fixed top-1/2 left-1/2 z-50 w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl ring-1 ring-zinc-200"
        >
          <div className="flex items-start justify-between gap-4">
            <Dialog.Title className="text-base font-semibold text-zinc-900">Reveal the IDnow reference</Dialog.Title>
            <Dialog.Close asChild>
              <button type="button" aria-label="Close" className="rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900">
                <X aria-hidden="true" className="size-4" />
              </button>
            </Dialog.Close>
          </div>
          <Dialog.Description className="mt-1 text-sm text-zinc-600">
            The reveal is recorded in the audit trail with your name and reason. {NEVER_SHARE_REFERENCE}
          </Dialog.Description>

          {reveal.isSuccess ? (
            <div className="mt-4 space-y-3">
              <dl className="space-y-3">
                <div>
                  <dt className="text-xs font-medium text-zinc-500">IDnow reference</dt>
                  <dd className="mt-0.5 flex items-center justify-between gap-2">
                    <span className="font-mono text-sm text-zinc-900">{reveal.data.reference ?? 'None: not requested from IDnow yet'}</span>
                    {reveal.data.reference ? <CopyButton text={reveal.data.reference} what="the IDnow reference" /> : null}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs font-medium text-zinc-500">Identification link</dt>
                  <dd className="mt-0.5 flex items-start justify-between gap-2">
                    <span className="min-w-0 font-mono text-xs break-all text-zinc-900">
                      {reveal.data.url ?? 'None: not requested from IDnow yet'}
                    </span>
                    {reveal.data.url ? <CopyButton text={reveal.data.url} what="the identification link" /> : null}
                  </dd>
                </div>
              </dl>
              <div className="flex justify-end">
                <Dialog.Close asChild>
                  <Button variant="primary">Done</Button>
                </Dialog.Close>
              </div>
            </div>
          ) : (
            <form onSubmit={submit} noValidate className="mt-4 space-y-3">
              <div>
                <label htmlFor={reasonId} className="mb-1 block text-xs font-medium text-zinc-600">
                  Reason
                </label>
                <textarea
                  id={reasonId}
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                  rows={3}
                  maxLength={500}
                  aria-invalid={reasonError ? true : undefined}
                  aria-describedby={reasonError ? `${reasonErrorId} ${reasonHintId}` : reasonHintId}
                  className="w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm shadow-xs aria-invalid:border-red-500"
                />
                <p id={reasonHintId} className="mt-1 text-xs text-zinc-500">
                  Why you need it, e.g. a case number. At least {REVEAL_REASON_MIN_LENGTH} characters.
                </p>
                {reasonError ? (
                  <p id={reasonErrorId} role="alert" className="mt-1 text-xs font-medium text-red-700">
                    {reasonError}
                  </p>
                ) : null}
              </div>
              {serverError ? (
                <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
                  {serverError.title}: {serverError.detail} {serverError.hint}
                </p>
              ) : null}
              <div className="flex justify-end gap-2">
                <Dialog.Close asChild>
                  <Button>Cancel</Button>
                </Dialog.Close>
                <Button type="submit" variant="primary" disabled={reveal.isPending}>
                  <Eye aria-hidden="true" />
                  {reveal.isPending ? 'Revealing…' : 'Reveal and record'}
                </Button>
              </div>
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
