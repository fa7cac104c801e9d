import { eq, inArray } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { documents } from '../schema/documents.ts';
import { diffFields } from './field-changes.ts';

const DOCUMENT_METADATA_FIELDS = ['personId', 'identificationId', 'documentType', 'name', 'contentType', 'size'] as const;

export interface DocumentMetadataInput {
  id: string;
  documentType: string | null;
  name: string | null;
  contentType: string | null;
  size: number | null;
}

export interface UpsertDocumentMetadataResult {
  inserted: number;
  updated: number;
}

/**
 * Stores the metadata of a person's Solaris documents (as `include_documents` lists them). New
 * documents are inserted; known ones are updated only when Solaris reports something different,
 * so repeating the call changes nothing. Bytes (`storage_key`, `sha256`) are left alone.
 */
export async function upsertDocumentMetadata(
  db: DatabaseExecutor,
  params: { personId: string; identificationId: string | null; documents: readonly DocumentMetadataInput[] },
): Promise<UpsertDocumentMetadataResult> {
  if (params.documents.length === 0) return { inserted: 0, updated: 0 };
  return db.transaction((tx) => storeDocumentMetadata(tx, params));
}

/** {@link upsertDocumentMetadata} inside the caller's transaction. */
export async function storeDocumentMetadata(
  tx: DatabaseExecutor,
  params: { personId: string; identificationId: string | null; documents: readonly DocumentMetadataInput[] },
): Promise<UpsertDocumentMetadataResult> {
  if (params.documents.length === 0) return { inserted: 0, updated: 0 };
  const known = new Map(
    (
      await tx
        .select()
        .from(documents)
        .where(
          inArray(
            documents.id,
            params.documents.map((document) => document.id),
          ),
        )
        .for('update')
    ).map((row) => [row.id, row]),
  );
  // New documents go in with one statement; listed twice, the first listing counts.
  const added = new Map<string, typeof documents.$inferInsert>();
  let updated = 0;
  for (const document of params.documents) {
    const values = {
      personId: params.personId,
      identificationId: params.identificationId,
      documentType: document.documentType,
      name: document.name,
      contentType: document.contentType,
      size: document.size,
    };
    const stored = known.get(document.id);
    if (!stored) {
      if (!added.has(document.id)) added.set(document.id, { id: document.id, ...values });
    } else if (Object.keys(diffFields(stored, values, DOCUMENT_METADATA_FIELDS)).length > 0) {
      await tx.update(documents).set(values).where(eq(documents.id, document.id));
      updated++;
    }
  }
  const inserted =
    added.size === 0
      ? 0
      : (
          await tx
            .insert(documents)
            .values([...added.values()])
            .onConflictDoNothing({ target: documents.id })
            .returning({ id: documents.id })
        ).length;
  return { inserted, updated };
}

/** Document metadata of an identification, for callers that show or check what was stored. */
export async function listIdentificationDocuments(db: DatabaseExecutor, identificationId: string) {
  return db
    .select({
      id: documents.id,
      documentType: documents.documentType,
      name: documents.name,
      contentType: documents.contentType,
      size: documents.size,
    })
    .from(documents)
    .where(eq(documents.identificationId, identificationId))
    .orderBy(documents.id);
}
