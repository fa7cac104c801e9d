import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '@identdesk/server/env';
import { createThrowawayPostgresDatabase } from '@identdesk/db/testing';

/** A command-line count, refused with the flag's name when it is not a whole number that large. */
export function wholeNumber(flag: string, value: string | undefined, minimum: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) throw new Error(`${flag} must be a whole number of at least ${minimum}`);
  return number;
}

/**
 * The configuration of a throwaway Identdesk for a webhook bench: `pnpm start`'s production mode on
 * a fresh database, with the built-in sandbox and nothing running besides what the bench sends (no
 * demo customers, no reconciliation). The database is embedded in a temporary directory or, when
 * DATABASE_URL is set, a new `identdesk_bench_<random>` database on that server. `remove()` deletes
 * it, the data directory and the audit anchor.
 */
export async function throwawayServerConfig(name: string, env: Record<string, string>): Promise<{ config: Config; remove(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `identdesk-bench-${name}-`));
  const server = process.env.DATABASE_URL ? await createThrowawayPostgresDatabase(process.env.DATABASE_URL, 'identdesk_bench') : null;
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: '0',
    DATA_DIR: dataDir,
    // A throwaway trail: its key stays in memory instead of a file beside the temporary data directory.
    AUDIT_CHAIN_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    DEMO_USERS: 'false',
    RECONCILE_INTERVAL_MINUTES: '0',
    ...(server ? { DATABASE_URL: server.url } : {}),
    ...env,
  });
  return {
    config,
    async remove() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}.audit-anchor.json`, { force: true });
      await server?.drop();
    },
  };
}

