import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type DatabaseHandle } from './client.ts';
import { persons } from './schema/persons.ts';
import { createPerson, openTestDatabase } from './testing.ts';

const onPostgres = Boolean(process.env.DATABASE_URL);

async function appliedMigrations(handle: DatabaseHandle): Promise<number> {
  const result = await handle.pool.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
  return result.rows[0]?.n ?? 0;
}

describe('openDatabase', () => {
  it('applies every migration to a fresh database, and a second run is a no-op', async () => {
    // On PGlite, openTestDatabase starts from a migrated template: open a truly empty one instead.
    const handle = onPostgres ? await openTestDatabase() : await openDatabase({ memory: true });
    try {
      expect(handle.kind).toBe(onPostgres ? 'postgres' : 'pglite');
      const tables = await handle.pool.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual([
        'audit_events',
        'compliance_acknowledgements',
        'documents',
        'identification_starts',
        'identification_status_changes',
        'identifications',
        'idnow_attempts',
        'metric_attempt_daily',
        'metric_attempt_summary',
        'metric_funnel_daily',
        'metric_funnel_summary',
        'metric_pending_changes',
        'metric_person_facts',
        'metric_retry_daily',
        'metric_retry_summary',
        'metric_status_daily',
        'metric_status_summary',
        'metric_team_work_summary',
        'metric_time_to_identify_daily',
        'metric_time_to_identify_summary',
        'person_change_proposals',
        'person_name_words',
        'person_versions',
        'persons',
        'proof_of_address_submissions',
        'sessions',
        'stored_files',
        'users',
        'webhook_deliveries',
        'webhook_subscriptions',
      ]);
      const extensions = await handle.pool.query("select extname from pg_extension where extname in ('pg_trgm', 'btree_gin') order by 1");
      expect(extensions.rows.map((row) => row.extname)).toEqual(['btree_gin', 'pg_trgm']);

      const applied = await appliedMigrations(handle);
      expect(applied).toBeGreaterThanOrEqual(4);
      await migrateDatabase(handle.pool);
      expect(await appliedMigrations(handle)).toBe(applied);
      await handle.ping();
    } finally {
      await handle.close();
    }
  });

  it('answers ping and closes idempotently', async () => {
    const handle = await openTestDatabase();
    await handle.ping();
    await Promise.all([handle.close(), handle.close()]);
    await expect(handle.ping()).rejects.toThrow();
  });

  it('refuses to guess where the embedded database lives', async () => {
    await expect(openDatabase({})).rejects.toThrow(/dataDir/);
  });
});

describe('embedded PGlite data directory', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('keeps persons across close and reopen', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'identdesk-data-test-'));
    dirs.push(parent);
    const dataDir = path.join(parent, 'nested', 'pgdata');

    const first = await openDatabase({ dataDir });
    const person = await createPerson(first.db, { firstName: 'Persisted', lastName: 'Person' });
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toThrow(/already open/);
      const [row] = await second.db
        .select({ firstName: persons.firstName, searchName: persons.searchName })
        .from(persons)
        .where(eq(persons.id, person.id));
      expect(row).toEqual({ firstName: 'Persisted', searchName: 'persisted person' });
    } finally {
      await second.close();
    }
  });
});
