import { ADDRESS_PART_LABELS, COUNTRIES, type AddressPart } from '@identdesk/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { LoaderCircle, MapPin, TriangleAlert } from 'lucide-react';
import { useId } from 'react';
import { Button } from '../../../components/ui/button.tsx';
import { FormField, Input } from '../../../components/ui/input.tsx';
import { Select } from '../../../components/ui/select.tsx';
import type { AddressDraft, DraftErrors } from '../../../lib/person-change-draft.ts';
import { useTRPC, type RouterOutputs } from '../../../lib/trpc.ts';
import { useDebouncedValue } from '../../-search/use-debounced-value.ts';

export type AddressValidation = RouterOutputs['address']['validate'];
export type AddressFinding = AddressValidation['findings'][number];

/** How long typing must pause before the address is checked: one request per pause, not per key. */
const VALIDATE_AFTER_MS = 400;

/**
 * The server's address check (ISO country, the country's postcode format, for Germany postcode
 * against city) of what is typed, once typing pauses. Off while `enabled` is false (an address
 * the agent has not touched, or one left empty).
 */
export function useAddressValidation(address: AddressDraft, enabled: boolean) {
  const trpc = useTRPC();
  const typed = useDebouncedValue(address, VALIDATE_AFTER_MS);
  const settled = JSON.stringify(typed) === JSON.stringify(address);
  const query = useQuery({
    ...trpc.address.validate.queryOptions({ address: typed }),
    enabled,
    // The previous result stays up while the next is fetched, so findings do not flicker away.
    placeholderData: keepPreviousData,
  });
  return {
    result: enabled ? (query.data ?? null) : null,
    /** Typing has not paused yet, or the check is on its way: the findings shown may be a step behind. */
    checking: enabled && (!settled || query.isFetching),
    failed: enabled && query.isError,
  };
}

const PART_LAYOUT: { part: AddressPart; className: string }[] = [
  { part: 'line_1', className: 'sm:col-span-4' },
  { part: 'line_2', className: 'sm:col-span-2' },
  { part: 'postal_code', className: 'sm:col-span-2' },
  { part: 'city', className: 'sm:col-span-4' },
  { part: 'state', className: 'sm:col-span-2' },
  { part: 'country', className: 'sm:col-span-4' },
];

export interface AddressFieldsProps {
  /** `address` or `contact_address`: the PATCH field, and the prefix of its parts' errors. */
  field: 'address' | 'contact_address';
  label: string;
  value: AddressDraft;
  onChange: (next: AddressDraft) => void;
  errors: DraftErrors;
  validation: ReturnType<typeof useAddressValidation>;
  /** Errors of the check are warnings only: the agent chose to save the address as the nearby address. */
  findingsAreWarnings?: boolean;
}

/**
 * An address as its parts, checked while typing: the findings stand at the part they concern,
 * and for a German postcode that belongs elsewhere the places it belongs to are offered.
 */
export function AddressFields({ field, label, value, onChange, errors, validation, findingsAreWarnings }: AddressFieldsProps) {
  const labelId = useId();
  const findings = validation.result?.findings ?? [];
  const suggestions = validation.result?.suggestions ?? [];
  const partFindings = (part: AddressPart) => findings.filter((finding) => finding.field === part);
  const set = (part: AddressPart, text: string) => onChange({ ...value, [part]: text });

  return (
    <div role="group" aria-labelledby={labelId} className="min-w-0">
      <div className="mb-2 flex items-center gap-2">
        <h3 id={labelId} className="text-xs font-semibold tracking-wide text-zinc-700 uppercase">
          {label}
        </h3>
        <span aria-live="polite" className="inline-flex items-center gap-1 text-xs text-zinc-500">
          {validation.checking ? (
            <>
              <LoaderCircle aria-hidden="true" className="size-3 animate-spin motion-reduce:animate-none" />
              Checking the address…
            </>
          ) : null}
        </span>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-6">
        {PART_LAYOUT.map(({ part, className }) => {
          const found = partFindings(part);
          const blocking = findingsAreWarnings ? [] : found.filter((finding) => finding.severity === 'error');
          const advisory = findingsAreWarnings ? found : found.filter((finding) => finding.severity === 'warning');
          const error = errors[`${field}.${part}`] ?? blocking.map((finding) => finding.message).join(' ');
          return (
            <FormField
              key={part}
              label={ADDRESS_PART_LABELS[part]}
              required={field === 'address' && part !== 'line_2' && part !== 'state'}
              error={error || null}
              status={
                advisory.length > 0 ? (
                  <span className="flex gap-1 text-amber-800">
                    <TriangleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
                    {advisory.map((finding) => finding.message).join(' ')}
                  </span>
                ) : null
              }
              className={className}
            >
              {(control) =>
                part === 'country' ? (
                  <Select {...control} name={`${field}.${part}`} value={value.country} onChange={(event) => set(part, event.currentTarget.value)}>
                    <option value="">{field === 'address' ? 'Choose the country…' : 'No country'}</option>
                    {COUNTRIES.map((country) => (
                      <option key={country.code} value={country.code}>
                        {country.name} ({country.code})
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Input
                    {...control}
                    name={`${field}.${part}`}
                    // The customer's address, not the agent's: the browser must not fill in its own.
                    autoComplete="off"
                    value={value[part]}
                    onChange={(event) => set(part, event.currentTarget.value)}
                  />
                )
              }
            </FormField>
          );
        })}
      </div>
      {suggestions.length > 0 ? (
        <div className="mt-2 rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2">
          <p className="flex items-center gap-1.5 text-xs text-zinc-600">
            <MapPin aria-hidden="true" className="size-3.5" />
            Postcode and city that belong together (OpenStreetMap). Take one:
          </p>
          <ul aria-label={`Suggested postcodes and cities for the ${label.toLowerCase()}`} className="mt-1.5 flex flex-wrap gap-1.5">
            {suggestions.slice(0, 8).map((suggestion) => (
              <li key={`${suggestion.postalCode}-${suggestion.city}`}>
                <Button
                  size="sm"
                  onClick={() => onChange({ ...value, postal_code: suggestion.postalCode, city: suggestion.city })}
                  aria-label={`Use ${suggestion.postalCode} ${suggestion.city}`}
                >
                  <span className="tabular">{suggestion.postalCode}</span> {suggestion.city}
                </Button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {validation.failed ? (
        <p className="mt-2 text-xs text-amber-800">
          The address could not be checked just now. It is checked again when the change is sent.
        </p>
      ) : null}
    </div>
  );
}
