// `pnpm bench:webhooks`: how fast Identdesk takes in a burst of Solaris webhooks and works it
// off (issue #9: 1,000 deliveries accepted per second, 250 fully processed per second). The
// server runs as `pnpm start` runs it, on a fresh embedded database with the built-in sandbox;
// each delivery is signed like Solaris signs it and processing re-fetches the identification
// from the sandbox over HTTP, as it does from Solaris.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SEED_CREATE_PERSON_REQUEST } from '@identdesk/domain/testing';
import { createLogger } from '@identdesk/server/logger';
import { startServer } from '@identdesk/server/server';
import { signWebhookBody } from '@identdesk/solaris';
import { throwawayServerConfig, wholeNumber } from './bench-support.ts';
import { installDatabaseTimeRecorder } from './database-time.ts';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const TARGET_ACCEPTED_PER_SECOND = 1_000;
const TARGET_PROCESSED_PER_SECOND = 250;
const SECRET = 'bench-webhook-secret';

const { values } = parseArgs({
  options: {
    deliveries: { type: 'string', default: '5000' },
    identifications: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '32' },
  },
});
const deliveryCount = wholeNumber('--deliveries', values.deliveries, 100);
const identificationCount = wholeNumber('--identifications', values.identifications, 1);
const concurrency = wholeNumber('--concurrency', values.concurrency, 1);

// Deliveries are signed with a secret configured per event type, as some deployments do.
const { config, remove } = throwawayServerConfig('webhooks', { SOLARIS_WEBHOOK_SECRET_IDENTIFICATION: SECRET });
const server = await startServer({
  config,
  logger: createLogger({ level: 'silent' }),
  // The sandbox's own webhooks are answered and dropped: the burst below is the only load.
  sandbox: { fetch: async () => new Response(null, { status: 200 }) },
});
// Every statement sent to the database from this process: Identdesk's pool and the sandbox's share
// one driver, whose connections the recorder counts.
const databaseWork = installDatabaseTimeRecorder(server.database.pool);

// Re-fetches: each asks Solaris for the identification (with documents) once.
const refetches = { count: 0 };
const getIdentification = server.solaris.getIdentification.bind(server.solaris);
server.solaris.getIdentification = (...args) => {
  refetches.count++;
  return getIdentification(...args);
};

try {
  console.info(`Identdesk webhook bench on ${server.database.kind}: ${deliveryCount.toLocaleString('en')} deliveries about ${identificationCount} identifications, ${concurrency} at a time`);
  const identifications = await createIdentifications(identificationCount);
  // Let the worker finish what creating the customers queued before the clock starts.
  await server.worker.drain();
  const probe = await probeOneDelivery(identifications[0] as Identification);
  console.info(`  one delivery alone: ${probe.firstSeen} statements when the customer is new to Identdesk, ${probe.repeated} when it is known (a re-fetch that finds nothing new)`);
  const before = await countDeliveries();
  const refetchesBefore = refetches.count;

  const acceptStarted = performance.now();
  const statuses = new Map<number, number>();
  let acceptSeconds = 0;
  let atAcceptEnd = before;
  const burst = await databaseWork.measure(async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let index = next++; index < deliveryCount; index = next++) {
          const status = await deliver(identifications[index % identifications.length] as Identification);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    acceptSeconds = (performance.now() - acceptStarted) / 1000;
    // What the worker does alone once the burst is in: accepting shares the one embedded backend with it.
    atAcceptEnd = await countDeliveries();
    await server.worker.drain();
  });
  const processSeconds = (performance.now() - acceptStarted) / 1000;
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
  console.info(`  processed: ${processedPerSecond.toFixed(0).padStart(6)} per second (${processed} in ${processSeconds.toFixed(2)} s, from the first delivery to an empty queue)   target ≥ ${TARGET_PROCESSED_PER_SECOND}  ${processedPerSecond >= TARGET_PROCESSED_PER_SECOND ? '✓' : '✗'}`);
  console.info(`  after the last delivery was accepted: ${(tailProcessed / tailSeconds).toFixed(0)} processed per second (${tailProcessed} in ${tailSeconds.toFixed(2)} s)`);
  console.info(`  re-fetches: ${(refetchCount / processSeconds).toFixed(0).padStart(5)} per second (${refetchCount} for ${processed} deliveries)`);
  console.info(`  statements: ${statementsPerDelivery.toFixed(1).padStart(5)} per delivery, accepting included (Identdesk's and the sandbox's)`);
  console.info(`  not processed: ${after.pending} pending, ${after.dead} dead`);

  fs.mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(BENCH_DIR, 'results', 'webhooks-latest.json'),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        database: server.database.kind,
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
  remove();
}

interface Identification {
  personId: string;
  identificationId: string;
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
async function deliver(target: Identification): Promise<number> {
  const body = JSON.stringify({ id: target.identificationId, reference: null, url: null, status: 'pending', completed_at: null, method: 'idnow' });
  const response = await fetch(`${server.localUrl}/webhooks/solaris`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'solaris-webhook-id': randomUUID(),
      'solaris-webhook-event-type': 'IDENTIFICATION',
      'solaris-webhook-attempt': '1',
      'solaris-entity-id': target.personId,
      'solaris-webhook-signature': signWebhookBody(SECRET, body),
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Statements for one delivery posted and worked off alone, about a customer Identdesk has not
 * seen (the sandbox's own webhooks were dropped) and then about the same one again.
 */
async function probeOneDelivery(target: Identification): Promise<{ firstSeen: number; repeated: number }> {
  const counted = async () => {
    const { statements } = await databaseWork.measure(async () => {
      await deliver(target);
      await server.worker.drain();
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
