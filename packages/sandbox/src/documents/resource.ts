import type { IdentificationDocument } from '@identdesk/domain';
import type { documents } from '../db/schema.ts';
import { solarisTimestamp } from '../identifications/resource.ts';

export type DocumentRow = Omit<typeof documents.$inferSelect, 'content' | 'seq'>;

/** In an identification's `documents[]` (seed: id, name, content_type, document_type, size). */
export function toIdentificationDocument(row: DocumentRow): IdentificationDocument {
  return {
    id: row.id,
    name: row.name,
    content_type: row.contentType,
    document_type: row.documentType as IdentificationDocument['document_type'],
    size: row.size,
  };
}

/** The document resource (`GET /v1/persons/{id}/documents[/{id}]`). */
export function toDocumentResource(row: DocumentRow) {
  return {
    ...toIdentificationDocument(row),
    customer_accessible: false,
    created_at: solarisTimestamp(row.createdAt),
    identification_id: row.identificationId,
  };
}
