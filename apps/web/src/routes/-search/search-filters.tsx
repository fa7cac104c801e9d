import {
  IDENTIFICATION_LANGUAGE_LABELS,
  IDENTIFICATION_LANGUAGES,
  IDENTIFICATION_STATUS_MEANINGS,
  IDENTIFICATION_STATUSES,
  identificationLanguageSchema,
  type IdentificationStatus,
} from '@identdesk/domain';
import { X } from 'lucide-react';
import { IdentificationStatusBadge } from '../../components/identification/identification-status-badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Checkbox } from '../../components/ui/checkbox.tsx';
import { DateInput } from '../../components/ui/date-input.tsx';
import { FormField } from '../../components/ui/input.tsx';
import { MultiSelect, Select } from '../../components/ui/select.tsx';
import { hasFilters, type SearchPageParams } from './search-params.ts';

const STATUS_OPTIONS = IDENTIFICATION_STATUSES.map((status) => ({
  value: status,
  label: IDENTIFICATION_STATUS_MEANINGS[status].label,
  adornment: <IdentificationStatusBadge status={status} />,
}));

export interface SearchFiltersProps {
  params: SearchPageParams;
  /** Applies a change to the URL (and goes back to the first page). */
  onChange: (change: Partial<SearchPageParams>) => void;
}

/**
 * Filters that narrow the search (or, with nothing typed, list everyone who matches them). Each
 * change applies at once and lands in the URL, so the view can be shared.
 */
export function SearchFilters({ params, onChange }: SearchFiltersProps) {
  const rangeBackwards = Boolean(params.createdFrom && params.createdTo && params.createdFrom > params.createdTo);
  return (
    <div role="group" aria-label="Filters" className="flex flex-wrap items-start gap-x-3 gap-y-2">
      <FormField label="Identification status" className="w-52">
        {(control) => (
          <MultiSelect<IdentificationStatus>
            id={control.id}
            label="Identification status"
            placeholder="Any status"
            options={STATUS_OPTIONS}
            selected={params.status ?? []}
            onChange={(status) => onChange({ status: status.length ? status : undefined })}
          />
        )}
      </FormField>
      <FormField label="Language" className="w-32">
        {(control) => (
          <Select
            {...control}
            value={params.language ?? ''}
            onChange={(event) => {
              const parsed = identificationLanguageSchema.safeParse(event.currentTarget.value);
              onChange({ language: parsed.success ? parsed.data : undefined });
            }}
          >
            <option value="">Any</option>
            {IDENTIFICATION_LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {IDENTIFICATION_LANGUAGE_LABELS[language]}
              </option>
            ))}
          </Select>
        )}
      </FormField>
      <FormField label="Customer since (from)" className="w-40">
        {(control) => (
          <DateInput
            {...control}
            value={params.createdFrom ?? ''}
            max={params.createdTo}
            onValueChange={(value) => onChange({ createdFrom: value || undefined })}
          />
        )}
      </FormField>
      <FormField
        label="Customer since (to, included)"
        className="w-44"
        error={rangeBackwards ? 'The "to" day is before the "from" day: nobody can match.' : null}
      >
        {(control) => (
          <DateInput
            {...control}
            value={params.createdTo ?? ''}
            min={params.createdFrom}
            onValueChange={(value) => onChange({ createdTo: value || undefined })}
          />
        )}
      </FormField>
      <div className="pt-5">
        <Checkbox
          checked={params.proofOfAddressOutstanding ?? false}
          onChange={(event) => onChange({ proofOfAddressOutstanding: event.currentTarget.checked || undefined })}
        >
          Proof of address outstanding
        </Checkbox>
      </div>
      {hasFilters(params) ? (
        <div className="pt-5">
          <Button
            size="md"
            variant="ghost"
            onClick={() =>
              onChange({
                status: undefined,
                language: undefined,
                createdFrom: undefined,
                createdTo: undefined,
                proofOfAddressOutstanding: undefined,
              })
            }
          >
            <X aria-hidden="true" />
            Clear filters
          </Button>
        </div>
      ) : null}
    </div>
  );
}
