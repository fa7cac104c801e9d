import { bigint, index, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';
import { persons } from './persons.ts';

export interface FieldChange {
  from: unknown;
  to: unknown;
}

/** Every observed state of a person: version 1 is the first observation, each later one a change. */
export const personVersions = pgTable(
  'person_versions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    version: integer('version').notNull(),
    observedAt: timestamptz('observed_at').notNull(),
    /** 'webhook' | 'reconciliation' | 'agent_change' | ... */
    source: text('source').notNull(),
    /** The Solaris fields after this version, keyed like the `persons` table properties. */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    /** field → { from, to } for the fields this version changed; empty for version 1. */
    changes: jsonb('changes').$type<Record<string, FieldChange>>().notNull(),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    unique('person_versions_person_id_version_unique').on(t.personId, t.version),
    index('person_versions_observed_at_idx').on(t.observedAt),
  ],
);

export type PersonVersionRow = typeof personVersions.$inferSelect;
