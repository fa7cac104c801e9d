import { parseArgs } from 'node:util';
import type { DatabaseHandle } from '@identdesk/db';
import { generateDemoTraffic } from '@identdesk/sandbox';
import { ConfigError, loadConfig, type Config } from '../env.ts';
import { createLogger } from '../logger.ts';
import { DEMO_DAYS, startServer } from '../server.ts';
import { isMainModule, openConfiguredDatabase, runScript } from './script-support.ts';

export interface SeedOptions {
  argv: string[];
  config: Config;
  /** An open database (tests); otherwise the configured one is opened and closed again. */
  database?: DatabaseHandle;
  onProgress?: (done: number, total: number) => void;
}

/**
 * `pnpm seed --persons N [--days D]`: signs up N more demo customers in the built-in sandbox,
 * backdated over the last D days, and lets them flow into Identdesk through the webhook inbox
 * and re-fetch, the same way as on the first start. It runs its own server on a free port, so
 * the embedded database must not be open in a running Identdesk.
 */
export async function runSeed(options: SeedOptions): Promise<{ persons: number; identifications: number }> {
  const { values } = parseArgs({
    args: options.argv,
    options: { persons: { type: 'string', default: '2000' }, days: { type: 'string', default: String(DEMO_DAYS) } },
  });
  const persons = Number(values.persons);
  const days = Number(values.days);
  if (!Number.isInteger(persons) || persons < 1 || persons > 1_000_000) {
    throw new ConfigError('--persons must be a whole number from 1 to 1000000');
  }
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new ConfigError('--days must be a whole number from 1 to 3650');
  if (options.config.solaris.mode !== 'sandbox') {
    throw new ConfigError('pnpm seed works with the built-in sandbox only (SOLARIS_MODE=sandbox).');
  }

  const config: Config = { ...options.config, port: 0, seedDemo: false, reconcileIntervalMs: 0 };
  const database = options.database ?? (await openConfiguredDatabase(config));
  try {
    const server = await startServer({ config, database, logger: createLogger({ level: 'warn' }) });
    try {
      if (!server.sandbox) throw new ConfigError('the built-in sandbox did not start');
      const result = await generateDemoTraffic({
        sandbox: server.sandbox,
        persons,
        days,
        seed: `identdesk-seed-${Date.now()}`,
        afterStep: () => server.worker.drain(),
        onProgress: ({ done, total }) => options.onProgress?.(done, total),
      });
      await server.worker.drain();
      return result;
    } finally {
      await server.stop();
    }
  } finally {
    if (!options.database) await database.close();
  }
}

function progressBar(started: number) {
  return (done: number, total: number) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    const elapsed = (Date.now() - started) / 1000;
    const remaining = Math.round((elapsed / Math.max(done, 1)) * (total - done));
    process.stdout.write(`\r  ▕${'█'.repeat(filled)}${'░'.repeat(width - filled)}▏ ${done}/${total} customers · about ${remaining} s left   `);
  };
}

if (isMainModule(import.meta.url)) {
  runScript(async () => {
    const started = Date.now();
    const result = await runSeed({ argv: process.argv.slice(2), config: loadConfig(), onProgress: progressBar(started) });
    process.stdout.write('\n');
    console.info(
      `Signed up ${result.persons} customers with ${result.identifications} identifications in ${Math.round((Date.now() - started) / 1000)} s.`,
    );
  });
}
