import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { documents, proofOfAddressSubmissions } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { addMonthsClamped, berlinCalendarDate } from '@identdesk/domain';
import { createSolarisClient } from '@identdesk/solaris';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USER_PASSWORD } from '../auth/settings.ts';
import { loadConfig, REPO_ROOT } from '../env.ts';
import { createLogger } from '../logger.ts';
import { startServer } from '../server.ts';
import { samplePdf, samplePng } from '../testing/files.ts';
import { freePort, startFaultProxy, waitFor } from '../testing/harness.ts';
import { CSRF_HEADERS, signIn } from '../testing/session.ts';
import { createIdentificationAtSolaris } from '../testing/solaris-fixtures.ts';
import { solarisFileNameOf } from './outbox.ts';

// The real server (index.ts) in a child process, killed with SIGKILL while its outbox waits for
// Solaris' answer to an upload; then started again on the same database. On PGlite the data
// directory is a file-backed one, as in production.

let workDir: string;
let throwaway: TestDatabase | null = null;
let databaseEnv: Record<string, string>;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
let port: number;
/** The child server, so a failing test never leaves it running. */
let child: ChildProcess | null = null;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-upload-crash-'));
  if (process.env.DATABASE_URL) {
    throwaway = await openTestDatabase();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${throwaway.databaseName ?? ''}`;
    databaseEnv = { DATABASE_URL: url.toString() };
  } else {
    databaseEnv = { DATA_DIR: path.join(workDir, 'data') };
  }
  port = await freePort();
  proxy = await startFaultProxy(() => `http://127.0.0.1:${port}`);
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
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
    DEMO_USERS: 'true',
    RECONCILE_INTERVAL_MINUTES: '0',
    WEBHOOK_LEASE_SECONDS: '1',
    WEBHOOK_RETRY_BASE_SECONDS: '0.05',
    ...databaseEnv,
    ...extra,
  };
}

function spawnServer(env: Record<string, string>) {
  const logFile = path.join(workDir, `server-${Date.now()}.log`);
  const log = fs.openSync(logFile, 'a');
  const spawned = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/index.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', log, log],
  });
  child = spawned;
  const exited = new Promise<number | null>((resolve) => spawned.once('exit', (code) => resolve(code)));
  return { child: spawned, exited };
}

async function ready(server: ChildProcess) {
  await waitFor(
    async () => {
      if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}: see ${workDir}`);
      return fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.status, () => 0);
    },
    (status) => status === 200,
    // Generous: on a busy two-core machine the first start (migrations, sandbox) takes a while.
    { timeoutMs: 120_000, intervalMs: 100, what: 'the server in the child process to be ready' },
  );
}

async function personKnown(cookie: string, personId: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/trpc/person.get`, {
    method: 'POST',
    headers: { cookie, ...CSRF_HEADERS, 'content-type': 'application/json' },
    body: JSON.stringify({ id: personId }),
  });
  if (!response.ok) return 0;
  const body = (await response.json()) as { result: { data: { identifications: unknown[] } } };
  return body.result.data.identifications.length;
}

async function record(cookie: string, personId: string, file: { bytes: Buffer; name: string }): Promise<string> {
  const body = new FormData();
  body.set('type', 'CERTIFICATE_OF_REGISTRATION');
  body.set('issuedOn', addMonthsClamped(berlinCalendarDate(new Date()), -1));
  body.set('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  const response = await fetch(`http://127.0.0.1:${port}/api/persons/${personId}/proof-of-address`, {
    method: 'POST',
    headers: { cookie, ...CSRF_HEADERS },
    body,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { submission: { id: string } }).submission.id;
}

const isUpload = (method: string, path: string) => method === 'POST' && path.endsWith('/document_upload');

describe('a server killed while uploading a proof of address to Solaris', () => {
  it('uploads every recorded proof after a restart, each exactly once', { timeout: 300_000 }, async () => {
    const first = spawnServer(serverEnv({ SOLARIS_API_URL: `${proxy.origin}/sandbox/solaris` }));
    await ready(first.child);
    const cookie = await signIn(`http://127.0.0.1:${port}`, 'agent@identdesk.local', DEMO_USER_PASSWORD);

    // A customer at the sandbox, known to Identdesk through the sandbox's webhooks.
    const solaris = createSolarisClient({
      apiBaseUrl: `http://127.0.0.1:${port}/sandbox/solaris`,
      clientId: 'identdesk-sandbox',
      clientSecret: 'sandbox-secret',
    });
    const { personId } = await createIdentificationAtSolaris(solaris);
    await waitFor(() => personKnown(cookie, personId), (count) => count > 0, { timeoutMs: 60_000, what: 'Identdesk to know the customer' });

    // Solaris stores the first upload, but its answer never arrives; the second proof waits behind it.
    proxy.stall(isUpload, { forward: true });
    const answeredLost = await record(cookie, personId, { bytes: samplePdf(), name: 'meldebescheinigung.pdf' });
    const neverSent = await record(cookie, personId, { bytes: samplePng(), name: 'meldebescheinigung-seite-2.png' });
    await waitFor(() => proxy.stalled.length, (count) => count > 0, { timeoutMs: 30_000, what: 'the upload to reach Solaris' });
    expect(proxy.stalled[0]?.forwardedStatus).toBe(201);

    first.child.kill('SIGKILL');
    await first.exited;
    proxy.clear();

    const restarted = await startServer({ config: loadConfig(serverEnv()), logger: createLogger({ level: 'silent' }), workerPollIntervalMs: 100 });
    try {
      const db = restarted.database.db;
      const rows = await waitFor(
        () => db.select().from(proofOfAddressSubmissions).where(inArray(proofOfAddressSubmissions.id, [answeredLost, neverSent])),
        (found) => found.length === 2 && found.every((row) => row.uploadStatus === 'uploaded'),
        { timeoutMs: 60_000, what: 'both proofs uploaded after the restart' },
      );
      // Claimed before the kill, and again once the lease ran out.
      expect(rows.find((row) => row.id === answeredLost)?.uploadAttempts).toBeGreaterThanOrEqual(2);

      const atSolaris = await restarted.solaris.listDocuments(personId);
      const first = atSolaris.filter((document) => document.name === solarisFileNameOf(answeredLost, 'application/pdf'));
      const second = atSolaris.filter((document) => document.name === solarisFileNameOf(neverSent, 'image/png'));
      // The document Solaris stored before the kill was found, not uploaded a second time.
      expect(first).toHaveLength(1);
      expect(second).toHaveLength(1);
      expect(rows.find((row) => row.id === answeredLost)?.documentId).toBe(first[0]?.id);
      expect(rows.find((row) => row.id === neverSent)?.documentId).toBe(second[0]?.id);
      const linked = await db.select({ id: documents.id }).from(documents).where(eq(documents.personId, personId));
      expect(linked.map((document) => document.id)).toEqual(expect.arrayContaining([first[0]?.id, second[0]?.id]));
    } finally {
      await restarted.stop();
    }
  });
});
