import type { PersonRow } from '@identdesk/db';
import {
  PERSON_UPDATABLE_FIELDS,
  PERSON_UPDATABLE_NESTED_FIELDS,
  personChangePathLabel,
  type PersonUpdatableField,
} from '@identdesk/domain';
import { MASK, maskTaxId } from '../access/masking.ts';

/**
 * The person's allow-listed fields in the shape of `PATCH /v1/persons/{id}` (snake_case, nested
 * address and tax objects), read from the stored `persons` row, and the comparison of a proposed
 * patch with them.
 */

export interface PatchAddress {
  line_1: string | null;
  line_2: string | null;
  postal_code: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
}

type NestedField = keyof typeof PERSON_UPDATABLE_NESTED_FIELDS;
type ScalarField = Exclude<PersonUpdatableField, NestedField>;

/** Every allow-listed field's present value, as the PATCH body would carry it. */
export type PersonPatchShape = {
  [K in ScalarField]: K extends 'international_operativity_expectation' ? string[] | null : string | number | boolean | null;
} & {
  address: PatchAddress;
  contact_address: PatchAddress;
  tax_information: { tax_assessment: string | null; marital_status: string | null };
};

const snakeToCamel = (name: string) => name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

const NESTED_COLUMN_PREFIX: Record<NestedField, string> = {
  address: 'address',
  contact_address: 'contactAddress',
  // tax_information.tax_assessment is stored as taxAssessment: no prefix.
  tax_information: '',
};

/** The `persons` column of a dotted PATCH path: `address.line_1` → addressLine1. */
export function columnOf(path: string): string {
  const [head, part] = path.split('.') as [string, string | undefined];
  if (part === undefined) return snakeToCamel(head);
  const prefix = NESTED_COLUMN_PREFIX[head as NestedField] ?? snakeToCamel(head);
  const camelPart = snakeToCamel(part);
  return prefix === '' ? camelPart : `${prefix}${camelPart[0]?.toUpperCase() ?? ''}${camelPart.slice(1)}`;
}

/** The label of a dotted PATCH path, as the change form names it. */
const patchPathLabel = personChangePathLabel;

/** Fields agents see masked (as the person page masks them), by PATCH name. */
export const MASKED_PATCH_FIELDS = { vat_number: maskTaxId, registration_number: maskTaxId } as const;

function plain(value: unknown): string | number | boolean | string[] | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** The person's present values of every allow-listed field; `masked` hides what agents may not read. */
export function currentPatchValues(person: PersonRow, masked: boolean): PersonPatchShape {
  const row = person as unknown as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const field of PERSON_UPDATABLE_FIELDS) {
    if (field in PERSON_UPDATABLE_NESTED_FIELDS) {
      const parts = PERSON_UPDATABLE_NESTED_FIELDS[field as NestedField];
      values[field] = Object.fromEntries(parts.map((part) => [part, plain(row[columnOf(`${field}.${part}`)])]));
    } else {
      values[field] = plain(row[columnOf(field)]);
    }
  }
  if (masked) {
    for (const [field, mask] of Object.entries(MASKED_PATCH_FIELDS)) values[field] = mask(values[field] as string | null);
  }
  return values as PersonPatchShape;
}

/** Equal for the PATCH: instants compared as instants, lists element by element, '' as null. */
function sameValue(a: unknown, b: unknown): boolean {
  const norm = (value: unknown) => (value === '' || value === undefined ? null : value);
  const left = norm(a);
  const right = norm(b);
  if (left === right) return true;
  if (typeof left === 'string' && typeof right === 'string') {
    const isInstant = (text: string) => /^\d{4}-\d{2}-\d{2}T/.test(text);
    if (isInstant(left) && isInstant(right)) return Date.parse(left) === Date.parse(right);
    return false;
  }
  if (Array.isArray(left) && Array.isArray(right)) return JSON.stringify(left) === JSON.stringify(right);
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The proposed fields that differ from the person now, and their present values keyed the same
 * way (`previous`, for the reviewer's from → to). A nested object keeps only its changed parts;
 * `contact_address: null` stays whole when the person has one.
 */
export function changedPatch(
  patch: Record<string, unknown>,
  current: PersonPatchShape,
): { patch: Record<string, unknown>; previous: Record<string, unknown> } {
  const changed: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  const now = current as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const present = now[field];
    if (isRecord(value) && isRecord(present)) {
      const parts: Record<string, unknown> = {};
      const before: Record<string, unknown> = {};
      for (const [part, partValue] of Object.entries(value)) {
        if (partValue === undefined || sameValue(partValue, present[part])) continue;
        parts[part] = partValue;
        before[part] = present[part] ?? null;
      }
      if (Object.keys(parts).length > 0) {
        changed[field] = parts;
        previous[field] = before;
      }
    } else if (value === null && isRecord(present)) {
      if (Object.values(present).some((part) => part !== null)) {
        changed[field] = null;
        previous[field] = present;
      }
    } else if (!sameValue(value, present)) {
      changed[field] = value;
      previous[field] = present ?? null;
    }
  }
  return { patch: changed, previous };
}

/** One changed field for the reviewer: dotted path, label, from and to as text. */
export interface FieldChangeView {
  field: string;
  label: string;
  from: string | null;
  to: string | null;
}

function text(value: unknown): string | null {
  const value_ = plain(value);
  if (value_ === null) return null;
  return Array.isArray(value_) ? value_.join(', ') : String(value_);
}

/** The changes of a stored proposal, nested parts as their own lines; masked fields masked for agents. */
export function changesOf(patch: Record<string, unknown>, previous: Record<string, unknown>, masked: boolean): FieldChangeView[] {
  const changes: FieldChangeView[] = [];
  const maskIfNeeded = (field: string, value: string | null) => {
    if (!masked || !(field in MASKED_PATCH_FIELDS)) return value;
    return MASKED_PATCH_FIELDS[field as keyof typeof MASKED_PATCH_FIELDS](value);
  };
  // In the allow-list's order: the database keeps the stored patch's keys in an order of its own.
  const ordered = PERSON_UPDATABLE_FIELDS.filter((field) => field in patch);
  for (const field of ordered) {
    const value = patch[field];
    const before = previous[field];
    if (isRecord(value)) {
      const parts = (PERSON_UPDATABLE_NESTED_FIELDS[field as NestedField] as readonly string[] | undefined) ?? Object.keys(value);
      for (const part of parts.filter((name) => name in value)) {
        const partValue = value[part];
        const path = `${field}.${part}`;
        changes.push({ field: path, label: patchPathLabel(path), from: text(isRecord(before) ? before[part] : null), to: text(partValue) });
      }
    } else if (value === null && isRecord(before)) {
      const was = Object.values(before).filter((part) => part !== null && part !== '').join(', ');
      changes.push({ field, label: patchPathLabel(field), from: was || null, to: null });
    } else {
      changes.push({ field, label: patchPathLabel(field), from: maskIfNeeded(field, text(before)), to: maskIfNeeded(field, text(value)) });
    }
  }
  return changes;
}

/** Fields of the patch that carry a masked value back (the agent never saw the real one to change). */
export function fieldsCarryingMask(patch: Record<string, unknown>): string[] {
  return Object.keys(MASKED_PATCH_FIELDS).filter((field) => typeof patch[field] === 'string' && (patch[field] as string).includes(MASK));
}
