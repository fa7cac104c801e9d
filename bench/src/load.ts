// `pnpm bench:load`: many signed-in agents at once against Identdesk on the embedded database
// (issue #9, item 3). The server runs on this thread, exactly as `pnpm start` serves requests;
// the agents run in a worker thread, so their own work cannot hide or cause a stall of the
// server's event loop, which is what this measures next to errors and latency.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ensureStaffUser, insertSession, openDatabase, type DatabaseHandle } from '@identdesk/db';
import { wholeNumber } from './bench-support.ts';
import { summarize } from './stats.ts';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
/** Issue #9: no event-loop stall over 100 ms while 50 agents work for 60 seconds. */
const STALL_LIMIT_MS = 100;

/** What one agent does in a loop: the searches and pages of a support call. */
type Action = 'search.persons' | 'person.get' | 'identification.get';

interface AgentPlan {
  origin: string;
  cookies: string[];
  seconds: number;
  thinkMs: number;
  queries: string[];
}

interface AgentReport {
  timings: Record<Action, number[]>;
  errors: { action: Action; status: number; message: string }[];
}

type WorkerMessage = { type: 'measuring' } | { type: 'report'; report: AgentReport };

if (isMainThread) {
  await main();
} else {
  const report = await runAgents(workerData as AgentPlan, () => parentPort?.postMessage({ type: 'measuring' } satisfies WorkerMessage));
  parentPort?.postMessage({ type: 'report', report } satisfies WorkerMessage);
}

async function main() {
  const { values } = parseArgs({
    options: {
      agents: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '60' },
      persons: { type: 'string', default: '20000' },
      'think-ms': { type: 'string', default: '500' },
    },
  });
  const agents = wholeNumber('--agents', values.agents, 1);
  const seconds = wholeNumber('--seconds', values.seconds, 5);
  const personTarget = wholeNumber('--persons', values.persons, 1000);
  const thinkMs = wholeNumber('--think-ms', values['think-ms'], 0);

  // The bench dataset (built by `pnpm bench --persons N`, reused here) or a fresh one of that size.
  const { DATASET_VERSION, ensureSyntheticDataset } = await import('./dataset.ts');
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = path.join(BENCH_DIR, 'data', `pglite-v${DATASET_VERSION}-${personTarget}`);
  const database = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir });
  console.info(`Identdesk load test on ${database.kind}: ${agents} agents for ${seconds} s, ${thinkMs} ms mean think time`);
  await ensureSyntheticDataset(database, personTarget, (phase, done, total) => {
    process.stdout.write(`\r  building the dataset: ${phase} ${done.toLocaleString('en')} / ${total.toLocaleString('en')}   `);
  });

  const cookies = await signInAgents(database, agents);
  const queries = await sampleQueries(database);
  const { createApp } = await import('@identdesk/server');
  const { createLogger } = await import('@identdesk/server/logger');
  const app = createApp({ database, logger: createLogger({ level: 'silent' }) });
  const server = http.createServer(app);
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Two views of the server's event loop: the histogram of timer delays (percentiles), and the
  // longest single gap between ticks of a 10 ms interval (a stall, however short-lived).
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let longestGapMs = 0;
  let lastTick = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - lastTick - 10);
    lastTick = now;
  }, 10);

  const plan: AgentPlan = { origin, cookies, seconds, thinkMs, queries };
  const report = await new Promise<AgentReport>((resolve, reject) => {
    // Workers do not inherit the TypeScript loader: register tsx inside the worker, then load this file.
    const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: plan });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'report') {
        resolve(message.report);
        return;
      }
      // The first requests load and compile code paths once: they are not what agents live with.
      delay.reset();
      longestGapMs = 0;
      lastTick = performance.now();
    });
    worker.once('error', reject);
  });
  clearInterval(ticker);
  delay.disable();
  await new Promise((resolve) => server.close(resolve));
  await database.close();

  const rows = (Object.keys(report.timings) as Action[]).map((action) => ({
    action,
    ...summarize(report.timings[action]),
    max: Math.max(0, ...report.timings[action]),
  }));
  const requests = rows.reduce((sum, row) => sum + row.runs, 0);
  const loop = {
    p50Ms: delay.percentile(50) / 1e6,
    p99Ms: delay.percentile(99) / 1e6,
    maxMs: delay.max / 1e6,
    longestGapMs,
  };
  const stalled = Math.max(loop.maxMs, loop.longestGapMs) > STALL_LIMIT_MS;

  console.info(`\n\n  ${'request'.padEnd(20)} ${'count'.padStart(7)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}`);
  for (const row of rows) {
    console.info(
      `  ${row.action.padEnd(20)} ${String(row.runs).padStart(7)} ${fmt(row.p50)} ${fmt(row.p95)} ${fmt(row.p99)} ${fmt(row.max)}`,
    );
  }
  console.info(`\n  ${requests.toLocaleString('en')} requests in ${seconds} s (${(requests / seconds).toFixed(0)} per second), ${report.errors.length} errors`);
  console.info(
    `  server event loop: delay p50 ${loop.p50Ms.toFixed(1)} ms, p99 ${loop.p99Ms.toFixed(1)} ms, max ${loop.maxMs.toFixed(1)} ms; longest gap ${loop.longestGapMs.toFixed(1)} ms (limit ${STALL_LIMIT_MS} ms)`,
  );
  for (const error of report.errors.slice(0, 10)) console.error(`  error: ${error.action} answered ${error.status}: ${error.message}`);

  fs.mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(BENCH_DIR, 'results', 'load-latest.json'),
    `${JSON.stringify({ at: new Date().toISOString(), database: database.kind, persons: personTarget, agents, seconds, thinkMs, requests, errors: report.errors.length, rows, eventLoop: loop, stalled }, null, 2)}\n`,
  );
  console.info('  written to bench/results/load-latest.json');
  if (report.errors.length > 0 || stalled) process.exitCode = 1;
}


function fmt(ms: number): string {
  return ms.toFixed(1).padStart(7);
}

/** One staff user and session per agent, written the way sign-in writes them (only the token's hash is stored). */
async function signInAgents(handle: DatabaseHandle, count: number): Promise<string[]> {
  const cookies: string[] = [];
  const now = new Date();
  const expires = new Date(now.getTime() + 12 * 3_600_000);
  for (let index = 1; index <= count; index++) {
    const { user } = await ensureStaffUser(handle.db, {
      email: `load.agent${index}@identdesk.local`,
      displayName: `Load Agent ${index}`,
      role: 'agent',
    });
    const token = randomBytes(32).toString('base64url');
    await insertSession(handle.db, {
      id: createHash('sha256').update(token).digest('hex'),
      userId: user.id,
      createdAt: now,
      expiresAt: expires,
      idleExpiresAt: expires,
      ip: '127.0.0.1',
      userAgent: 'identdesk-load',
    });
    cookies.push(`identdesk_session=${token}`);
  }
  return cookies;
}

/** What agents type: surnames (common and rare), a first and last name, e-mails and birth dates of real rows. */
async function sampleQueries(handle: DatabaseHandle): Promise<string[]> {
  type Row = { first_name: string; last_name: string; email: string | null; birth_date: string | null };
  const columns = `first_name, last_name, email, to_char(birth_date, 'DD.MM.YYYY') as birth_date`;
  // A 1 % sample of pages spreads the picks over a large table; a small one is read as it is.
  let { rows } = await handle.pool.query<Row>(`select ${columns} from persons tablesample system (1) limit 400`);
  if (rows.length < 100) ({ rows } = await handle.pool.query<Row>(`select ${columns} from persons limit 400`));
  const queries = rows.flatMap((row) => [row.last_name, `${row.first_name} ${row.last_name}`, row.email ?? row.last_name, row.birth_date ?? row.last_name]);
  if (queries.length === 0) throw new Error('the dataset has no persons to search for');
  return queries;
}

// ---- the agents (worker thread) ------------------------------------------------------------

async function runAgents(plan: AgentPlan, onMeasuring: () => void): Promise<AgentReport> {
  const report: AgentReport = { timings: { 'search.persons': [], 'person.get': [], 'identification.get': [] }, errors: [] };
  /** When the agents stop: set once the warm-up is over. */
  let endAt = Number.POSITIVE_INFINITY;
  let seed = 1;
  const random = () => {
    // A small deterministic generator: runs are comparable, and agents do not move in lockstep.
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const think = () => new Promise((resolve) => setTimeout(resolve, plan.thinkMs * 2 * random()));

  async function call(cookie: string, action: Action, input: unknown): Promise<unknown> {
    const started = performance.now();
    try {
      const response = await fetch(`${plan.origin}/trpc/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-identdesk-csrf': '1', cookie },
        body: JSON.stringify(input),
      });
      const body = (await response.json()) as { result?: { data: unknown }; error?: { message: string } };
      report.timings[action].push(performance.now() - started);
      if (!response.ok) {
        report.errors.push({ action, status: response.status, message: body.error?.message ?? '' });
        return null;
      }
      return body.result?.data ?? null;
    } catch (error) {
      report.errors.push({ action, status: 0, message: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }

  async function agent(cookie: string) {
    while (performance.now() < endAt) {
      const found = (await call(cookie, 'search.persons', { query: pick(plan.queries), page: 1, pageSize: 25 })) as {
        items: { id: string; latestIdentification: { id: string } | null }[];
      } | null;
      await think();
      const person = found?.items.length ? pick(found.items) : null;
      if (!person || performance.now() >= endAt) continue;
      await call(cookie, 'person.get', { id: person.id });
      await think();
      if (person.latestIdentification && performance.now() < endAt) {
        await call(cookie, 'identification.get', { id: person.latestIdentification.id });
        await think();
      }
    }
  }

  // Warm-up: every agent searches and opens a customer once; those requests count for errors only.
  await Promise.all(
    plan.cookies.map(async (cookie, index) => {
      const found = (await call(cookie, 'search.persons', { query: plan.queries[index % plan.queries.length], page: 1, pageSize: 25 })) as {
        items: { id: string }[];
      } | null;
      const first = found?.items[0];
      if (first) await call(cookie, 'person.get', { id: first.id });
    }),
  );
  for (const timings of Object.values(report.timings)) timings.length = 0;
  onMeasuring();
  endAt = performance.now() + plan.seconds * 1000;
  await Promise.all(plan.cookies.map((cookie) => agent(cookie)));
  return report;
}
