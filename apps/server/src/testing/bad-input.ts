import { randomUUID } from 'node:crypto';
import type { Database } from '@identdesk/db';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { z } from 'zod';

/**
 * What property-based bad-input tests send and check: junk of every shape, strings a database
 * or a log chokes on, and the content of every table (row count and digest), to prove a refused
 * request stored nothing and changed nothing.
 */

/** Strings that look harmless to a schema but are not to PostgreSQL, JSON or a person reading a log. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'Mül\u0000ler',
  '\ud800',
  '\u202eevil',
  '🙂'.repeat(300),
  'x'.repeat(100_000),
  "'; drop table persons; --",
  '%_\\',
  '2024-02-30',
] as const;

/** Any value JSON can carry (and some it silently drops), nested junk and hostile strings. */
export function junkValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.anything({ maxDepth: 3 }) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(0, -1, 1.5, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, true, false, null, [], {}) },
  );
}

/** Request bodies that are not JSON at all, or JSON cut off half-way. */
export function malformedJsonBody(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('{', '[', '{"id":', '{"query": "Müller"', 'undefined', "{'id': 1}", '\u0000', '{"a":1}}', '\ud800'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }).filter((text) => !isJson(text)),
  );
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The tables of the public schema, looked up once, so tables added later are counted too. */
export async function businessTables(db: Database): Promise<string[]> {
  const result = await db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return result.rows.map((row) => row.table_name);
}

/** Rows per table, in one statement. */
export async function rowCounts(db: Database, tables: readonly string[]): Promise<Record<string, number>> {
  if (tables.length === 0) return {};
  const columns = tables.map((table) => `(select count(*)::int from "${table.replaceAll('"', '""')}") as "${table.replaceAll('"', '""')}"`);
  const result = await db.execute<Record<string, number>>(sql.raw(`select ${columns.join(', ')}`));
  return { ...result.rows[0] };
}

/** A table's content at one moment: its row count and a digest of every row in it. */
export interface TableContent {
  rows: number;
  digest: string;
}

/**
 * Columns that record activity rather than stored facts, left out of a table's digest. A
 * session's last sighting and idle expiry move forward with every authenticated request, refused
 * or not (`sessionTouchIntervalMs`): that a refused call kept its caller signed in is not
 * something it stored.
 */
const ACTIVITY_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  sessions: ['last_seen_at', 'idle_expires_at'],
};

const quotedIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quotedLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Every table's row count and a digest of all its rows, in one statement: a refused call that
 * UPDATEs a row in place changes the digest while the count stays the same. The digest is the sum
 * of a 64-bit hash of each row's text: independent of the rows' physical order (an UPDATE moves a
 * row) and with no sort or concatenation, so it stays cheap when it runs around every call.
 */
export async function tableContents(db: Database, tables: readonly string[]): Promise<Record<string, TableContent>> {
  if (tables.length === 0) return {};
  const columns = tables.map((table) => {
    const left = ACTIVITY_COLUMNS[table] ?? [];
    const rowText = left.length
      ? `(to_jsonb(t) - array[${left.map(quotedLiteral).join(', ')}]::text[])::text`
      : 't::text';
    return `(select count(*)::text || ':' || coalesce(sum(hashtextextended(${rowText}, 0)), 0)::text from ${quotedIdentifier(table)} t) as ${quotedIdentifier(table)}`;
  });
  const result = await db.execute<Record<string, string>>(sql.raw(`select ${columns.join(', ')}`));
  const row = result.rows[0] ?? {};
  return Object.fromEntries(
    tables.map((table) => {
      const [rows = '0', digest = ''] = String(row[table] ?? '').split(':');
      return [table, { rows: Number(rows), digest }];
    }),
  );
}

/** The tables whose content differs between two snapshots, with their row counts. */
export function changedContents(
  before: Record<string, TableContent>,
  after: Record<string, TableContent>,
  ignore: readonly string[] = [],
): string[] {
  return Object.keys({ ...before, ...after })
    .filter((table) => !ignore.includes(table) && before[table]?.digest !== after[table]?.digest)
    .map((table) => {
      const rowsBefore = before[table]?.rows;
      const rowsAfter = after[table]?.rows;
      return rowsBefore === rowsAfter
        ? `${table}: ${rowsAfter} rows, content changed`
        : `${table}: ${rowsBefore} → ${rowsAfter} rows`;
    });
}

/** The tables whose row count differs between two snapshots, with both counts. */
export function changedTables(before: Record<string, number>, after: Record<string, number>, ignore: readonly string[] = []) {
  return Object.keys({ ...before, ...after })
    .filter((table) => !ignore.includes(table) && before[table] !== after[table])
    .map((table) => `${table}: ${before[table]} → ${after[table]}`);
}

type AnySchema = z.core.$ZodType;

function defOf(schema: AnySchema): { type: string } & Record<string, unknown> {
  return schema._zod.def as unknown as { type: string } & Record<string, unknown>;
}

function accepts(schema: AnySchema, value: unknown): boolean {
  return (schema as unknown as z.ZodType).safeParse(value).success;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Values that satisfy common field rules: ids of each kind, dates, text long enough for a note. */
function candidateValues(): unknown[] {
  return [
    'Müller',
    today(),
    randomUUID(),
    `${'0'.repeat(32)}cper`,
    `${'0'.repeat(32)}cidt`,
    `${'0'.repeat(32)}cdoc`,
    'someone@identdesk.test',
    'A reason that is long enough for any rule here.',
    1,
    25,
    true,
    false,
    [],
    {},
  ];
}

/**
 * A value the schema probably accepts, derived from its structure: objects field by field, enums
 * and literals by their first value, other leaves by the first candidate the schema takes.
 * Good enough to break one field of an otherwise plausible input; `undefined` when nothing fits.
 */
export function plausibleValue(schema: AnySchema, depth = 0): unknown {
  const def = defOf(schema);
  if (depth > 6) return undefined;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, AnySchema>;
      const value: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(shape)) {
        const fieldValue = plausibleValue(field, depth + 1);
        if (fieldValue !== undefined) value[key] = fieldValue;
      }
      return value;
    }
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'catch':
      return plausibleValue(def.innerType as AnySchema, depth + 1);
    case 'pipe':
      return plausibleValue(def.in as AnySchema, depth + 1);
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'array': {
      const element = plausibleValue(def.element as AnySchema, depth + 1);
      return element === undefined ? [] : [element];
    }
    case 'union': {
      for (const option of def.options as AnySchema[]) {
        const value = plausibleValue(option, depth + 1);
        if (value !== undefined && accepts(option, value)) return value;
      }
      return plausibleValue((def.options as AnySchema[])[0] as AnySchema, depth + 1);
    }
    default:
      return candidateValues().find((candidate) => accepts(schema, candidate));
  }
}

/** The fields of an object schema (through optional/default/pipe wrappers); empty for other inputs. */
export function objectFields(schema: AnySchema): Record<string, AnySchema> {
  const def = defOf(schema);
  if (def.type === 'object') return def.shape as Record<string, AnySchema>;
  if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch'].includes(def.type)) return objectFields(def.innerType as AnySchema);
  if (def.type === 'pipe') return objectFields(def.in as AnySchema);
  return {};
}

/**
 * A field's value as the server receives it in a JSON body: -Infinity and NaN arrive as null,
 * dates as strings, undefined not at all.
 */
function asSentInJson(value: unknown): unknown {
  return (JSON.parse(JSON.stringify({ value })) as { value?: unknown }).value;
}

/**
 * A value the field's own schema refuses: wrong types, wrong shapes, strings breaking its rules.
 * Judged as sent: -Infinity is junk, but it arrives as null, which a nullable field takes.
 */
export function valueRefusedBy(field: AnySchema): fc.Arbitrary<unknown> {
  return junkValue()
    .map(asSentInJson)
    .filter((value) => value !== undefined && !accepts(field, value));
}

export { accepts as schemaAccepts };
