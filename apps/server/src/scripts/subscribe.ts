import type { DatabaseHandle } from '@identdesk/db';
import { ConfigError, loadConfig, resolveUrls, type Config } from '../env.ts';
import { createLogger, type Logger } from '../logger.ts';
import { createConfiguredSolarisClient } from '../solaris/client.ts';
import { createSubscriptionGate } from '../webhooks/subscription-gate.ts';
import {
  ensureWebhookSubscriptions,
  SUBSCRIBED_EVENT_TYPES,
  type EnsureSubscriptionsResult,
} from '../webhooks/subscriptions.ts';
import { isMainModule, openConfiguredDatabase, runScript } from './script-support.ts';

export interface SubscribeOptions {
  config: Config;
  logger: Logger;
  database?: DatabaseHandle;
}

/**
 * `pnpm solaris:subscribe` (live mode): subscribes PUBLIC_URL/webhooks/solaris to IDENTIFICATION
 * and PERSON_CHANGED and stores each secret, which Solaris shows only once. Running it again
 * reuses what is stored. In sandbox mode the server does this itself at every start.
 */
export async function runSubscribe(options: SubscribeOptions): Promise<EnsureSubscriptionsResult | null> {
  const { config, logger } = options;
  if (config.solaris.mode === 'sandbox') return null;
  if (!config.publicUrl) {
    throw new ConfigError('Invalid configuration:\n  PUBLIC_URL: is required to subscribe to Solaris webhooks (how Solaris reaches Identdesk)');
  }
  const database = options.database ?? (await openConfiguredDatabase(config));
  try {
    const urls = resolveUrls(config, config.port);
    const solaris = createConfiguredSolarisClient(config, urls, logger);
    return await ensureWebhookSubscriptions(
      { db: database.db, solaris, logger, now: () => new Date(), gate: createSubscriptionGate() },
      // Live subscriptions to another URL may belong to a deployment that still runs: left alone.
      { webhookUrl: urls.webhookUrl, removeStale: false },
    );
  } finally {
    if (!options.database) await database.close();
  }
}

export function formatSubscribeResult(result: EnsureSubscriptionsResult | null, webhookUrl: string): string {
  if (!result) return 'SOLARIS_MODE=sandbox: the server subscribes to its sandbox by itself at start; nothing to do.';
  const lines = [`Solaris delivers webhooks to ${webhookUrl}:`];
  for (const eventType of SUBSCRIBED_EVENT_TYPES) {
    const how = result.created.includes(eventType) ? 'subscribed now, secret stored' : 'already subscribed';
    lines.push(`  ${eventType.padEnd(15)} ${result.active[eventType]} (${how})`);
  }
  if (result.removed > 0) lines.push(`  removed ${result.removed} subscription(s) to this URL whose secret Identdesk did not hold`);
  if (result.otherUrls > 0) lines.push(`  ${result.otherUrls} stored subscription(s) to other URLs left in place`);
  return lines.join('\n');
}

if (isMainModule(import.meta.url)) {
  runScript(async () => {
    const config = loadConfig();
    const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr });
    const result = await runSubscribe({ config, logger });
    console.info(formatSubscribeResult(result, resolveUrls(config, config.port).webhookUrl));
  });
}
