import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, type DatabaseHandle } from '@identdesk/db';
import { createSandbox, generateDemoTraffic, type CreateSandboxOptions, type Sandbox } from '@identdesk/sandbox';
import type { SolarisClient, SolarisClientOptions } from '@identdesk/solaris';
import { createApp } from './app.ts';
import { startAuditChain } from './audit/chain.ts';
import { ensureDemoUsers } from './auth/demo-users.ts';
import { createAuthService } from './auth/service.ts';
import { resolveUrls, type Config, type ResolvedUrls } from './env.ts';
import { prepareDeliveryBatch } from './ingest/process-delivery.ts';
import { createReconcileScheduler, type ReconcileScheduler } from './ingest/reconcile.ts';
import type { Logger } from './logger.ts';
import { createMetricSettler } from './metrics/metric-settler.ts';
import type { PollingQueue } from './queue/polling-queue.ts';
import { createProofOfAddressOutbox, type ProofOfAddressOutbox } from './proof-of-address/outbox.ts';
import { createConfiguredSolarisClient } from './solaris/client.ts';
import { createSolarisConnectionHealth, type SolarisConnectionHealth } from './solaris/health.ts';
import { createWebhookInbox } from './webhooks/inbox.ts';
import { createIntakePriority } from './webhooks/intake-priority.ts';
import { createSubscriptionGate } from './webhooks/subscription-gate.ts';
import { ensureWebhookSubscriptions, type EnsureSubscriptionsResult } from './webhooks/subscriptions.ts';
import { createWebhookWorker, type WebhookWorker } from './webhooks/worker.ts';

/**
 * Webhook worker sizing per database (docs/benchmarks.md, issue #9). Big batches let one
 * re-fetch answer every delivery about an identification claimed with it. The embedded
 * database answers one statement at a time, so more lanes than a few only queue there; a
 * PostgreSQL server works several lanes' transactions at once.
 */
const WEBHOOK_WORKER_SIZING = {
  pglite: { batchSize: 128, concurrency: 4 },
  postgres: { batchSize: 128, concurrency: 8 },
} as const;

/**
 * The longest the worker waits for the inbox before each delivery during a burst
 * (webhooks/intake-priority.ts): answers first, but processing keeps moving.
 */
const INBOX_FIRST_MAX_WAIT_MS = 250;

export interface StartServerOptions {
  config: Config;
  logger: Logger;
  /** Use this database instead of opening one from the configuration (tests share one per file); not closed by `stop()`. */
  database?: DatabaseHandle;
  /** Test seams: the Solaris client's retry timing, the sandbox's poll interval or delivery fetch. */
  solarisClient?: Partial<SolarisClientOptions>;
  sandbox?: Partial<Omit<CreateSandboxOptions, 'pool' | 'publicBaseUrl'>>;
  /** Wall-clock ms between the webhook worker's looks at the queue (default 5 s; kicks come on every delivery). */
  workerPollIntervalMs?: number;
  /** Test seam: the Solaris connection health with a clock the test moves. */
  solarisHealth?: SolarisConnectionHealth;
}

export interface RunningServer {
  config: Config;
  urls: ResolvedUrls;
  port: number;
  /** http://127.0.0.1:<port>, for local callers. */
  localUrl: string;
  database: DatabaseHandle;
  solaris: SolarisClient;
  /** How the calls to Solaris went lately (fed by every call of `solaris`). */
  solarisHealth: SolarisConnectionHealth;
  /** The embedded sandbox in sandbox mode (also when SOLARIS_API_URL points elsewhere). */
  sandbox: Sandbox | null;
  worker: WebhookWorker;
  /** Counts what was changed into the team-lead metric rollups, after the writers' transactions. */
  metricSettler: PollingQueue;
  /** Uploads recorded proofs of address to Solaris. */
  proofOfAddressOutbox: ProofOfAddressOutbox;
  reconciler: ReconcileScheduler;
  subscriptions: EnsureSubscriptionsResult | null;
  /** Identdesk's clock: the sandbox clock in sandbox mode, so observations share the simulated timeline. */
  now: () => Date;
  httpServer: Server;
  /** Stops everything in dependency order; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts Identdesk: database, HTTP, the webhook worker, the embedded Solaris sandbox (sandbox
 * mode) and its webhook subscriptions, then the periodic reconciliation. index.ts and the tests
 * both start the server through here.
 *
 * The server listens before the sandbox starts: the sandbox's public URL and the default
 * Solaris URL need the actual port (PORT=0 in tests), and the sandbox delivers webhooks, left
 * over from before a restart, to this server as soon as it starts. Until the sandbox runs its
 * path answers 503, and /readyz answers 503 until start-up is complete.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir }));
  logger.info({ database: database.kind }, 'database ready, migrations applied');
  // Keyed and anchored before anything is audited (the demo users below are).
  const auditChain = await startAuditChain({ config, db: database.db, logger }).catch(async (error: unknown) => {
    if (ownsDatabase) await database.close();
    throw error;
  });

  // Sessions and the audit trail run on the wall clock, never on the sandbox's simulated one.
  const authService = createAuthService({ db: database.db, settings: config.auth.settings, logger });
  if (config.auth.demoUsers) {
    try {
      const demo = await ensureDemoUsers(database.db);
      // For the person starting the demo; these passwords are public, no real user's is ever printed.
      if (config.logLevel !== 'silent') console.info(demo.table);
    } catch (error) {
      if (ownsDatabase) await database.close();
      throw error;
    }
  }
  let publicUrl = config.publicUrl ?? '';

  let sandbox: Sandbox | null = null;
  let ready = false;
  const now = () => (sandbox ? sandbox.clock.now() : new Date());
  const gate = createSubscriptionGate();
  const intakePriority = createIntakePriority();
  let worker: WebhookWorker | null = null;
  let solarisClient: SolarisClient | null = null;
  let outbox: ProofOfAddressOutbox | null = null;
  const solarisHealth = options.solarisHealth ?? createSolarisConnectionHealth({ mode: config.solaris.mode });

  const app = createApp({
    database,
    logger,
    webDistDir: config.webDistDir,
    webhookInbox: createWebhookInbox({
      db: database.db,
      logger,
      now,
      webhookSecrets: config.solaris.webhookSecrets,
      subscriptionGate: gate,
      onStored: () => worker?.kick(),
      intakePriority,
    }),
    webhookQueue: { kick: () => worker?.kick() },
    // Procedures and routes see Identdesk's clock, the sandbox clock in sandbox mode (decision 0004).
    now,
    solaris: () => solarisClient,
    solarisHealth,
    proofOfAddressOutbox: { kick: () => outbox?.kick() },
    sandbox: config.solaris.mode === 'sandbox' ? () => sandbox?.router ?? null : undefined,
    ready: () => ready,
    auth: { service: authService, oidc: config.auth.oidc, demoUsers: config.auth.demoUsers, publicUrl: () => publicUrl },
  });

  let httpServer: Server;
  try {
    httpServer = await listen(app, config.port, config.host);
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }
  const port = (httpServer.address() as AddressInfo).port;
  const urls = resolveUrls(config, port);
  publicUrl = urls.publicUrl;
  const solaris = createConfiguredSolarisClient(config, urls, logger, {
    onOutcome: (outcome) => solarisHealth.record(outcome),
    ...options.solarisClient,
  });
  solarisClient = solaris;
  const syncDeps = { db: database.db, solaris, now };

  // Counts what the worker (and every other writer) changed into the team-lead metrics, after
  // their transactions and many customers at once, behind the inbox like the worker.
  const metricSettler = createMetricSettler({
    db: database.db,
    logger,
    beforeEachBatch: () => intakePriority.yieldTo(INBOX_FIRST_MAX_WAIT_MS),
  });
  worker = createWebhookWorker({
    db: database.db,
    logger,
    now,
    prepare: (batch) => prepareDeliveryBatch(syncDeps, batch),
    maxAttempts: config.webhooks.maxAttempts,
    retryBaseMs: config.webhooks.retryBaseMs,
    leaseMs: config.webhooks.leaseMs,
    pollIntervalMs: options.workerPollIntervalMs,
    ...WEBHOOK_WORKER_SIZING[database.kind],
    beforeEachDelivery: () => intakePriority.yieldTo(INBOX_FIRST_MAX_WAIT_MS),
    afterBatch: () => metricSettler.kick(),
  });
  const reconciler = createReconcileScheduler({ ...syncDeps, logger }, { intervalMs: config.reconcileIntervalMs });
  const runningWorker = worker;
  // The upload outbox retries and leases like the webhook queue: both are Solaris work that must
  // survive a restart, and one set of settings keeps their behaviour alike.
  const proofOfAddressOutbox = createProofOfAddressOutbox({
    db: database.db,
    solaris,
    logger,
    now,
    maxAttempts: config.webhooks.maxAttempts,
    retryBaseMs: config.webhooks.retryBaseMs,
    leaseMs: config.webhooks.leaseMs,
    pollIntervalMs: options.workerPollIntervalMs,
  });
  outbox = proofOfAddressOutbox;

  const demoAbort = new AbortController();
  let demoTraffic: Promise<void> | null = null;

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      ready = false;
      demoAbort.abort();
      await demoTraffic;
      await reconciler.stop();
      // The worker and the outbox call Solaris (the sandbox, in sandbox mode), so they stop before
      // the sandbox; the sandbox drains its outgoing deliveries while the inbox can still store them.
      await proofOfAddressOutbox.stop();
      await runningWorker.stop();
      if (sandbox) await sandbox.stop();
      await metricSettler.stop();
      httpServer.closeIdleConnections();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => httpServer.closeAllConnections(), 5_000);
        force.unref();
        httpServer.close(() => resolve());
      });
      await auditChain.stop();
      if (ownsDatabase) await database.close();
      logger.info({}, 'Identdesk stopped');
    })();
    return stopping;
  };

  try {
    worker.start();
    metricSettler.start();
    let subscriptions: EnsureSubscriptionsResult | null = null;
    if (config.solaris.mode === 'sandbox') {
      const created = createSandbox({
        timeScale: config.sandbox.timeScale,
        controlApi: config.sandbox.controlApi,
        // The sandbox narrates every customer it creates; in the console only its warnings matter.
        logger: logger.child({ component: 'sandbox' }, { level: logger.isLevelEnabled('debug') ? 'debug' : 'warn' }),
        ...options.sandbox,
        pool: database.pool,
        publicBaseUrl: urls.publicUrl,
      });
      await created.start();
      sandbox = created;
      logger.info({ timeScale: config.sandbox.timeScale, embedded: urls.embeddedSandbox }, 'Solaris sandbox started');
      // In live mode `pnpm solaris:subscribe` does this once; the sandbox is Identdesk's own.
      subscriptions = await ensureWebhookSubscriptions(
        { db: database.db, solaris, logger, now, gate },
        { webhookUrl: urls.webhookUrl, removeStale: true },
      );
      logger.info(
        { created: subscriptions.created, reused: subscriptions.reused, removed: subscriptions.removed },
        'webhook subscriptions ready',
      );

      // First start of the built-in sandbox on the embedded default: demo customers, in the
      // background so the console is usable at once and fills up while the history plays out.
      if (urls.embeddedSandbox && config.seedDemo && (await sandboxIsEmpty(solaris))) {
        demoTraffic = seedDemoTraffic({ sandbox: created, worker: runningWorker, logger, signal: demoAbort.signal });
      }
    }
    // Started once Solaris answers (the sandbox above): proofs recorded before a restart go first.
    proofOfAddressOutbox.start();
    // Reconciling while the demo plays out would re-fetch every new customer a second time.
    if (demoTraffic) void demoTraffic.then(() => !demoAbort.signal.aborted && reconciler.start());
    else reconciler.start();
    ready = true;
    logger.info({ port, publicUrl: urls.publicUrl, solarisMode: config.solaris.mode }, 'Identdesk ready');
    return {
      config,
      urls,
      port,
      localUrl: `http://127.0.0.1:${port}`,
      database,
      solaris,
      solarisHealth,
      sandbox,
      worker,
      metricSettler,
      proofOfAddressOutbox,
      reconciler,
      subscriptions,
      now,
      httpServer,
      stop,
    };
  } catch (error) {
    await stop().catch((stopError: unknown) => logger.error({ err: stopError }, 'stopping after a failed start failed'));
    throw error;
  }
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => {
      if (error) reject(error);
      else resolve(server);
    });
  });
}

async function sandboxIsEmpty(solaris: SolarisClient): Promise<boolean> {
  const persons = await solaris.listPersons({ page: 1, pageSize: 1 });
  return persons.length === 0;
}

/** How many customers the demo signs up on a fresh sandbox, over the last DEMO_DAYS days. */
export const DEMO_PERSONS = 2_000;
export const DEMO_DAYS = 90;

/**
 * Plays a partner's onboarding traffic of the last 90 days through the sandbox. After each step
 * of sandbox time the webhook worker drains the queue, so Identdesk observes every change at its
 * (backdated) time through the same inbox, queue and re-fetch as live traffic. Never throws:
 * a failed demo is logged and the console keeps running.
 */
async function seedDemoTraffic(deps: {
  sandbox: Sandbox;
  worker: WebhookWorker;
  logger: Logger;
  signal: AbortSignal;
}): Promise<void> {
  const started = Date.now();
  let lastLogged = 0;
  deps.logger.info({ persons: DEMO_PERSONS, days: DEMO_DAYS }, 'demo traffic: signing up customers in the sandbox');
  try {
    const result = await generateDemoTraffic({
      sandbox: deps.sandbox,
      persons: DEMO_PERSONS,
      days: DEMO_DAYS,
      signal: deps.signal,
      afterStep: () => deps.worker.drain(),
      onProgress: ({ done, total }) => {
        if (done - lastLogged >= total / 10 || done === total) {
          lastLogged = done;
          deps.logger.info({ done, total }, 'demo traffic: progress');
        }
      },
    });
    deps.logger.info({ ...result, seconds: Math.round((Date.now() - started) / 1000) }, 'demo traffic: done');
  } catch (error) {
    deps.logger.error({ err: error }, 'demo traffic failed; the console runs on with what was created');
  }
}
