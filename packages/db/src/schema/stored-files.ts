import { bigint, customType, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/**
 * Files Identdesk received itself (proof-of-address uploads). The bytes are stored in the same
 * transaction as the record that refers to them, so a crash never leaves one without the other.
 */
export const storedFiles = pgTable('stored_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The content type sniffed from the bytes, never the one the client claimed. */
  contentType: text('content_type').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  sha256: text('sha256').notNull(),
  bytes: bytea('bytes').notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

export type StoredFileRow = typeof storedFiles.$inferSelect;
