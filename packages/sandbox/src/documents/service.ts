import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import { documentTypeSchema } from '@identdesk/domain';
import { invalidModel, notFound, SandboxValidationError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { Queryable } from '../db/client.ts';
import { documents } from '../db/schema.ts';
import type { SandboxContext } from '../context.ts';
import { requirePerson } from '../persons/service.ts';
import { requireIdentification } from '../identifications/store.ts';
import { toDocumentResource, type DocumentRow } from './resource.ts';

/** Uploads larger than this are refused with 413 (the sandbox keeps bytes in the database). */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

const { content: _content, seq: _seq, ...metadataColumns } = getTableColumns(documents);

export interface NewDocument {
  personId: string;
  identificationId: string | null;
  name: string;
  contentType: string;
  documentType: string;
  content: Buffer;
}

export async function insertDocument(db: Queryable, document: NewDocument, at: Date): Promise<DocumentRow> {
  const id = newId('document');
  const [row] = await db
    .insert(documents)
    .values({ id, ...document, size: document.content.length, createdAt: at })
    .returning(metadataColumns);
  if (!row) throw new Error('document insert returned no row');
  return row;
}

export async function listIdentificationDocuments(db: Queryable, identificationId: string): Promise<DocumentRow[]> {
  return db
    .select(metadataColumns)
    .from(documents)
    .where(eq(documents.identificationId, identificationId))
    .orderBy(asc(documents.createdAt), asc(documents.seq));
}

export async function uploadIdentificationDocument(
  ctx: SandboxContext,
  params: { personId: string; identificationId: string },
  upload: { documentType: unknown; file: { name: string; contentType: string; content: Buffer } | null },
) {
  await requireIdentification(ctx.db, params.personId, params.identificationId);
  const problems = [];
  const documentType = documentTypeSchema.safeParse(upload.documentType);
  if (upload.documentType === undefined) problems.push(invalidModel('document_type', 'is required'));
  else if (!documentType.success) problems.push(invalidModel('document_type', 'must be one of the Solaris document types, e.g. ID_DOCUMENT, PICTURE, OTHER'));
  if (!upload.file) problems.push(invalidModel('file', 'is required'));
  else if (upload.file.content.length === 0) problems.push(invalidModel('file', 'must not be empty'));
  if (problems.length > 0 || !upload.file || !documentType.success) throw new SandboxValidationError(problems);
  const row = await insertDocument(
    ctx.db,
    {
      personId: params.personId,
      identificationId: params.identificationId,
      name: upload.file.name,
      contentType: upload.file.contentType,
      documentType: documentType.data,
      content: upload.file.content,
    },
    ctx.clock.now(),
  );
  ctx.logger.info({ documentId: row.id, identificationId: params.identificationId }, 'document uploaded');
  return toDocumentResource(row);
}

export async function listPersonDocuments(ctx: SandboxContext, personId: string, page: { number: number; size: number }) {
  await requirePerson(ctx.db, personId);
  const rows = await ctx.db
    .select(metadataColumns)
    .from(documents)
    .where(eq(documents.personId, personId))
    .orderBy(asc(documents.createdAt), asc(documents.seq))
    .limit(page.size)
    .offset((page.number - 1) * page.size);
  return rows.map(toDocumentResource);
}

async function requireDocumentRow(ctx: SandboxContext, personId: string, documentId: string) {
  await requirePerson(ctx.db, personId);
  const [row] = await ctx.db
    .select(metadataColumns)
    .from(documents)
    .where(and(eq(documents.personId, personId), eq(documents.id, documentId)))
    .limit(1);
  if (!row) throw notFound('document_id', documentId);
  return row;
}

export async function getPersonDocument(ctx: SandboxContext, personId: string, documentId: string) {
  return toDocumentResource(await requireDocumentRow(ctx, personId, documentId));
}

export async function getPersonDocumentFile(ctx: SandboxContext, personId: string, documentId: string) {
  const row = await requireDocumentRow(ctx, personId, documentId);
  const [file] = await ctx.db
    .select({ content: documents.content })
    .from(documents)
    .where(eq(documents.id, documentId))
    .limit(1);
  if (!file) throw notFound('document_id', documentId);
  return { name: row.name, contentType: row.contentType, content: file.content };
}
