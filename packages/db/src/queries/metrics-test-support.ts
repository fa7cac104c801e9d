import { sql } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { ALL_METRIC_TABLES, settleMetricRollups } from './metrics-rollups.ts';

/** Every row of every metric table, in a stable order, for comparing rollups with a rebuild (waiting changes settled first). */
export async function snapshotMetricTables(db: DatabaseExecutor): Promise<Record<string, unknown[]>> {
  await settleMetricRollups(db);
  const snapshot: Record<string, unknown[]> = {};
  for (const table of ALL_METRIC_TABLES) {
    const result = await db.execute(sql.raw(`select to_jsonb(t) as row from ${table} t`));
    snapshot[table] = result.rows.map((row) => JSON.stringify(row.row)).sort();
  }
  return snapshot;
}
