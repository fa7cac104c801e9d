import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  getMetricsFunnel,
  openDatabase,
  settleMetricRollups,
  upsertIdentificationSnapshot,
  type DatabaseExecutor,
  type DatabaseHandle,
} from '@identdesk/db';
import { createPerson, makeIdentification, openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../env.ts';
import { formatCheck, parseMetricsRebuildArgs, runMetricsRebuild } from './metrics-rebuild.ts';

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
const JANUARY = { from: '2025-01-01', to: '2025-01-31', granularity: 'month' } as const;

/** Two customers in January 2025, one of them requested. */
async function seedCustomers(db: DatabaseExecutor) {
  for (const [day, status] of [
    ['2025-01-10', 'pending'],
    ['2025-01-20', 'created'],
  ] as const) {
    const person = await createPerson(db, {}, new Date(`${day}T09:00:00Z`));
    const identification = makeIdentification(person.id, { status });
    await upsertIdentificationSnapshot(db, { identification, observedAt: new Date(`${day}T09:05:00Z`), source: 'test' });
  }
}

/** A funnel row counted wrong, as a bug or a hand edit would leave it. */
async function corruptFunnel(db: DatabaseExecutor) {
  // The customers are counted first, so the row exists to be wrong.
  await settleMetricRollups(db);
  await db.execute(sql`update metric_funnel_daily set persons = persons + 5 where day = '2025-01-10'`);
}

const funnelCounts = async (db: DatabaseExecutor) => (await getMetricsFunnel(db, JANUARY)).total.map((step) => step.count);

describe('pnpm metrics:rebuild', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase();
    await seedCustomers(handle.db);
  });
  afterAll(() => handle?.close());

  it('takes --check and nothing else', () => {
    expect(parseMetricsRebuildArgs([])).toEqual({ check: false });
    expect(parseMetricsRebuildArgs(['--check'])).toEqual({ check: true });
    expect(() => parseMetricsRebuildArgs(['--force'])).toThrow(ConfigError);
    expect(() => parseMetricsRebuildArgs(['--force'])).toThrow('Unknown argument --force. Usage: pnpm metrics:rebuild [--check]');
  });

  it('--check finds a wrong rollup without touching it; the rebuild repairs it', async () => {
    expect(await runMetricsRebuild(handle.db, { check: true })).toEqual({ exitCode: 0, output: formatCheck({ ok: true, differences: [] }) });
    await corruptFunnel(handle.db);
    expect(await funnelCounts(handle.db)).toEqual([7, 2, 1, 0, 0]);

    const check = await runMetricsRebuild(handle.db, { check: true });
    expect(check.exitCode).toBe(1);
    expect(check.output).toContain('metric_funnel_daily: 1 row missing, 1 row that should not be there');
    expect(await funnelCounts(handle.db)).toEqual([7, 2, 1, 0, 0]);

    const rebuild = await runMetricsRebuild(handle.db, { check: false });
    expect(rebuild.exitCode).toBe(0);
    expect(rebuild.output).toMatch(/^Metrics rebuilt from the stored history in \d+\.\d s: 2 persons in the funnel, 2 status rows, 0 failure-code rows/);
    expect(await funnelCounts(handle.db)).toEqual([2, 2, 1, 0, 0]);
    expect((await runMetricsRebuild(handle.db, { check: true })).exitCode).toBe(0);
  });
});

/** Runs the script the way `pnpm metrics:rebuild` does, against a database this test prepared. */
function runScriptProcess(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/scripts/metrics-rebuild.ts', ...args], {
      cwd: SERVER_DIR,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('pnpm metrics:rebuild as a process', () => {
  let env: NodeJS.ProcessEnv;
  let reopen: () => Promise<DatabaseHandle>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const serverUrl = process.env.DATABASE_URL;
    if (serverUrl) {
      const database = await openTestDatabase();
      const url = new URL(serverUrl);
      url.pathname = `/${database.databaseName ?? ''}`;
      env = { DATABASE_URL: url.toString() };
      reopen = async () => ({ ...database, close: async () => {} });
      cleanup = () => database.close();
    } else {
      // The embedded database is opened by one process at a time: the test closes it before each run.
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-metrics-'));
      await (await openDatabase({ dataDir })).close();
      env = { DATABASE_URL: '', DATA_DIR: dataDir };
      reopen = () => openDatabase({ dataDir });
      cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const database = await reopen();
    try {
      await seedCustomers(database.db);
      await corruptFunnel(database.db);
    } finally {
      await database.close();
    }
  }, 120_000);
  afterAll(() => cleanup());

  it('exits 1 on --check while a rollup is wrong, 0 after the rebuild, and refuses unknown arguments', async () => {
    const wrong = await runScriptProcess(['--check'], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Metrics DIFFER from a recomputation from the stored history');
    expect(wrong.stderr).toContain('metric_funnel_daily');

    const rebuilt = await runScriptProcess([], env);
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/^Metrics rebuilt from the stored history in \d+\.\d s: 2 persons in the funnel/);

    const current = await runScriptProcess(['--check'], env);
    expect(current).toMatchObject({ code: 0, stdout: `${formatCheck({ ok: true, differences: [] })}\n` });

    const unknown = await runScriptProcess(['--everything'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown argument --everything');
  }, 180_000);
});
