// `pnpm bench:webhooks`: how fast Identdesk takes in a burst of Solaris webhooks and works it
// off (issue #9: 1,000 deliveries accepted per second, 250 fully processed per second). The
// server runs as `pnpm start` runs it, on a fresh embedded database; each delivery is signed like
// Solaris signs it and processing re-fetches the identification over HTTP.
//
// Where Solaris runs (--solaris):
// - `separate` (default): the sandbox in a process of its own with its own embedded database,
//   Identdesk talking to it in live mode, as a deployment talks to Solaris. Identdesk's database
//   does only Identdesk's work.
// - `embedded`: the sandbox mounted in Identdesk's server on Identdesk's embedded database, as
//   `pnpm start` runs it for a demo; Solaris' answers then take turns with Identdesk's statements
//   on the one embedded backend.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SEED_CREATE_PERSON_REQUEST } from '@identdesk/domain/testing';
import { SANDBOX_DEFAULT_CLIENT_ID, SANDBOX_DEFAULT_CLIENT_SECRET, SANDBOX_MOUNT_PATH as SANDBOX_BASE_PATH } from '@identdesk/server/env';
import { createLogger } from '@identdesk/server/logger';
import { startServer } from '@identdesk/server/server';
import { identificationBody, signedDelivery } from '@identdesk/server/testing/solaris-fixtures';
import { throwawayServerConfig, wholeNumber } from './bench-support.ts';
import { installDatabaseTimeRecorder } from './database-time.ts';
import { sendFromOtherThread, type SignedDelivery } from './webhook-senders.ts';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const TARGET_ACCEPTED_PER_SECOND = 1_000;
const TARGET_PROCESSED_PER_SECOND = 250;
const SECRET = 'bench-webhook-secret';

const { values } = parseArgs({
  options: {
    deliveries: { type: 'string', default: '5000' },
    identifications: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '32' },
    solaris: { type: 'string', default: 'separate' },
  },
});
if (values.solaris !== 'separate' && values.solaris !== 'embedded') throw new Error('--solaris must be separate or embedded');
const solarisWhere = values.solaris;
const deliveryCount = wholeNumber('--deliveries', values.deliveries, 100);
const identificationCount = wholeNumber('--identifications', values.identifications, 1);
const concurrency = wholeNumber('--concurrency', values.concurrency, 1);

const separateSolaris = solarisWhere === 'separate' ? await startSeparateSandbox() : null;
// Deliveries are signed with a secret configured per event type, as some deployments do.
const { config, remove } = await throwawayServerConfig('webhooks', {
  SOLARIS_WEBHOOK_SECRET_IDENTIFICATION: SECRET,
  ...(separateSolaris
    ? {
        SOLARIS_MODE: 'live',
        SOLARIS_API_URL: separateSolaris.apiUrl,
        SOLARIS_CLIENT_ID: SANDBOX_DEFAULT_CLIENT_ID,
        SOLARIS_CLIENT_SECRET: SANDBOX_DEFAULT_CLIENT_SECRET,
      }
    : {}),
});
const server = await startServer({
  config,
  logger: createLogger({ level: 'silent' }),
  // The sandbox's own webhooks are answered and dropped: the burst below is the only load.
  sandbox: { fetch: async () => new Response(null, { status: 200 }) },
});
// Every statement sent to the database from this process: Identdesk's, and with --solaris embedded
// the sandbox's too (they share one driver, whose connections the recorder counts).
const databaseWork = installDatabaseTimeRecorder(server.database.pool);

// Re-fetches: each asks Solaris for the identification (with documents) once.
const refetches = { count: 0 };
const getIdentification = server.solaris.getIdentification.bind(server.solaris);
server.solaris.getIdentification = (...args) => {
  refetches.count++;
  return getIdentification(...args);
};

const inboxUrl = `${server.localUrl}/webhooks/solaris`;

try {
  console.info(`Identdesk webhook bench on ${server.database.kind}: ${deliveryCount.toLocaleString('en')} deliveries about ${identificationCount} identifications, ${concurrency} at a time`);
  console.info(separateSolaris ? '  Solaris: the sandbox in a process of its own, with its own embedded database' : "  Solaris: the sandbox inside Identdesk's server, on Identdesk's embedded database");
  const identifications = await createIdentifications(identificationCount);
  // Let the worker finish what creating the customers queued before the clock starts.
  await server.worker.drain();
  await server.metricSettler.drain();
  const probe = await probeOneDelivery(identifications[0] as Identification);
  console.info(`  one delivery alone: ${probe.firstSeen} statements when the customer is new to Identdesk, ${probe.repeated} when it is known (a re-fetch that finds nothing new)`);
  const before = await countDeliveries();
  const refetchesBefore = refetches.count;

  const deliveries = Array.from({ length: deliveryCount }, (_, index) => signedDeliveryAbout(identifications[index % identifications.length] as Identification));
  const cpuAtStart = cpuSeconds();
  let cpuAtAcceptEnd = cpuAtStart;
  const acceptStarted = performance.now();
  let statuses = new Map<number, number>();
  let acceptSeconds = 0;
  let atAcceptEnd = before;
  const burst = await databaseWork.measure(async () => {
    ({ statuses } = await sendFromOtherThread(inboxUrl, deliveries, concurrency));
    acceptSeconds = (performance.now() - acceptStarted) / 1000;
    cpuAtAcceptEnd = cpuSeconds();
    // What the worker does alone once the burst is in: accepting shares the one embedded backend with it.
    atAcceptEnd = await countDeliveries();
    await server.worker.drain();
    // Fully processed: counted into the team-lead metrics too.
    await server.metricSettler.drain();
  });
  const processSeconds = (performance.now() - acceptStarted) / 1000;
  const cpuAtEnd = cpuSeconds();
  const after = await countDeliveries();
  const processed = after.processed - before.processed;
  const accepted = statuses.get(202) ?? statuses.get(200) ?? 0;

  const acceptedPerSecond = deliveryCount / acceptSeconds;
  const processedPerSecond = processed / processSeconds;
  const refetchCount = refetches.count - refetchesBefore;
  const tailProcessed = after.processed - atAcceptEnd.processed;
  const tailSeconds = processSeconds - acceptSeconds;
  const statementsPerDelivery = burst.statements / deliveryCount;
  console.info(`\n  answers: ${[...statuses].map(([status, count]) => `${count} × ${status}`).join(', ')}`);
  console.info(`  accepted:  ${acceptedPerSecond.toFixed(0).padStart(6)} per second (${acceptSeconds.toFixed(2)} s)   target ≥ ${TARGET_ACCEPTED_PER_SECOND}  ${acceptedPerSecond >= TARGET_ACCEPTED_PER_SECOND ? '✓' : '✗'}`);
  console.info(`  processed: ${processedPerSecond.toFixed(0).padStart(6)} per second (${processed} in ${processSeconds.toFixed(2)} s, from the first delivery to an empty queue, metrics counted)   target ≥ ${TARGET_PROCESSED_PER_SECOND}  ${processedPerSecond >= TARGET_PROCESSED_PER_SECOND ? '✓' : '✗'}`);
  console.info(`  after the last delivery was accepted: ${(tailProcessed / tailSeconds).toFixed(0)} processed per second (${tailProcessed} in ${tailSeconds.toFixed(2)} s)`);
  console.info(`  re-fetches: ${(refetchCount / processSeconds).toFixed(0).padStart(5)} per second (${refetchCount} for ${processed} deliveries)`);
  console.info(`  statements: ${statementsPerDelivery.toFixed(1).padStart(5)} per delivery, accepting included (${separateSolaris ? "Identdesk's" : "Identdesk's and the sandbox's"})`);
  const cpuShare = (from: CpuSeconds, to: CpuSeconds, seconds: number) =>
    `Identdesk ${((to.identdesk - from.identdesk) / seconds).toFixed(2)}` +
    (separateSolaris ? `, Solaris ${((to.solaris - from.solaris) / seconds).toFixed(2)}` : '') +
    ` of ${os.cpus().length} cores`;
  console.info(`  CPU while accepting: ${cpuShare(cpuAtStart, cpuAtAcceptEnd, acceptSeconds)}; after: ${cpuShare(cpuAtAcceptEnd, cpuAtEnd, tailSeconds)}`);
  console.info(`  not processed: ${after.pending} pending, ${after.dead} dead`);

  fs.mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(BENCH_DIR, 'results', 'webhooks-latest.json'),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        database: server.database.kind,
        solaris: solarisWhere,
        cpus: os.cpus().length,
        deliveries: deliveryCount,
        identifications: identificationCount,
        concurrency,
        answers: Object.fromEntries(statuses),
        accepted,
        acceptSeconds,
        acceptedPerSecond,
        processed,
        processSeconds,
        processedPerSecond,
        processedAfterAccepting: tailProcessed,
        secondsAfterAccepting: tailSeconds,
        refetches: refetchCount,
        refetchesPerSecond: refetchCount / processSeconds,
        statementsPerDelivery,
        probeStatements: probe,
        pending: after.pending,
        dead: after.dead,
      },
      null,
      2,
    )}\n`,
  );
  console.info('  written to bench/results/webhooks-latest.json');
  if (acceptedPerSecond < TARGET_ACCEPTED_PER_SECOND || processedPerSecond < TARGET_PROCESSED_PER_SECOND || after.pending + after.dead > 0) {
    process.exitCode = 1;
  }
} finally {
  await server.stop();
  await remove();
  await separateSolaris?.stop();
}

interface Identification {
  personId: string;
  identificationId: string;
}


/**
 * The standalone sandbox (`pnpm --filter @identdesk/sandbox start`) on a free port with a throwaway
 * embedded database. Nobody subscribes to its webhooks, so the burst below is the only load.
 */
async function startSeparateSandbox(): Promise<{ apiUrl: string; cpuSeconds(): number; stop(): Promise<void> }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-bench-solaris-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/standalone.ts'], {
    cwd: path.join(BENCH_DIR, '..', 'packages', 'sandbox'),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 200) {
    if (child.exitCode !== null) throw new Error(`the sandbox exited with ${child.exitCode} before it answered`);
    if (waited > 60_000) throw new Error('the sandbox did not answer within a minute');
    const healthy = await fetch(`${base}/healthz`).then((response) => response.ok, () => false);
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const ticksPerSecond = 100; // USER_HZ on Linux
  return {
    apiUrl: `${base}${SANDBOX_BASE_PATH}`,
    cpuSeconds() {
      // utime and stime, fields 14 and 15 of /proc/<pid>/stat (after the parenthesised command name).
      const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface CpuSeconds {
  identdesk: number;
  solaris: number;
}

/** CPU time used so far by this process (Identdesk, its database thread, the senders) and by the separate sandbox. */
function cpuSeconds(): CpuSeconds {
  const own = process.cpuUsage();
  return { identdesk: (own.user + own.system) / 1e6, solaris: separateSolaris?.cpuSeconds() ?? 0 };
}

async function freePort(): Promise<number> {
  const listener = net.createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as net.AddressInfo;
  await new Promise((resolve) => listener.close(resolve));
  return port;
}

/** Customers with a requested identification at the sandbox, created through the Solaris API. */
async function createIdentifications(count: number): Promise<Identification[]> {
  const created: Identification[] = [];
  for (let index = 0; index < count; index++) {
    const person = await server.solaris.createPerson({ ...SEED_CREATE_PERSON_REQUEST, last_name: `Bench ${lettersOf(index)}` });
    const identification = await server.solaris.createIdentification(person.id, { method: 'idnow', language: 'DE' });
    await server.solaris.requestIdentification(person.id, identification.id);
    created.push({ personId: person.id, identificationId: identification.id });
    if (index % 50 === 49) process.stdout.write(`\r  customers at the sandbox: ${index + 1} / ${count}`);
  }
  process.stdout.write('\n');
  return created;
}

/** Solaris refuses digits in names. */
function lettersOf(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  }
  return letters;
}

/** One IDENTIFICATION delivery as Solaris sends it: its own webhook id, signed over the raw body. */
function signedDeliveryAbout(target: Identification): SignedDelivery {
  return signedDelivery({
    secret: SECRET,
    eventType: 'IDENTIFICATION',
    entityId: target.personId,
    body: identificationBody({ id: target.identificationId, status: 'pending' }),
  });
}

/**
 * Statements for one delivery posted and worked off alone, about a customer Identdesk has not
 * seen (the sandbox's own webhooks were dropped) and then about the same one again.
 */
async function probeOneDelivery(target: Identification): Promise<{ firstSeen: number; repeated: number }> {
  const counted = async () => {
    const { statements } = await databaseWork.measure(async () => {
      await sendFromOtherThread(inboxUrl, [signedDeliveryAbout(target)], 1);
      await server.worker.drain();
      await server.metricSettler.drain();
    });
    return statements;
  };
  return { firstSeen: await counted(), repeated: await counted() };
}

async function countDeliveries(): Promise<{ processed: number; pending: number; dead: number }> {
  const { rows } = await server.database.pool.query<{ processed: string; pending: string; dead: string }>(
    `select count(*) filter (where status = 'processed') as processed,
            count(*) filter (where status in ('received', 'processing', 'failed')) as pending,
            count(*) filter (where status = 'dead') as dead
       from webhook_deliveries where signature_valid`,
  );
  const row = rows[0];
  return { processed: Number(row?.processed ?? 0), pending: Number(row?.pending ?? 0), dead: Number(row?.dead ?? 0) };
}
