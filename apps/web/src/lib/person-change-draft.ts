import {
  ADDRESS_PARTS,
  createPersonPatchSchema,
  PERSON_CHANGE_FORM_SECTIONS,
  personChangePathLabel,
  type AddressPart,
  type PersonChangeFieldSpec,
  type PersonUpdatableField,
  type TaxInformationPart,
} from '@identdesk/domain';

/**
 * The change form's state: every allow-listed field as the controls hold it (strings; an address
 * and the tax information as their parts), so "changed" is a plain comparison with what the form
 * opened with, and only changed fields become the PATCH.
 */
export type AddressDraft = Record<AddressPart, string>;
export type TaxDraft = Record<TaxInformationPart, string>;
export type DraftValue = string | AddressDraft | TaxDraft;
export type ChangeDraft = Record<PersonUpdatableField, DraftValue>;
/** Refusals keyed by the PATCH's dotted path (`address.postal_code`, `nace_code`) or `note`. */
export type DraftErrors = Record<string, string>;

export const FIELD_SPECS: readonly PersonChangeFieldSpec[] = PERSON_CHANGE_FORM_SECTIONS.flatMap((section) => section.fields);

/** Solaris keeps these once set: the PATCH may change them but not clear them. */
const NOT_CLEARABLE = new Set<PersonUpdatableField>(['salutation', 'aml_confirmed_on', 'data_terms_signed_at']);

export const NOTE_MIN_LENGTH = 3;
export const NOTE_MAX_LENGTH = 1000;

/** The control's label: amounts are typed in euros though Solaris names the field in cents. */
export function formLabel(spec: PersonChangeFieldSpec): string {
  return spec.kind === 'cents' ? `${spec.label.replace(/\s*\(cents\)$/, '')} (€)` : spec.label;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/** Cents as euros the way an agent types them: 250000 → "2500", 250050 → "2500.50". */
export function centsToEuros(cents: unknown): string {
  if (typeof cents !== 'number') return '';
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

const EUROS = /^(\d+)(?:[.,](\d{1,2}))?$/;

function eurosToCents(text: string): number | null {
  const match = EUROS.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function draftValueOf(spec: PersonChangeFieldSpec, value: unknown): DraftValue {
  switch (spec.kind) {
    case 'address': {
      const address = isRecord(value) ? value : {};
      return Object.fromEntries(ADDRESS_PARTS.map((part) => [part, asText(address[part])])) as AddressDraft;
    }
    case 'tax': {
      const tax = isRecord(value) ? value : {};
      return { tax_assessment: asText(tax.tax_assessment), marital_status: asText(tax.marital_status) };
    }
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : '';
    case 'cents':
      return centsToEuros(value);
    case 'string_list':
      return Array.isArray(value) ? value.map(asText).join(', ') : '';
    default:
      return asText(value);
  }
}

/** The form as it opens: `person.changeForm`'s `current`, field by field. */
export function draftFromCurrent(current: Record<string, unknown>): ChangeDraft {
  return Object.fromEntries(FIELD_SPECS.map((spec) => [spec.field, draftValueOf(spec, current[spec.field])])) as ChangeDraft;
}

function sameDraftValue(left: DraftValue, right: DraftValue): boolean {
  if (typeof left === 'string' || typeof right === 'string') return left === right;
  return JSON.stringify(left) === JSON.stringify(right);
}

export function isFieldChanged(initial: ChangeDraft, draft: ChangeDraft, field: PersonUpdatableField): boolean {
  return !sameDraftValue(initial[field], draft[field]);
}

const nullIfEmpty = (text: string) => (text.trim() === '' ? null : text.trim());

type PatchValue = { value: unknown } | { error: string };

function patchValueOf(spec: PersonChangeFieldSpec, value: DraftValue): PatchValue {
  if (typeof value !== 'string') {
    if (spec.kind === 'tax') {
      const tax = value as TaxDraft;
      return { value: { tax_assessment: nullIfEmpty(tax.tax_assessment), marital_status: nullIfEmpty(tax.marital_status) } };
    }
    const address = value as AddressDraft;
    if (spec.field === 'contact_address') {
      // An emptied contact address is cleared: post goes to the residence address again.
      if (ADDRESS_PARTS.every((part) => address[part].trim() === '')) return { value: null };
      return { value: Object.fromEntries(ADDRESS_PARTS.map((part) => [part, nullIfEmpty(address[part])])) };
    }
    // The residence address is sent whole; empty required parts are refused by the schema by name.
    return {
      value: {
        line_1: address.line_1.trim(),
        line_2: nullIfEmpty(address.line_2),
        postal_code: address.postal_code.trim(),
        city: address.city.trim(),
        state: nullIfEmpty(address.state),
        country: address.country.trim(),
      },
    };
  }
  if (value.trim() === '') {
    if (NOT_CLEARABLE.has(spec.field)) return { error: `${spec.label} cannot be cleared, only changed` };
    return { value: spec.kind === 'string_list' ? [] : null };
  }
  switch (spec.kind) {
    case 'boolean':
      return { value: value === 'true' };
    case 'cents': {
      const cents = eurosToCents(value);
      return cents === null ? { error: `${formLabel(spec)}: give an amount in euros, e.g. 2500 or 2500.50` } : { value: cents };
    }
    case 'string_list':
      return {
        value: value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      };
    default:
      return { value: value.trim() };
  }
}

/**
 * The PATCH body of the changed fields, checked by the domain's own schema (the one the server
 * applies: allow-list, FREELANCER/SELF_EMPLOYED needs a NACE code, aml_confirmed_on today or
 * tomorrow), so the agent reads the same refusal before sending as the server would give.
 */
export function buildPatch(
  initial: ChangeDraft,
  draft: ChangeDraft,
  now: Date = new Date(),
): { patch: Record<string, unknown>; errors: DraftErrors } {
  const patch: Record<string, unknown> = {};
  const errors: DraftErrors = {};
  for (const spec of FIELD_SPECS) {
    if (!isFieldChanged(initial, draft, spec.field)) continue;
    const converted = patchValueOf(spec, draft[spec.field]);
    if ('error' in converted) errors[spec.field] = converted.error;
    else patch[spec.field] = converted.value;
  }
  // zod checks the rules across fields (the NACE code rule) only once every field is valid. So the
  // refused fields are left out and the rest checked again: the agent sees every problem at once.
  const schema = createPersonPatchSchema(now);
  let remaining = patch;
  for (let round = 0; round < 3; round += 1) {
    const parsed = schema.safeParse(remaining);
    if (parsed.success) break;
    const refused = new Set<string>();
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.') || 'patch';
      errors[path] ??= issue.message;
      refused.add(String(issue.path[0] ?? ''));
    }
    remaining = Object.fromEntries(Object.entries(remaining).filter(([field]) => !refused.has(field)));
  }
  return { patch, errors };
}

export interface DraftChange {
  /** Dotted, as the server's proposal names it: `address.city`. */
  field: string;
  label: string;
  from: string;
  to: string;
}

function optionLabel(spec: PersonChangeFieldSpec, value: string): string {
  return spec.options?.find((option) => option.value === value)?.label ?? value;
}

function shownValue(spec: PersonChangeFieldSpec, value: string): string {
  if (spec.kind === 'enum') return optionLabel(spec, value);
  if (spec.kind === 'boolean') return value === 'true' ? 'Yes' : value === 'false' ? 'No' : value;
  if (spec.kind === 'cents' && value) return `${value} €`;
  return value;
}

/** What the review step shows: every changed field (an address part by part), from → to. */
export function draftChanges(initial: ChangeDraft, draft: ChangeDraft): DraftChange[] {
  const changes: DraftChange[] = [];
  for (const spec of FIELD_SPECS) {
    if (!isFieldChanged(initial, draft, spec.field)) continue;
    const before = initial[spec.field];
    const after = draft[spec.field];
    if (typeof before === 'string' || typeof after === 'string') {
      changes.push({
        field: spec.field,
        label: formLabel(spec),
        from: shownValue(spec, String(before)),
        to: shownValue(spec, String(after)),
      });
      continue;
    }
    for (const [part, value] of Object.entries(after)) {
      const previous = (before as Record<string, string>)[part] ?? '';
      if (previous === value) continue;
      const field = `${spec.field}.${part}`;
      changes.push({ field, label: personChangePathLabel(field), from: previous, to: value });
    }
  }
  return changes;
}

/** The note's rule as the server counts it (trimmed, 3–1000 characters). */
export function noteProblem(note: string): string | null {
  const length = note.trim().length;
  if (length < NOTE_MIN_LENGTH) return `Say why the customer asked for the change (at least ${NOTE_MIN_LENGTH} characters)`;
  if (length > NOTE_MAX_LENGTH) return `The note is ${length} characters long; keep it to ${NOTE_MAX_LENGTH}`;
  return null;
}

/** `patch.address.postal_code` → `address.postal_code`: the server's fieldErrors keyed as the form keys them. */
export function formErrorKey(serverField: string): string {
  return serverField.startsWith('patch.') ? serverField.slice('patch.'.length) : serverField;
}
