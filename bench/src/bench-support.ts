import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '@identdesk/server/env';

/** A command-line count, refused with the flag's name when it is not a whole number that large. */
export function wholeNumber(flag: string, value: string | undefined, minimum: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) throw new Error(`${flag} must be a whole number of at least ${minimum}`);
  return number;
}

/**
 * The configuration of a throwaway Identdesk for a webhook bench: `pnpm start`'s production mode on
 * a fresh embedded database in a temporary directory, with the built-in sandbox and nothing running
 * besides what the bench sends (no demo customers, no reconciliation). `remove()` deletes the data
 * directory and the audit anchor beside it.
 */
export function throwawayServerConfig(name: string, env: Record<string, string>): { config: Config; remove(): void } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `identdesk-bench-${name}-`));
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
    ...env,
  });
  return {
    config,
    remove() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}.audit-anchor.json`, { force: true });
    },
  };
}
