import { PERSON_CHANGE_FORM_SECTIONS, PERSON_ID_PATTERN, PERSON_READ_ONLY_FIELDS, type PersonUpdatableField } from '@identdesk/domain';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, Link, notFound, useNavigate, type ErrorComponentProps } from '@tanstack/react-router';
import { ArrowRight, ChevronLeft, Info, Lock, LoaderCircle, Send } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { RouteError } from '../../components/layout/route-error.tsx';
import { SEARCH_ROLES } from '../../components/layout/search-roles.ts';
import { Button, buttonClasses } from '../../components/ui/button.tsx';
import { Checkbox } from '../../components/ui/checkbox.tsx';
import { ChangesTable } from '../../components/person-change/changes-table.tsx';
import { NearbyAddressNote } from '../../components/person-change/proposal.tsx';
import { Panel } from '../../components/ui/panel.tsx';
import { TextareaField } from '../../components/ui/textarea.tsx';
import { currentUser } from '../../lib/auth.ts';
import { pageHead } from '../../lib/page-title.ts';
import {
  buildPatch,
  draftChanges,
  draftFromCurrent,
  FIELD_SPECS,
  formErrorKey,
  isFieldChanged,
  NOTE_MAX_LENGTH,
  NOTE_MIN_LENGTH,
  noteProblem,
  type AddressDraft,
  type ChangeDraft,
  type DraftErrors,
  type DraftValue,
} from '../../lib/person-change-draft.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { mutationProblem } from '../compliance/-components/mutation-problem.ts';
import { AddressFields, useAddressValidation } from './-components/address-fields.tsx';
import { ChangeFieldControl } from './-components/change-field-control.tsx';
import { PersonPending } from './-components/person-pending.tsx';

export const Route = createFileRoute('/persons/$personId_/change')({
  head: pageHead('Propose a change'),
  loader: async ({ context, params }) => {
    if (!PERSON_ID_PATTERN.test(params.personId)) throw notFound();
    const user = await currentUser(context);
    if (!user || !SEARCH_ROLES.includes(user.role)) return;
    await context.queryClient.ensureQueryData(context.trpc.person.changeForm.queryOptions({ personId: params.personId }));
  },
  pendingComponent: PersonPending,
  errorComponent: (props: ErrorComponentProps) => <RouteError {...props} title="Could not open the change form" />,
  component: ChangePage,
});

function BackToPerson({ personId }: { personId: string }) {
  return (
    <Link
      to="/persons/$personId"
      params={{ personId }}
      className="mb-2 inline-flex items-center gap-1 text-xs text-zinc-500 hover:text-zinc-800"
    >
      <ChevronLeft aria-hidden="true" className="size-3.5" />
      Back to the customer
    </Link>
  );
}

function ChangePage() {
  const { personId } = Route.useParams();
  const trpc = useTRPC();
  const form = useSuspenseQuery(trpc.person.changeForm.queryOptions({ personId })).data;
  return (
    <>
      <BackToPerson personId={personId} />
      <PageHeader
        title={`Propose a change: ${form.personName}`}
        description="Only the fields Solaris lets a partner change. Compliance decides on the change (four eyes) before Identdesk sends it to Solaris."
      />
      {form.canPropose ? (
        // Keyed by version: a reloaded form starts from what Solaris holds now.
        <ChangeForm key={form.version} form={form} />
      ) : (
        <Panel padded>
          <p role="status" className="flex gap-2 text-sm text-zinc-800">
            <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-zinc-500" />
            {form.cannotProposeReason ?? 'A change cannot be proposed for this customer now.'}
          </p>
          <Link to="/persons/$personId" params={{ personId }} className={buttonClasses({ className: 'mt-3' })}>
            Back to the customer
          </Link>
        </Panel>
      )}
    </>
  );
}

type ChangeFormData = RouterOutputs['person']['changeForm'];

const SHOWN_ON_A_CONTROL = new Set<string>([...FIELD_SPECS.map((spec) => spec.field), 'note']);

/** Whether the form shows a server refusal at a control: a field, an address or tax part, the note. */
function isShownOnAControl(key: string): boolean {
  return SHOWN_ON_A_CONTROL.has(key.split('.')[0] ?? key);
}

const NEARBY_LABEL = 'Save as the customer’s nearby address: they must then send a proof of address';

function ChangeForm({ form }: { form: ChangeFormData }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const reviewRef = useRef<HTMLDivElement>(null);
  const [initial] = useState<ChangeDraft>(() => draftFromCurrent(form.current as Record<string, unknown>));
  const [draft, setDraft] = useState<ChangeDraft>(initial);
  const [note, setNote] = useState('');
  const [nearbyAddress, setNearbyAddress] = useState(false);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [formMessage, setFormMessage] = useState<string | null>(null);
  // Someone changed the customer or proposed first: the form must be reloaded to go on.
  const [conflict, setConflict] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);
  const [step, setStep] = useState<'edit' | 'review'>('edit');

  const addressChanged = isFieldChanged(initial, draft, 'address');
  const contactChanged = isFieldChanged(initial, draft, 'contact_address');
  const contactAddress = draft.contact_address as AddressDraft;
  const addressValidation = useAddressValidation(draft.address as AddressDraft, addressChanged);
  const contactValidation = useAddressValidation(
    contactAddress,
    contactChanged && Object.values(contactAddress).some((part) => part.trim() !== ''),
  );
  const addressInvalid = addressValidation.result?.valid === false;
  const changes = draftChanges(initial, draft);

  const update = (field: PersonUpdatableField, value: DraftValue) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    // A field the agent corrects is judged afresh, and so is the rule it takes part in.
    setErrors((previous) =>
      Object.fromEntries(Object.entries(previous).filter(([key]) => key.split('.')[0] !== field && key !== 'patch')),
    );
  };

  const focusFirstError = (found: DraftErrors) => {
    const first = Object.keys(found)[0];
    if (!first) return;
    const control = formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`) ?? formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    control?.focus();
  };

  const propose = useMutation(
    trpc.person.proposeChange.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.person.pathFilter());
        void navigate({ to: '/persons/$personId', params: { personId: form.personId }, hash: 'change-proposals' });
      },
      onError: (error) => {
        const problem = mutationProblem(error);
        const serverErrors = Object.fromEntries(Object.entries(problem.fieldErrors).map(([field, message]) => [formErrorKey(field), message]));
        setErrors(serverErrors);
        setStep('edit');
        setConflict(problem.code === 'CONFLICT');
        // Refusals of something the form has no control for are said in the message itself.
        const unshown = Object.entries(serverErrors)
          .filter(([key]) => !isShownOnAControl(key))
          .map(([, message]) => message);
        setFormMessage(
          Object.keys(serverErrors).length > 0
            ? ['Nothing was sent. Correct the marked fields and review the change again.', ...unshown].join(' ')
            : problem.message,
        );
        requestAnimationFrame(() => {
          if (Object.keys(serverErrors).length > 0) focusFirstError(serverErrors);
          else messageRef.current?.scrollIntoView({ block: 'center' });
        });
      },
    }),
  );

  const check = (): { patch: Record<string, unknown>; problems: DraftErrors } => {
    const { patch, errors: problems } = buildPatch(initial, draft);
    const noteError = noteProblem(note);
    if (noteError) problems.note = noteError;
    if (Object.keys(patch).length === 0 && Object.keys(problems).filter((key) => key !== 'note').length === 0) {
      problems.patch = 'Change at least one field';
    }
    if (addressInvalid && !nearbyAddress) {
      for (const finding of addressValidation.result?.findings ?? []) {
        if (finding.severity === 'error') problems[`address.${finding.field}`] ??= finding.message;
      }
    }
    return { patch, problems };
  };

  const toReview = (event: FormEvent) => {
    event.preventDefault();
    const { problems } = check();
    setErrors(problems);
    setConflict(false);
    if (Object.keys(problems).length > 0) {
      setFormMessage(
        problems.patch && Object.keys(problems).length === 1
          ? 'Nothing has changed yet: change at least one field.'
          : 'Correct the marked fields first: nothing has been sent.',
      );
      focusFirstError(problems);
      return;
    }
    setFormMessage(null);
    setStep('review');
    // Keyboard and screen-reader users land on what they are asked to check; the page starts at its top.
    requestAnimationFrame(() => {
      window.scrollTo({ top: 0 });
      reviewRef.current?.focus();
    });
  };

  const send = () => {
    const { patch, problems } = check();
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      setStep('edit');
      return;
    }
    propose.mutate({
      personId: form.personId,
      basedOnVersion: form.version,
      patch,
      note: note.trim(),
      nearbyAddress: addressChanged && nearbyAddress,
    });
  };

  if (step === 'review') {
    return (
      <div ref={reviewRef} tabIndex={-1} className="focus:outline-none">
        <Panel
          title="Review the change before sending it"
          description="Compliance sees exactly this. Once they approve, Identdesk sends it to Solaris and shows Solaris’ answer on the customer’s page."
        >
          <ChangesTable changes={changes} caption="Proposed changes" />
          <div className="space-y-3 border-t border-zinc-200 px-4 py-3 text-sm">
            {addressChanged && nearbyAddress ? <NearbyAddressNote when="applied" /> : null}
            <p>
              <span className="text-xs font-medium text-zinc-500">Note for compliance</span>
              <span className="block whitespace-pre-wrap text-zinc-900">{note.trim()}</span>
            </p>
          </div>
          <div className="flex items-center justify-end gap-2 border-t border-zinc-200 bg-zinc-50/80 px-4 py-3">
            <Button onClick={() => setStep('edit')} disabled={propose.isPending}>
              Back to the form
            </Button>
            <Button variant="primary" onClick={send} disabled={propose.isPending}>
              {propose.isPending ? <LoaderCircle aria-hidden="true" className="animate-spin motion-reduce:animate-none" /> : <Send aria-hidden="true" />}
              {propose.isPending ? 'Sending…' : 'Send for compliance review'}
            </Button>
          </div>
        </Panel>
      </div>
    );
  }

  return (
    <form ref={formRef} noValidate onSubmit={toReview} className="space-y-4">
      {PERSON_CHANGE_FORM_SECTIONS.map((section) => (
        <Panel key={section.id} title={section.title} padded>
          {section.id === 'address' ? (
            <div className="space-y-5">
              {section.fields.map((spec) => {
                const isResidence = spec.field === 'address';
                return (
                  <div key={spec.field}>
                    <AddressFields
                      field={isResidence ? 'address' : 'contact_address'}
                      label={spec.label}
                      value={draft[spec.field] as AddressDraft}
                      onChange={(next) => update(spec.field, next)}
                      errors={errors}
                      validation={isResidence ? addressValidation : contactValidation}
                      findingsAreWarnings={isResidence ? nearbyAddress : true}
                    />
                    {spec.hint ? <p className="mt-1.5 text-xs text-zinc-500">{spec.hint}</p> : null}
                    {isResidence && addressChanged && (addressInvalid || nearbyAddress) ? (
                      <div className="mt-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2">
                        <Checkbox checked={nearbyAddress} onChange={(event) => setNearbyAddress(event.currentTarget.checked)}>
                          {NEARBY_LABEL}
                        </Checkbox>
                        <p className="text-xs text-amber-900">
                          When the address cannot be confirmed (new building, a postcode the dataset does not know yet), it
                          can still be saved; Identdesk then asks the customer for a proof of address.
                        </p>
                        {errors.nearbyAddress ? <p className="mt-1 text-xs font-medium text-red-700">{errors.nearbyAddress}</p> : null}
                      </div>
                    ) : null}
                  </div>
                );
              })}
            </div>
          ) : (
            <div className="grid grid-cols-1 gap-x-4 gap-y-3 sm:grid-cols-2 lg:grid-cols-4">
              {section.fields.map((spec) => (
                <ChangeFieldControl
                  key={spec.field}
                  spec={spec}
                  value={draft[spec.field]}
                  onChange={(next) => update(spec.field, next)}
                  errors={errors}
                  changed={isFieldChanged(initial, draft, spec.field)}
                />
              ))}
            </div>
          )}
        </Panel>
      ))}

      <Panel
        title="Only Solaris customer support can change these"
        description="The PATCH Solaris offers partners does not include them. If one is wrong, the customer contacts Solaris customer support."
        padded
      >
        <ul aria-label="Read-only fields" className="flex flex-wrap gap-1.5">
          {PERSON_READ_ONLY_FIELDS.map((readOnly) => (
            <li
              key={readOnly.field}
              title={readOnly.message}
              className="inline-flex items-center gap-1 rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700"
            >
              <Lock aria-hidden="true" className="size-3 text-zinc-400" />
              {readOnly.label}
              <span className="sr-only">: only Solaris customer support can change it</span>
            </li>
          ))}
        </ul>
      </Panel>

      <Panel title="Send for review" padded>
        <div className="max-w-2xl space-y-3">
          <TextareaField
            label="Note for compliance"
            name="note"
            required
            value={note}
            onValueChange={(value) => {
              setNote(value);
              setErrors((previous) => ({ ...previous, note: '' }));
            }}
            hint="Why the customer asked for the change and how they confirmed who they are."
            error={errors.note || null}
            minLength={NOTE_MIN_LENGTH}
            maxLength={NOTE_MAX_LENGTH}
          />
          {formMessage || errors.patch ? (
            <div
              ref={messageRef}
              role="alert"
              className="flex flex-wrap items-center gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800"
            >
              <span className="min-w-0 flex-1">{formMessage ?? errors.patch}</span>
              {conflict ? (
                <Button
                  size="sm"
                  onClick={() => void queryClient.invalidateQueries(trpc.person.changeForm.queryFilter({ personId: form.personId }))}
                >
                  Reload the form
                </Button>
              ) : null}
            </div>
          ) : null}
          <div className="flex items-center gap-3">
            <Button type="submit" variant="primary">
              Review the change
              <ArrowRight aria-hidden="true" />
            </Button>
            <span className="text-xs text-zinc-500">
              {changes.length === 0 ? 'No field changed yet.' : `${changes.length} ${changes.length === 1 ? 'value' : 'values'} changed.`}
            </span>
          </div>
        </div>
      </Panel>
    </form>
  );
}
