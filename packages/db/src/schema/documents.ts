import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';
import { identifications } from './identifications.ts';
import { persons } from './persons.ts';

/** A Solaris document's metadata; `storage_key` and `sha256` once Identdesk holds the bytes. */
export const documents = pgTable(
  'documents',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    identificationId: text('identification_id').references(() => identifications.id),
    /** A Solaris document type (KYC_REPORT, ID_DOCUMENT, ...); validated by the domain. */
    documentType: text('document_type'),
    name: text('name'),
    contentType: text('content_type'),
    size: bigint('size', { mode: 'number' }),
    sha256: text('sha256'),
    storageKey: text('storage_key'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('documents_person_id_idx').on(t.personId),
    index('documents_identification_id_idx').on(t.identificationId),
  ],
);

export type DocumentRow = typeof documents.$inferSelect;
