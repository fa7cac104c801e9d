import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DatabaseHandle } from '@identdesk/db';
import { createSandbox, type Sandbox } from '@identdesk/sandbox';
import express from 'express';
import { loadConfig, resolveUrls, SANDBOX_MOUNT_PATH, type Config } from '../env.ts';
import { reconcile, type ReconcileSummary } from '../ingest/reconcile.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createConfiguredSolarisClient } from '../solaris/client.ts';
import { isMainModule, openConfiguredDatabase, runScript } from './script-support.ts';

export interface SyncOptions {
  config: Config;
  logger: Logger;
  /** An open database (tests); otherwise the configured one is opened and closed again. */
  database?: DatabaseHandle;
}

/**
 * `pnpm sync`: reconciles Identdesk with Solaris once. In sandbox mode the sandbox lives in the
 * server; when no server answers on PORT, the script runs the sandbox itself for the duration.
 */
export async function runSync(options: SyncOptions): Promise<ReconcileSummary> {
  const { config, logger } = options;
  const database = options.database ?? (await openConfiguredDatabase(config));
  let localSandbox: { sandbox: Sandbox; server: Server } | null = null;
  try {
    let urls = resolveUrls(config, config.port);
    if (urls.embeddedSandbox && !(await answers(`http://127.0.0.1:${config.port}/healthz`))) {
      localSandbox = await startLocalSandbox(config, database, logger);
      urls = { ...urls, ...sandboxUrls((localSandbox.server.address() as AddressInfo).port) };
    }
    const solaris = createConfiguredSolarisClient(config, urls, logger);
    const sandbox = localSandbox?.sandbox;
    return await reconcile({ db: database.db, solaris, now: () => (sandbox ? sandbox.clock.now() : new Date()) });
  } finally {
    if (localSandbox) {
      await localSandbox.sandbox.stop();
      await new Promise<void>((resolve) => localSandbox?.server.close(() => resolve()));
    }
    if (!options.database) await database.close();
  }
}

function sandboxUrls(port: number) {
  const url = `http://127.0.0.1:${port}${SANDBOX_MOUNT_PATH}`;
  return { solarisApiUrl: url, solarisAuthUrl: url };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function startLocalSandbox(config: Config, database: DatabaseHandle, logger: Logger) {
  const sandbox = createSandbox({
    pool: database.pool,
    // Customer-facing links keep pointing at the server, where the sandbox normally lives.
    publicBaseUrl: resolveUrls(config, config.port).publicUrl,
    timeScale: config.sandbox.timeScale,
    logger,
  });
  await sandbox.start();
  const app = express();
  app.use(SANDBOX_MOUNT_PATH, sandbox.router);
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  return { sandbox, server };
}

export function formatSyncSummary(summary: ReconcileSummary): string {
  return [
    `Reconciled with Solaris in ${(summary.durationMs / 1000).toFixed(1)} s${summary.aborted ? ' (stopped early)' : ''}:`,
    `  persons          ${summary.persons.seen} seen, ${summary.persons.created} new, ${summary.persons.changed} changed`,
    `  identifications  ${summary.identifications.seen} seen, ${summary.identifications.created} new, ${summary.identifications.changed} changed, ${summary.identifications.refreshed} fetched in full`,
    `  IDnow attempts   ${summary.attempts.inserted} new, ${summary.attempts.updated} updated`,
    `  documents        ${summary.documents.inserted} new, ${summary.documents.updated} updated`,
  ].join('\n');
}

if (isMainModule(import.meta.url)) {
  runScript(async () => {
    const config = loadConfig();
    // The summary below is the output; the log only says what went wrong.
    const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr });
    console.info(formatSyncSummary(await runSync({ config, logger })));
  });
}
