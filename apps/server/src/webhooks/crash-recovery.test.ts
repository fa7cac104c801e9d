import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSolarisClient } from '@identdesk/solaris';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, REPO_ROOT } from '../env.ts';
import { createLogger } from '../logger.ts';
import { startServer } from '../server.ts';
import { freePort, startFaultProxy, waitFor } from '../testing/harness.ts';
import { deliveriesWithWebhookId, statusHistory, storedPersonVersions } from '../testing/queries.ts';
import { createIdentificationAtSolaris, identificationBody, signedDelivery } from '../testing/solaris-fixtures.ts';

// The real server (index.ts) in a child process, killed with SIGKILL while its worker is in the
// middle of the queue; then started again on the same database. On PGlite the data directory
// is a file-backed one, as in production.

const SECRET = 'crash-identification-secret';
const DELIVERIES = 12;

let workDir: string;
let throwaway: TestDatabase | null = null;
let databaseEnv: Record<string, string>;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let port: number;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-crash-'));
  if (process.env.DATABASE_URL) {
    throwaway = await openTestDatabase();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${throwaway.databaseName ?? ''}`;
    databaseEnv = { DATABASE_URL: url.toString() };
  } else {
    databaseEnv = { DATA_DIR: path.join(workDir, 'data') };
  }
  port = await freePort();
  // Every Solaris call of the first run is slow, so the kill lands while deliveries are in hand.
  proxy = await startFaultProxy(() => `http://127.0.0.1:${port}`, { delayMs: 300 });
});

afterAll(async () => {
  await proxy?.close();
  await throwaway?.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

function serverEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    RECONCILE_INTERVAL_MINUTES: '0',
    SOLARIS_WEBHOOK_SECRET_IDENTIFICATION: SECRET,
    WEBHOOK_LEASE_SECONDS: '1',
    WEBHOOK_RETRY_BASE_SECONDS: '0.05',
    ...databaseEnv,
    ...extra,
  };
}

function spawnServer(env: Record<string, string>, script = 'apps/server/src/index.ts') {
  const logFile = path.join(workDir, `${path.basename(script)}-${Date.now()}.log`);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, logFile };
}

async function overview() {
  const response = await fetch(`http://127.0.0.1:${port}/trpc/system.overview`);
  const body = (await response.json()) as { result: { data: { persons: number; identifications: number } } };
  return body.result.data;
}

async function ready(child: ChildProcess) {
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: see ${workDir}`);
      return fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.status, () => 0);
    },
    (status) => status === 200,
    { timeoutMs: 60_000, intervalMs: 100, what: 'the server in the child process to be ready' },
  );
}

describe('a server killed in the middle of its webhook queue', () => {
  it('processes every stored delivery after a restart, without duplicating history', { timeout: 120_000 }, async () => {
    const first = spawnServer(serverEnv({ SOLARIS_API_URL: `${proxy.origin}/sandbox/solaris` }));
    await ready(first.child);

    const solaris = createSolarisClient({
      apiBaseUrl: `http://127.0.0.1:${port}/sandbox/solaris`,
      clientId: 'identdesk-sandbox',
      clientSecret: 'sandbox-secret',
    });
    const created = [];
    for (let i = 0; i < DELIVERIES; i++) {
      // Not requested: the sandbox sends nothing itself, every delivery is one of the test's.
      created.push(await createIdentificationAtSolaris(solaris, { request: false }));
    }
    const webhookIds: string[] = [];
    for (const { personId, identification } of created) {
      const delivery = signedDelivery({ secret: SECRET, eventType: 'IDENTIFICATION', entityId: personId, body: identificationBody(identification) });
      const answer = await fetch(`http://127.0.0.1:${port}/webhooks/solaris`, { method: 'POST', headers: delivery.headers, body: delivery.body });
      expect(answer.status).toBe(202);
      webhookIds.push(delivery.headers['solaris-webhook-id'] ?? '');
    }

    // Some persons stored, not all: the worker is part-way through the queue.
    await waitFor(overview, (counts) => counts.persons >= 3, { timeoutMs: 30_000, what: 'processing to start' });
    const killedAt = new Date();
    first.child.kill('SIGKILL');
    await first.exited;

    const logger = createLogger({ level: 'silent' });
    const restarted = await startServer({ config: loadConfig(serverEnv()), logger, workerPollIntervalMs: 100 });
    try {
      const db = restarted.database.db;
      const rows = await waitFor(
        async () => (await Promise.all(webhookIds.map((id) => deliveriesWithWebhookId(db, id)))).flat(),
        (found) => found.length === DELIVERIES && found.every((row) => row.status === 'processed'),
        { timeoutMs: 30_000, what: 'every stored delivery processed' },
      );
      // Claimed before the kill and never finished: the lease ran out and they were claimed again.
      const inHand = rows.filter((row) => row.attempts >= 2);
      expect(inHand.length).toBeGreaterThan(0);
      const processedBefore = rows.filter((row) => row.processedAt && row.processedAt < killedAt);
      expect(processedBefore.length).toBeLessThan(DELIVERIES);

      for (const { personId, identificationId } of created) {
        expect((await statusHistory(db, identificationId)).map((entry) => entry.toStatus)).toEqual(['created']);
        expect(await storedPersonVersions(db, personId)).toHaveLength(1);
      }
    } finally {
      await restarted.stop();
    }

    // `pnpm sync` as the lead's task runs it, against the same database with no server running.
    const sync = spawnServer(serverEnv(), 'apps/server/src/scripts/sync.ts');
    expect(await sync.exited).toBe(0);
    const printed = fs.readFileSync(sync.logFile, 'utf8');
    expect(printed).toContain('Reconciled with Solaris');
    expect(printed).toMatch(new RegExp(`persons\\s+${DELIVERIES} seen, 0 new, 0 changed`));
  });
});
