import { IDENTIFICATION_STATUS_MEANINGS, PROOF_OF_ADDRESS_TYPE_LABELS, PROOF_OF_ADDRESS_TYPES, type IdentificationStatus } from '@identdesk/domain';
import { FilePlus2, LoaderCircle } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { Dialog, DialogBody, DialogClose, DialogContent, DialogFooter, DialogTrigger } from '../../../components/ui/dialog.tsx';
import { DateInput } from '../../../components/ui/date-input.tsx';
import { FormField, Input, Textarea } from '../../../components/ui/input.tsx';
import { Select } from '../../../components/ui/select.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { formatFileSize } from '../../../components/documents/file-size.ts';
import { formatCalendarDay } from './person-format.ts';
import {
  draftProblems,
  fileProblem,
  issuedOnCheck,
  NOTE_MAX_LENGTH,
  PROOF_OF_ADDRESS_ACCEPT,
  PROOF_OF_ADDRESS_FIELDS,
  PROOF_OF_ADDRESS_FILE_HINT,
  recordProofOfAddress,
  solarisToday,
  type ProofOfAddressDraft,
  type ProofOfAddressFieldErrors,
} from './record-proof-of-address.ts';

export interface IdentificationChoice {
  id: string;
  status: IdentificationStatus;
  createdAt: string;
}

export interface RecordProofOfAddressDialogProps {
  personId: string;
  /** The customer's identifications, newest first; the proof belongs to the newest by default. */
  identifications: IdentificationChoice[];
  /** After the server stored it: refresh the page's data and say so. */
  onRecorded: (summary: string) => void;
}

const emptyDraft = (identifications: IdentificationChoice[]): ProofOfAddressDraft => ({
  type: '',
  issuedOn: '',
  identificationId: identifications[0]?.id ?? '',
  note: '',
  file: null,
});

/**
 * "Record proof of address": what the customer sent (type, issue date, the scan), checked as the
 * agent fills it in by the same rules the server applies, then sent in one request. Refusals
 * from the server land on the fields they concern; nothing is stored unless all of it is.
 */
export function RecordProofOfAddressDialog({ personId, identifications, onRecorded }: RecordProofOfAddressDialogProps) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<ProofOfAddressDraft>(() => emptyDraft(identifications));
  const [errors, setErrors] = useState<ProofOfAddressFieldErrors>({});
  const [formMessage, setFormMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const today = solarisToday();
  const issued = issuedOnCheck(draft.issuedOn, today);

  const reset = () => {
    setDraft(emptyDraft(identifications));
    setErrors({});
    setFormMessage(null);
  };

  const update = <Field extends keyof ProofOfAddressDraft>(field: Field, value: ProofOfAddressDraft[Field]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    // A field the agent corrects is judged afresh; the others keep their refusals.
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const focusFirstError = (found: ProofOfAddressFieldErrors) => {
    const first = PROOF_OF_ADDRESS_FIELDS.find((field) => found[field]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = draftProblems(draft, today);
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      setFormMessage('The proof was not recorded. Correct the marked fields and send it again.');
      focusFirstError(problems);
      return;
    }
    setSending(true);
    setFormMessage(null);
    const outcome = await recordProofOfAddress(personId, draft);
    setSending(false);
    if (!outcome.ok) {
      setErrors(outcome.fieldErrors);
      // The identification choice is only shown when there are several: say its refusal here then.
      const unshown = identifications.length > 1 ? null : outcome.fieldErrors.identificationId;
      setFormMessage(unshown ? `${outcome.message} ${unshown}.` : outcome.message);
      focusFirstError(outcome.fieldErrors);
      return;
    }
    const typeLabel = PROOF_OF_ADDRESS_TYPE_LABELS[draft.type as keyof typeof PROOF_OF_ADDRESS_TYPE_LABELS] ?? draft.type;
    onRecorded(`Recorded: ${typeLabel}, issued ${formatCalendarDay(draft.issuedOn)}. It now waits for a compliance decision.`);
    setOpen(false);
    reset();
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        // Closing while the upload runs would hide its outcome; the agent waits for it.
        if (sending) return;
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button
          variant="primary"
          size="sm"
          // Solaris keeps documents with an identification: without one there is nothing to attach the proof to.
          disabled={identifications.length === 0}
          title={identifications.length === 0 ? 'The customer has no identification yet to attach a proof to' : undefined}
        >
          <FilePlus2 aria-hidden="true" />
          Record proof of address
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Record proof of address"
        description="What the customer sent us. Compliance decides on it (four eyes); Solaris gets the file once it is recorded."
        // Straight to the first field.
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          formRef.current?.querySelector<HTMLElement>('select, input')?.focus();
        }}
      >
        <form ref={formRef} noValidate onSubmit={(event) => void submit(event)}>
          <DialogBody>
            <FormField label="Type of proof" required error={errors.type}>
              {(control) => (
                <Select
                  {...control}
                  name="type"
                  value={draft.type}
                  onChange={(event) => update('type', event.currentTarget.value)}
                >
                  <option value="">Choose what the customer sent…</option>
                  {PROOF_OF_ADDRESS_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {PROOF_OF_ADDRESS_TYPE_LABELS[type]}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>

            <FormField
              label="Issue date"
              required
              error={errors.issuedOn ?? issued.error}
              status={issued.validUntil ? `Recent enough: it counts until ${formatCalendarDay(issued.validUntil)}.` : null}
              hint="The date printed on the document. It must not be older than 6 months."
            >
              {(control) => (
                <DateInput
                  {...control}
                  name="issuedOn"
                  value={draft.issuedOn}
                  max={today}
                  onValueChange={(value) => update('issuedOn', value)}
                  className="w-44"
                />
              )}
            </FormField>

            {identifications.length > 1 ? (
              <FormField label="For identification" error={errors.identificationId} hint="The newest one unless the customer sent it for another.">
                {(control) => (
                  <Select
                    {...control}
                    name="identificationId"
                    value={draft.identificationId}
                    onChange={(event) => update('identificationId', event.currentTarget.value)}
                  >
                    {identifications.map((identification, index) => (
                      <option key={identification.id} value={identification.id}>
                        {IDENTIFICATION_STATUS_MEANINGS[identification.status].label}, created {formatDateTime(identification.createdAt)}
                        {index === 0 ? ' (newest)' : ''}
                      </option>
                    ))}
                  </Select>
                )}
              </FormField>
            ) : null}

            <FormField
              label="File"
              required
              error={errors.file}
              hint={PROOF_OF_ADDRESS_FILE_HINT}
              status={draft.file && !errors.file ? `${draft.file.name}, ${formatFileSize(draft.file.size)}` : null}
            >
              {(control) => (
                <Input
                  {...control}
                  name="file"
                  type="file"
                  accept={PROOF_OF_ADDRESS_ACCEPT}
                  onChange={(event) => {
                    const file = event.currentTarget.files?.[0] ?? null;
                    update('file', file);
                    // Checked at once: the agent learns about a wrong file before filling in the rest.
                    const problem = file ? fileProblem(file) : null;
                    if (problem) setErrors((previous) => ({ ...previous, file: problem }));
                  }}
                  className="h-auto py-1 file:mr-3 file:rounded file:border-0 file:bg-zinc-100 file:px-2 file:py-1 file:text-xs file:font-medium file:text-zinc-700"
                />
              )}
            </FormField>

            <FormField
              label="Note"
              error={errors.note}
              hint={`Optional, for compliance: where it came from, anything unusual. ${draft.note.length} of ${NOTE_MAX_LENGTH} characters.`}
            >
              {(control) => (
                <Textarea
                  {...control}
                  name="note"
                  rows={3}
                  value={draft.note}
                  onChange={(event) => update('note', event.currentTarget.value)}
                />
              )}
            </FormField>

            {formMessage ? (
              <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800">
                {formMessage}
              </p>
            ) : null}
          </DialogBody>
          <DialogFooter>
            <DialogClose asChild>
              <Button disabled={sending}>Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={sending}>
              {sending ? <LoaderCircle aria-hidden="true" className="animate-spin motion-reduce:animate-none" /> : null}
              {sending ? 'Recording…' : 'Record proof of address'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
