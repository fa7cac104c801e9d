import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';
import * as schema from './schema.ts';

export type SandboxDb = NodePgDatabase<typeof schema>;
/** The database, or a transaction on it: query functions accept either. */
export type SandboxTx = Parameters<Parameters<SandboxDb['transaction']>[0]>[0];
export type Queryable = SandboxDb | SandboxTx;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

export function createSandboxDb(pool: pg.Pool): SandboxDb {
  return drizzle({ client: pool, schema });
}

/**
 * Applies the sandbox's own migrations. They and their bookkeeping table live in the `sandbox`
 * schema, apart from Identdesk's migrations, so either side can migrate without the other.
 */
export async function migrateSandbox(db: SandboxDb): Promise<void> {
  await migrate(db, {
    migrationsFolder: MIGRATIONS_FOLDER,
    migrationsSchema: 'sandbox',
    migrationsTable: '__sandbox_migrations',
  });
}
