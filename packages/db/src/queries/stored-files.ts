import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { storedFiles } from '../schema/stored-files.ts';

export interface StoredFileSummary {
  id: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * Stores bytes Identdesk received itself. `contentType` must be the one sniffed from the bytes.
 * Call it in the transaction that stores the record referring to the file.
 */
export async function insertStoredFile(
  db: DatabaseExecutor,
  file: { bytes: Buffer; contentType: string; createdAt?: Date },
): Promise<StoredFileSummary> {
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const [row] = await db
    .insert(storedFiles)
    .values({
      bytes: file.bytes,
      contentType: file.contentType,
      size: file.bytes.length,
      sha256,
      ...(file.createdAt ? { createdAt: file.createdAt } : {}),
    })
    .returning({ id: storedFiles.id, contentType: storedFiles.contentType, size: storedFiles.size, sha256: storedFiles.sha256 });
  if (!row) throw new Error('stored file insert returned no row');
  return row;
}

/** The bytes of a stored file, or undefined. */
export async function getStoredFile(
  db: DatabaseExecutor,
  id: string,
): Promise<(StoredFileSummary & { bytes: Buffer }) | undefined> {
  const [row] = await db
    .select({
      id: storedFiles.id,
      contentType: storedFiles.contentType,
      size: storedFiles.size,
      sha256: storedFiles.sha256,
      bytes: storedFiles.bytes,
    })
    .from(storedFiles)
    .where(eq(storedFiles.id, id))
    .limit(1);
  return row;
}
