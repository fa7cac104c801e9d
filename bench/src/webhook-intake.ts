// `pnpm --filter @identdesk/bench bench:webhook-intake`: how many signed Solaris deliveries the
// inbox stores and answers per second on its own (issue #9's 1,000 per second), with the queue
// worker stopped so processing does not compete for the database. `pnpm bench:webhooks` measures
// the same burst with processing running beside it.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { listActiveWebhookSubscriptions } from '@identdesk/db';
import { createLogger } from '@identdesk/server/logger';
import { startServer } from '@identdesk/server/server';
import { identificationBody, signedDelivery } from '@identdesk/server/testing/solaris-fixtures';
import { throwawayServerConfig, wholeNumber } from './bench-support.ts';
import { sendFromOtherThread, type SignedDelivery } from './webhook-senders.ts';

const TARGET_ACCEPTED_PER_SECOND = 1_000;
const CONFIGURED_SECRET = 'bench-webhook-secret';

const { values } = parseArgs({
  options: {
    deliveries: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '3' },
    // Sign with the stored subscription's secret and name it, as Solaris does, instead of the configured one.
    subscription: { type: 'boolean', default: false },
    // Also repeat every tenth delivery's webhook id, as Solaris' retries do.
    repeats: { type: 'boolean', default: false },
  },
});
const deliveryCount = wholeNumber('--deliveries', values.deliveries, 100);
const concurrency = wholeNumber('--concurrency', values.concurrency, 1);
const rounds = wholeNumber('--rounds', values.rounds, 1);

const { config, remove } = await throwawayServerConfig('intake', { SOLARIS_WEBHOOK_SECRET_IDENTIFICATION: CONFIGURED_SECRET });
const server = await startServer({
  config,
  logger: createLogger({ level: 'silent' }),
  sandbox: { fetch: async () => new Response(null, { status: 200 }) },
});

try {
  // Only the inbox is measured: stored deliveries stay queued.
  await server.worker.stop();
  const signing = await signingFor(values.subscription);
  console.info(
    `Identdesk webhook intake on ${server.database.kind}: ${deliveryCount.toLocaleString('en')} deliveries, ${concurrency} at a time, ${rounds} rounds, signed with ${values.subscription ? "the subscription's" : 'the configured'} secret; load average ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`,
  );
  const rates: number[] = [];
  const cpuCosts: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    // Signed beforehand, outside the measured time; every tenth repeats an earlier webhook id when asked.
    const repeatable: string[] = [];
    const deliveries = Array.from({ length: deliveryCount }, (_, index) => {
      const repeat = values.repeats && index % 10 === 9 ? repeatable[index % repeatable.length] : undefined;
      const webhookId = repeat ?? randomUUID();
      if (!repeat) repeatable.push(webhookId);
      return signedDeliveryFor(signing, webhookId);
    });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const { statuses } = await sendFromOtherThread(`${server.localUrl}/webhooks/solaris`, deliveries, concurrency);
    const seconds = (performance.now() - started) / 1000;
    // CPU time of every thread of this process (HTTP, the embedded database, the senders): less
    // sensitive than the rate to other work on the machine, so comparable between noisy runs.
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerDelivery = (cpu.user + cpu.system) / 1000 / deliveryCount;
    const rate = deliveryCount / seconds;
    rates.push(rate);
    cpuCosts.push(cpuMsPerDelivery);
    console.info(
      `  round ${round}: ${rate.toFixed(0).padStart(6)} per second (${seconds.toFixed(2)} s), ${cpuMsPerDelivery.toFixed(2)} ms CPU per delivery; answers ${[...statuses].map(([status, count]) => `${count} × ${status}`).join(', ')}`,
    );
  }
  const sorted = [...rates].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const cpuMedian = [...cpuCosts].sort((a, b) => a - b)[Math.floor(cpuCosts.length / 2)] ?? 0;
  console.info(
    `  CPU per delivery: median ${cpuMedian.toFixed(2)} ms, server and senders together (two cores: at most ${(2000 / cpuMedian).toFixed(0)} per second)\n  accepted: median ${median.toFixed(0)} per second, spread ${sorted[0]?.toFixed(0)}–${sorted.at(-1)?.toFixed(0)}   target ≥ ${TARGET_ACCEPTED_PER_SECOND}  ${median >= TARGET_ACCEPTED_PER_SECOND ? '✓' : '✗'}; load average ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`,
  );
  if (median < TARGET_ACCEPTED_PER_SECOND) process.exitCode = 1;
} finally {
  await server.stop();
  await remove();
}

interface Signing {
  secret: string;
  subscriptionId?: string;
}


async function signingFor(useSubscription: boolean): Promise<Signing> {
  if (!useSubscription) return { secret: CONFIGURED_SECRET };
  const subscriptions = await listActiveWebhookSubscriptions(server.database.db);
  const subscription = subscriptions.find((candidate) => candidate.eventType === 'IDENTIFICATION');
  if (!subscription?.secret) throw new Error('the sandbox subscription for IDENTIFICATION is not stored');
  return { secret: subscription.secret, subscriptionId: subscription.id };
}

/** One IDENTIFICATION delivery as Solaris sends it, about an identification and person nobody knows. */
function signedDeliveryFor(signing: Signing, webhookId: string): SignedDelivery {
  return signedDelivery({
    secret: signing.secret,
    eventType: 'IDENTIFICATION',
    webhookId,
    entityId: randomUUID().replaceAll('-', ''),
    ...(signing.subscriptionId ? { subscriptionId: signing.subscriptionId } : {}),
    body: identificationBody({ id: randomUUID().replaceAll('-', ''), status: 'pending' }),
  });
}
