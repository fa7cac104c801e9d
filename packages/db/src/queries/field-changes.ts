import type { FieldChange } from '../schema/person-versions.ts';

/** A value as it is compared and written to jsonb: instants as ISO strings, absent as null. */
export function comparable(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** JSON with object keys sorted: jsonb returns keys in its own order, so plain JSON.stringify would see changes that are not. */
export function canonicalJson(value: unknown): string {
  const normalized = comparable(value);
  if (Array.isArray(normalized)) return `[${normalized.map(canonicalJson).join(',')}]`;
  if (typeof normalized === 'object' && normalized !== null) {
    const entries = Object.entries(normalized)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(normalized);
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * The fields of `incoming` that differ from `stored`. Fields that `incoming` leaves undefined
 * were not part of the snapshot and are not compared.
 */
export function diffFields<T extends object>(
  stored: T,
  incoming: Partial<T>,
  fields: readonly (keyof T & string)[],
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const field of fields) {
    const next = incoming[field];
    if (next === undefined) continue;
    if (!sameValue(stored[field], next)) {
      changes[field] = { from: comparable(stored[field]), to: comparable(next) };
    }
  }
  return changes;
}

/** `row` reduced to `fields`, in jsonb-ready form. */
export function pickComparable<T extends object>(
  row: T,
  fields: readonly (keyof T & string)[],
): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, comparable(row[field])]));
}

/** The defined entries of `values` among `fields`. */
export function definedFields<T extends object>(values: Partial<T>, fields: readonly (keyof T & string)[]): Partial<T> {
  const result: Partial<T> = {};
  for (const field of fields) {
    if (values[field] !== undefined) result[field] = values[field];
  }
  return result;
}
