import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Database = NodePgDatabase<Schema>;
/** A database or an open transaction: what query functions accept. */
export type DatabaseExecutor = PgDatabase<NodePgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  pool: pg.Pool;
  kind: 'pglite' | 'postgres';
  /** Resolves when the database answers a query. */
  ping(): Promise<void>;
  /** Ends the pool, then (embedded) stops the socket server and closes PGlite so its data is flushed. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; without it Identdesk runs the embedded PGlite. */
  url?: string;
  /** Embedded: the data directory, created on first start. */
  dataDir?: string;
  /** Embedded: keep everything in memory (tests, demos). */
  memory?: boolean;
  /** Apply the migrations at open (default true). */
  migrate?: boolean;
  /** Pool size: default 10 for PostgreSQL, 4 for PGlite, which runs one query at a time anyway. */
  poolMax?: number;
  /** Errors of idle connections or of the PGlite worker after start; default console.error. */
  onError?: (error: Error) => void;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

// Any constant works: it only keeps two processes from migrating the same database at once.
const MIGRATION_LOCK_KEY = 7_204_913_311;

/** Applies the pending migrations; a no-op when the database is up to date. */
export async function migrateDatabase(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

const defaultOnError = (error: Error) => console.error('[@identdesk/db]', error);

export interface InternalEmbeddedOptions {
  /** Start PGlite from a dump (testing templates). */
  loadDataDirFrom?: string;
}

export interface EmbeddedDatabaseHandle extends DatabaseHandle {
  embedded: EmbeddedPostgres;
}

/**
 * Opens Identdesk's database: PostgreSQL when `url` is given, otherwise the embedded PGlite
 * (persisted in `dataDir`, or in memory with `memory: true`) running in a worker thread and
 * reached over a unix socket with the same driver. Migrations run at open unless `migrate: false`.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const onError = options.onError ?? defaultOnError;
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolMax ?? 10,
      // A server that does not answer at all (a lost machine, a firewall) must not hold requests forever.
      connectionTimeoutMillis: 10_000,
    });
    pool.on('error', onError);
    keepCheckedOutClientsFromCrashing(pool, onError);
    return finishOpen(pool, 'postgres', options, async () => {});
  }
  return openEmbeddedDatabase(options);
}

/** @internal The embedded variant of {@link openDatabase}, with testing hooks. */
export async function openEmbeddedDatabase(
  options: OpenDatabaseOptions & InternalEmbeddedOptions,
): Promise<EmbeddedDatabaseHandle> {
  if (!options.dataDir && !options.memory) {
    throw new Error('openDatabase needs `url`, `dataDir` or `memory: true`');
  }
  const onError = options.onError ?? defaultOnError;
  const poolMax = options.poolMax ?? 4;
  const embedded = await startEmbeddedPostgres({
    dataDir: options.memory ? undefined : options.dataDir,
    loadDataDirFrom: options.loadDataDirFrom,
    // Headroom over the pool: a closed client's slot is freed asynchronously by the server.
    maxConnections: poolMax * 2 + 2,
    onError,
  });
  const pool = new pg.Pool({
    host: embedded.socketDir,
    port: embedded.port,
    user: 'postgres',
    database: 'postgres',
    max: poolMax,
  });
  pool.on('error', onError);
  keepCheckedOutClientsFromCrashing(pool, onError);
  const handle = await finishOpen(pool, 'pglite', options, () => embedded.stop());
  return { ...handle, embedded };
}

/**
 * The pool listens for errors of idle connections only. A connection lost while checked out
 * (inside a transaction, between two of its queries) emits an error nobody listens to, which
 * would end the process: the query in flight, if any, fails on its own; the rest is reported.
 */
function keepCheckedOutClientsFromCrashing(pool: pg.Pool, onError: (error: Error) => void) {
  pool.on('connect', (client) => {
    client.on('error', onError);
  });
}

async function finishOpen(
  pool: pg.Pool,
  kind: DatabaseHandle['kind'],
  options: OpenDatabaseOptions,
  stopServer: () => Promise<void>,
): Promise<DatabaseHandle> {
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      try {
        await pool.end();
      } finally {
        await stopServer();
      }
    })();
    return closing;
  };

  try {
    if (options.migrate ?? true) await migrateDatabase(pool);
    else await pool.query('select 1');
  } catch (error) {
    await close();
    throw error;
  }

  return {
    db: drizzle({ client: pool, schema }),
    pool,
    kind,
    async ping() {
      await pool.query('select 1');
    },
    close,
  };
}
