import { pathToFileURL } from 'node:url';
import { openDatabase, type DatabaseHandle } from '@identdesk/db';
import { configureScriptAuditChain } from '../audit/chain.ts';
import { ConfigError, type Config } from '../env.ts';

/** True when the module is the script node was started with, not imported by a test. */
export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && moduleUrl === pathToFileURL(entry).href;
}

/**
 * Opens the configured database. The embedded one may be open in one process only: when the
 * server holds it, say so instead of showing the lock error.
 */
export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  // What a script audits (user:create) joins the server's keyed chain.
  configureScriptAuditChain(config);
  try {
    return await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof Error && /already open/.test(error.message)) {
      throw new ConfigError(
        `The embedded database in ${config.dataDir} is open in a running Identdesk server. ` +
          'Stop the server first (it reconciles by itself every RECONCILE_INTERVAL_MINUTES), or use DATABASE_URL.',
      );
    }
    throw error;
  }
}

/** Runs a script's main: configuration problems print their message, anything else the error. */
export function runScript(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof ConfigError ? error.message : error);
      process.exit(1);
    },
  );
}
