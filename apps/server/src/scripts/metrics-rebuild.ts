import {
  checkMetricRollups,
  rebuildMetricRollups,
  type DatabaseExecutor,
  type MetricRollupCheck,
  type MetricRollupRebuildResult,
} from '@identdesk/db';
import { ConfigError, loadConfig } from '../env.ts';
import { isMainModule, openConfiguredDatabase, runScript } from './script-support.ts';

export interface MetricsRebuildOptions {
  /** Only compare the stored rollups with a recomputation; change nothing. */
  check: boolean;
}

export function parseMetricsRebuildArgs(args: readonly string[]): MetricsRebuildOptions {
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    throw new ConfigError(`Unknown argument ${unknown[0]}. Usage: pnpm metrics:rebuild [--check]`);
  }
  return { check: args.includes('--check') };
}

const TABLE_LABELS: Record<keyof MetricRollupRebuildResult['rows'], string> = {
  metric_person_facts: 'persons in the funnel',
  metric_status_daily: 'status rows',
  metric_attempt_daily: 'failure-code rows',
  metric_time_to_identify_daily: 'time-to-identify rows',
  metric_funnel_daily: 'funnel rows',
  metric_retry_daily: 'retry rows',
};

export function formatRebuild(result: MetricRollupRebuildResult): string {
  const counts = Object.entries(result.rows)
    .map(([table, rows]) => `${rows.toLocaleString('en')} ${TABLE_LABELS[table as keyof typeof TABLE_LABELS]}`)
    .join(', ');
  return `Metrics rebuilt from the stored history in ${(result.durationMs / 1000).toFixed(1)} s: ${counts}.`;
}

export function formatCheck(result: MetricRollupCheck): string {
  if (result.ok) return 'Metrics are current: every rollup equals a recomputation from the stored history.';
  return [
    'Metrics DIFFER from a recomputation from the stored history:',
    ...result.differences.map(
      (difference) =>
        `  ${difference.table}: ${difference.missing} row${difference.missing === 1 ? '' : 's'} missing, ` +
        `${difference.unexpected} row${difference.unexpected === 1 ? '' : 's'} that should not be there`,
    ),
    'Run pnpm metrics:rebuild to recompute them.',
  ].join('\n');
}

/**
 * `pnpm metrics:rebuild`: recomputes the team-lead metric rollups from the stored persons,
 * identifications, status history and IDnow attempts (exit 0). With `--check` it changes
 * nothing and exits 1 when the rollups differ from a recomputation.
 */
export async function runMetricsRebuild(
  db: DatabaseExecutor,
  options: MetricsRebuildOptions,
): Promise<{ exitCode: 0 | 1; output: string }> {
  if (options.check) {
    const result = await checkMetricRollups(db);
    return { exitCode: result.ok ? 0 : 1, output: formatCheck(result) };
  }
  return { exitCode: 0, output: formatRebuild(await rebuildMetricRollups(db)) };
}

if (isMainModule(import.meta.url)) {
  runScript(async () => {
    const options = parseMetricsRebuildArgs(process.argv.slice(2));
    const database = await openConfiguredDatabase(loadConfig());
    let outcome: Awaited<ReturnType<typeof runMetricsRebuild>>;
    try {
      outcome = await runMetricsRebuild(database.db, options);
    } finally {
      await database.close();
    }
    if (outcome.exitCode === 0) {
      console.info(outcome.output);
      return;
    }
    console.error(outcome.output);
    process.exit(1);
  });
}
