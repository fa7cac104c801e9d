import express, { type Router } from 'express';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { controlRouter } from './api/control.ts';
import { errorHandler, notFoundHandler } from './api/http.ts';
import { oauthRouter, requireBearer } from './api/auth.ts';
import { v1Router } from './api/v1.ts';
import { createClock, type SandboxClock } from './core/clock.ts';
import { errorDetails, silentLogger, type SandboxLogger } from './core/logger.ts';
import { createTokenIssuer } from './core/token.ts';
import { createSandboxDb, migrateSandbox } from './db/client.ts';
import { clockState } from './db/schema.ts';
import type { BranchResidency, SandboxConfig, SandboxContext } from './context.ts';
import { DOCUMENT_MAX_BYTES } from './documents/service.ts';
import { createJobRunner } from './engine/jobs.ts';
import { runScenarioAt, scenarioJobHandlers } from './engine/scenario.ts';
import type { PlannedResult } from './engine/plan.ts';
import { idnowPageRouter } from './idnow/page.ts';
import { IDENTICAL_PERSON_LIMIT } from './persons/service.ts';
import { createWebhookDispatcher } from './webhooks/dispatcher.ts';
import { DEFAULT_WEBHOOK_RETRY_POLICY, type WebhookRetryPolicy } from './webhooks/outbox.ts';

export const DEFAULT_CLIENT_ID = 'identdesk-sandbox';
export const DEFAULT_CLIENT_SECRET = 'sandbox-secret';
export const DEFAULT_BASE_PATH = '/sandbox/solaris';
/**
 * Residency countries for persons without a branch: the seed's own example (`branch "null"`,
 * `["DE", "FR"]`). Other branches use the same list unless configured.
 */
export const DEFAULT_BRANCH_RESIDENCY: BranchResidency = { null: ['DE', 'FR'] };

export interface CreateSandboxOptions {
  /**
   * Identdesk's pool (`openDatabase().pool`), on PGlite behind pglite-socket or on PostgreSQL.
   * The sandbox opens its own pool with the same connection settings (see `connections`).
   */
  pool: pg.Pool;
  /**
   * Connections of the sandbox's own pool (default 1). One connection serialises the sandbox's
   * queries, which pglite-socket needs: it interleaves the protocol messages of concurrent
   * connections, so two clients' extended-protocol queries can clobber each other.
   */
  connections?: number;
  /** Origin the customer's browser reaches the sandbox at, e.g. `http://localhost:3000`. */
  publicBaseUrl: string;
  /** Where the router is mounted; default `/sandbox/solaris`. */
  basePath?: string;
  clientId?: string;
  clientSecret?: string;
  /** Sandbox time runs this many times faster than the wall clock (default 1). */
  timeScale?: number;
  /** Mount `/_control` (clock, run due work). Off by default. */
  controlApi?: boolean;
  /** Seed of the random outcomes of persons without a test prefix. */
  randomSeed?: string;
  logger?: SandboxLogger;
  branchResidency?: BranchResidency;
  identicalPersonLimit?: number;
  webhookRetry?: Partial<WebhookRetryPolicy>;
  documentMaxBytes?: number;
  /** How often the loop looks for due jobs and deliveries, wall-clock ms (default 250). */
  pollIntervalMs?: number;
  /** Webhook deliveries go through this fetch (default global fetch). */
  fetch?: typeof fetch;
}

export interface Sandbox {
  /** Mount at `basePath` (default `/sandbox/solaris`). */
  router: Router;
  /** Applies the migrations, restores the clock, starts the job loop and the webhook dispatcher. */
  start(): Promise<void>;
  /** Stops the loop, waits for work in flight and closes the sandbox's own connections (not the caller's pool). */
  stop(): Promise<void>;
  clock: SandboxClock;
  /**
   * Runs due jobs and sends due webhooks now (what the loop does on each tick), and waits for
   * the jobs and deliveries the loop itself was working on: when it resolves, everything due has
   * happened and every delivery has been answered.
   */
  runDue(): Promise<{ jobsRun: number; deliveriesSent: number }>;
  /**
   * Schedules an identification's scenario from a given sandbox time (backdated demo data):
   * steps already due run on the next tick, each at its planned time.
   */
  runScenarioAt(identificationId: string, start: Date): Promise<PlannedResult[]>;
  context: SandboxContext;
}

const CLOCK_ROW_ID = 1;
const CLOCK_SAVE_INTERVAL_MS = 5_000;

export function createSandbox(options: CreateSandboxOptions): Sandbox {
  const logger = options.logger ?? silentLogger;
  const config: SandboxConfig = {
    publicBaseUrl: options.publicBaseUrl.replace(/\/+$/, ''),
    basePath: options.basePath ?? DEFAULT_BASE_PATH,
    clientId: options.clientId ?? DEFAULT_CLIENT_ID,
    clientSecret: options.clientSecret ?? DEFAULT_CLIENT_SECRET,
    branchResidency: options.branchResidency ?? DEFAULT_BRANCH_RESIDENCY,
    identicalPersonLimit: options.identicalPersonLimit ?? IDENTICAL_PERSON_LIMIT,
    randomSeed: options.randomSeed ?? 'identdesk-sandbox',
    webhookPolicy: { ...DEFAULT_WEBHOOK_RETRY_POLICY, ...options.webhookRetry },
    documentMaxBytes: options.documentMaxBytes ?? DOCUMENT_MAX_BYTES,
    controlApi: options.controlApi ?? false,
  };
  const ownPool = new pg.Pool({ ...options.pool.options, max: options.connections ?? 1 });
  const onConnectionError = (error: Error) => logger.error(errorDetails(error), 'sandbox database connection failed');
  ownPool.on('error', onConnectionError);
  // A connection lost while checked out emits an error the pool does not listen to; unheard, it would end the process.
  ownPool.on('connect', (client) => client.on('error', onConnectionError));
  const db = createSandboxDb(ownPool);
  const clock = createClock({ timeScale: options.timeScale ?? 1 });
  const pollIntervalMs = options.pollIntervalMs ?? 250;

  let started = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let tickRunning: Promise<void> | null = null;
  let tickAgain = false;
  let lastClockSave = 0;

  const ctx: SandboxContext = {
    db,
    clock,
    logger,
    config,
    wake() {
      if (started) setImmediate(tick);
    },
  };

  const jobs = createJobRunner({ db, clock, logger, handlers: scenarioJobHandlers(ctx) });
  const dispatcher = createWebhookDispatcher({
    db,
    clock,
    logger,
    policy: config.webhookPolicy,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  async function saveClock() {
    lastClockSave = Date.now();
    await db
      .insert(clockState)
      .values({ id: CLOCK_ROW_ID, offsetMs: clock.offsetMs(), updatedAt: clock.now() })
      .onConflictDoUpdate({ target: clockState.id, set: { offsetMs: clock.offsetMs(), updatedAt: clock.now() } });
  }

  function tick() {
    if (!started) return;
    if (tickRunning) {
      tickAgain = true;
      return;
    }
    tickRunning = (async () => {
      try {
        do {
          tickAgain = false;
          await jobs.runDue();
          dispatcher.kick();
          if (Date.now() - lastClockSave >= CLOCK_SAVE_INTERVAL_MS) await saveClock();
        } while (tickAgain && started);
      } catch (error) {
        logger.error(errorDetails(error), 'sandbox loop failed');
      } finally {
        tickRunning = null;
      }
    })();
  }

  async function runDue() {
    // The loop may hold due jobs or deliveries at this moment (claimed, so skipped below): what it
    // is running and sending is waited for too, or a caller would look before it happened.
    if (tickRunning) await tickRunning;
    const jobsRun = await jobs.runDue();
    const deliveriesSent = await dispatcher.dispatchDue();
    await dispatcher.drain();
    return { jobsRun, deliveriesSent };
  }

  const tokens = createTokenIssuer(config.clientSecret);
  const router = express.Router();
  router.use(oauthRouter(config, tokens));
  router.use('/v1', requireBearer(tokens), v1Router(ctx));
  router.use('/idnow', idnowPageRouter(ctx));
  if (config.controlApi) router.use('/_control', controlRouter(ctx, { runDue, saveClock }));
  router.use(notFoundHandler);
  router.use(errorHandler(logger));

  return {
    router,
    clock,
    context: ctx,
    runDue,
    runScenarioAt: (identificationId, start) => runScenarioAt(ctx, db, identificationId, start),
    async start() {
      if (started) return;
      if (stopped) throw new Error('a stopped sandbox cannot start again: create a new one');
      await migrateSandbox(db);
      const [saved] = await db.select().from(clockState).where(eq(clockState.id, CLOCK_ROW_ID)).limit(1);
      // Sandbox time never runs backwards across a restart: it goes on from the saved offset.
      if (saved && saved.offsetMs > clock.offsetMs()) clock.set(new Date(Date.now() + saved.offsetMs));
      await saveClock();
      started = true;
      timer = setInterval(tick, pollIntervalMs);
      timer.unref();
      tick();
      logger.info({ timeScale: clock.timeScale, controlApi: config.controlApi }, 'sandbox started');
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!started) {
        await ownPool.end();
        return;
      }
      started = false;
      if (timer) clearInterval(timer);
      timer = null;
      if (tickRunning) await tickRunning;
      await dispatcher.drain();
      await saveClock().catch((error: unknown) => logger.warn(errorDetails(error), 'saving the sandbox clock failed'));
      await ownPool.end();
      logger.info({}, 'sandbox stopped');
    },
  };
}
