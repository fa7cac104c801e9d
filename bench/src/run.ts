import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '@identdesk/db';
import { createApp } from '@identdesk/server';
import { createLogger } from '@identdesk/server/logger';
import { ensureSyntheticDataset } from './dataset.ts';
import { time, type Timing } from './stats.ts';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '200' },
  },
});
const personTarget = Number(values.persons);
const runs = Number(values.runs);
if (!Number.isInteger(personTarget) || personTarget < 1) throw new Error('--persons must be a positive whole number');
if (!Number.isInteger(runs) || runs < 10) throw new Error('--runs must be a whole number of at least 10');

const databaseUrl = process.env.DATABASE_URL || undefined;
// The embedded dataset is kept between runs (bench/data is git-ignored): building it is the slow part.
const dataDir = path.join(BENCH_DIR, 'data', `pglite-${personTarget}`);
const database = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir });

function progress(done: number, total: number) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stdout.write(`\r  dataset ▕${'█'.repeat(filled)}${'░'.repeat(width - filled)}▏ ${done.toLocaleString('en')} / ${total.toLocaleString('en')} persons`);
  if (done === total) process.stdout.write('\n');
}

console.info(`Identdesk bench on ${database.kind}${databaseUrl ? '' : ` (${path.relative(process.cwd(), dataDir)})`}`);
const dataset = await ensureSyntheticDataset(database.pool, personTarget, progress);
await database.pool.query('analyze');

const app = createApp({ database, logger: createLogger({ level: 'silent' }) });
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function trpcQuery(procedure: string, input?: unknown) {
  const response = await fetch(`${origin}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input ?? {}),
  });
  if (!response.ok) throw new Error(`${procedure} answered ${response.status}`);
  await response.arrayBuffer();
}

interface Case {
  name: string;
  endpoint: () => Promise<unknown>;
  /** The same work as plain SQL on the same pool: what the endpoint costs on top is the ratio. */
  rawSql: () => Promise<unknown>;
}

const cases: Case[] = [
  {
    name: 'system.overview',
    endpoint: () => trpcQuery('system.overview'),
    rawSql: () =>
      Promise.all([
        database.pool.query('select count(*) from persons'),
        database.pool.query('select status, count(*) from identifications group by status'),
        database.pool.query("select max(received_at) from webhook_deliveries where status <> 'rejected'"),
      ]),
  },
  {
    name: 'readyz',
    endpoint: async () => (await fetch(`${origin}/readyz`)).arrayBuffer(),
    rawSql: () => database.pool.query('select 1'),
  },
];

const results: { name: string; endpoint: Timing; rawSql: Timing; ratio: number }[] = [];
for (const benchCase of cases) {
  const endpoint = await time(runs, 10, benchCase.endpoint);
  const rawSql = await time(runs, 10, benchCase.rawSql);
  results.push({ name: benchCase.name, endpoint, rawSql, ratio: endpoint.p95 / Math.max(rawSql.p95, 0.001) });
}

const ms = (n: number) => n.toFixed(1).padStart(8);
console.info(`\n  ${dataset.persons.toLocaleString('en')} persons, ${dataset.identifications.toLocaleString('en')} identifications, ${runs} runs each\n`);
console.info(`  ${'case'.padEnd(20)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}   ${'sql p95'.padStart(8)}  endpoint/sql`);
for (const result of results) {
  console.info(
    `  ${result.name.padEnd(20)}${ms(result.endpoint.p50)}${ms(result.endpoint.p95)}${ms(result.endpoint.p99)}   ${ms(result.rawSql.p95)}  ${result.ratio.toFixed(2).padStart(10)}`,
  );
}

fs.mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
fs.writeFileSync(
  path.join(BENCH_DIR, 'results', 'latest.json'),
  `${JSON.stringify({ at: new Date().toISOString(), database: database.kind, dataset, runs, results }, null, 2)}\n`,
);
console.info('\n  written to bench/results/latest.json (milliseconds)');

await new Promise((resolve) => server.close(resolve));
await database.close();
