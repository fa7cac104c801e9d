import { COUNTRIES, TAX_INFORMATION_OPTIONS, TAX_INFORMATION_PART_LABELS, type PersonChangeFieldSpec, type TaxInformationPart } from '@identdesk/domain';
import { DateInput } from '../../../components/ui/date-input.tsx';
import { FormField, Input } from '../../../components/ui/input.tsx';
import { Select } from '../../../components/ui/select.tsx';
import { cn } from '../../../lib/cn.ts';
import { formLabel, type DraftErrors, type DraftValue, type TaxDraft } from '../../../lib/person-change-draft.ts';

export interface ChangeFieldControlProps {
  spec: PersonChangeFieldSpec;
  value: DraftValue;
  onChange: (next: DraftValue) => void;
  errors: DraftErrors;
  changed: boolean;
  disabled?: boolean;
}

const CHANGED_MARK = 'ml-1.5 rounded bg-accent-50 px-1 py-px text-[11px] font-medium text-accent-700';

function Label({ text, changed }: { text: string; changed: boolean }) {
  return (
    <>
      {text}
      {/* Seen, not read: the control's name stays its label, the review step lists what changed. */}
      {changed ? (
        <span aria-hidden="true" className={CHANGED_MARK}>
          changed
        </span>
      ) : null}
    </>
  );
}

/** One allow-listed field as the control its kind calls for; addresses have their own (AddressFields). */
export function ChangeFieldControl({ spec, value, onChange, errors, changed, disabled }: ChangeFieldControlProps) {
  if (spec.kind === 'tax') {
    const tax = value as TaxDraft;
    return (
      <>
        {(Object.keys(TAX_INFORMATION_PART_LABELS) as TaxInformationPart[]).map((part) => (
          <FormField
            key={part}
            label={<Label text={TAX_INFORMATION_PART_LABELS[part]} changed={changed} />}
            error={errors[`tax_information.${part}`] ?? errors.tax_information}
          >
            {(control) => (
              <Select
                {...control}
                name={`tax_information.${part}`}
                disabled={disabled}
                value={tax[part]}
                onChange={(event) => onChange({ ...tax, [part]: event.currentTarget.value })}
              >
                <option value="">Not given</option>
                {TAX_INFORMATION_OPTIONS[part].map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
        ))}
      </>
    );
  }

  const text = typeof value === 'string' ? value : '';
  const set = (next: string) => onChange(next);
  const wide = spec.kind === 'string_list' || spec.kind === 'timestamp';
  return (
    <FormField
      label={<Label text={formLabel(spec)} changed={changed} />}
      hint={spec.hint ?? (spec.kind === 'timestamp' ? 'UTC, e.g. 2026-11-26T09:30:00Z' : undefined)}
      error={errors[spec.field]}
      className={cn(wide && 'sm:col-span-2')}
    >
      {(control) => {
        const common = { ...control, name: spec.field, disabled };
        switch (spec.kind) {
          case 'enum':
            return (
              <Select {...common} value={text} onChange={(event) => set(event.currentTarget.value)}>
                {spec.field === 'salutation' ? null : <option value="">Not given</option>}
                {spec.options?.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
                {/* A value Solaris knows and the form does not is kept as it is. */}
                {text && !spec.options?.some((option) => option.value === text) ? <option value={text}>{text}</option> : null}
              </Select>
            );
          case 'boolean':
            return (
              <Select {...common} value={text} onChange={(event) => set(event.currentTarget.value)}>
                <option value="">Not given</option>
                <option value="true">Yes</option>
                <option value="false">No</option>
              </Select>
            );
          case 'country':
            return (
              <Select {...common} value={text} onChange={(event) => set(event.currentTarget.value)}>
                <option value="">Not given</option>
                {COUNTRIES.map((country) => (
                  <option key={country.code} value={country.code}>
                    {country.name} ({country.code})
                  </option>
                ))}
              </Select>
            );
          case 'date':
            return <DateInput {...common} value={text} onValueChange={set} className="w-44" />;
          case 'email':
            return <Input {...common} type="email" value={text} onChange={(event) => set(event.currentTarget.value)} />;
          case 'cents':
            return <Input {...common} inputMode="decimal" value={text} onChange={(event) => set(event.currentTarget.value)} className="tabular" />;
          default:
            return <Input {...common} value={text} onChange={(event) => set(event.currentTarget.value)} />;
        }
      }}
    </FormField>
  );
}
