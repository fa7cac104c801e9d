import { listActiveWebhookSubscriptions } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../env.ts';
import { createLogger } from '../logger.ts';
import type { RunningServer } from '../server.ts';
import { createDeliverySwitch, freePort, startTestServer, testConfig } from '../testing/harness.ts';
import { statusHistory, storedIdentification } from '../testing/queries.ts';
import { createIdentificationAtSolaris } from '../testing/solaris-fixtures.ts';
import { formatSubscribeResult, runSubscribe } from './subscribe.ts';
import { formatSyncSummary, runSync } from './sync.ts';

let database: TestDatabase;
let server: RunningServer;
const deliveries = createDeliverySwitch();
const logger = createLogger({ level: 'silent' });

beforeAll(async () => {
  database = await openTestDatabase();
  deliveries.state.mode = 'lose';
  server = await startTestServer({ database, sandboxFetch: deliveries.fetch });
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

describe('pnpm solaris:subscribe', () => {
  const live = (env: Record<string, string> = {}) =>
    testConfig({
      SOLARIS_MODE: 'live',
      SOLARIS_API_URL: `${server.localUrl}/sandbox/solaris`,
      SOLARIS_CLIENT_ID: 'identdesk-sandbox',
      SOLARIS_CLIENT_SECRET: 'sandbox-secret',
      PUBLIC_URL: 'https://identdesk.bank.example',
      ...env,
    });

  it('subscribes the public URL in live mode, stores the secrets, and reuses them when run again', async () => {
    const first = await runSubscribe({ config: live(), logger, database });
    // The two the server made for itself point elsewhere and are left alone.
    expect(first).toMatchObject({ created: ['IDENTIFICATION', 'PERSON_CHANGED'], removed: 0, otherUrls: 2 });
    const storedLive = (await listActiveWebhookSubscriptions(database.db)).filter(
      (row) => row.url === 'https://identdesk.bank.example/webhooks/solaris',
    );
    expect(storedLive.map((row) => [row.eventType, Boolean(row.secret)])).toEqual([
      ['IDENTIFICATION', true],
      ['PERSON_CHANGED', true],
    ]);

    const second = await runSubscribe({ config: live(), logger, database });
    expect(second).toMatchObject({ created: [], reused: ['IDENTIFICATION', 'PERSON_CHANGED'], removed: 0 });
    const printed = formatSubscribeResult(second, 'https://identdesk.bank.example/webhooks/solaris');
    expect(printed).toContain('already subscribed');
    for (const row of storedLive) expect(printed).not.toContain(row.secret ?? 'no secret');
  });

  it('leaves subscriptions to other URLs in live mode, and needs PUBLIC_URL', async () => {
    const elsewhere = await runSubscribe({ config: live({ PUBLIC_URL: 'https://other.bank.example' }), logger, database });
    expect(elsewhere).toMatchObject({ created: ['IDENTIFICATION', 'PERSON_CHANGED'], removed: 0, otherUrls: 4 });
    await expect(runSubscribe({ config: live({ PUBLIC_URL: '' }), logger, database })).rejects.toThrow(ConfigError);
    await expect(runSubscribe({ config: live({ PUBLIC_URL: '' }), logger, database })).rejects.toThrow(/PUBLIC_URL/);
  });

  it('has nothing to do in sandbox mode, where the server subscribes itself', async () => {
    expect(await runSubscribe({ config: testConfig(), logger, database })).toBeNull();
    expect(formatSubscribeResult(null, '')).toContain('nothing to do');
  });
});

describe('pnpm sync', () => {
  it('reconciles through the running server’s sandbox and prints counts only', async () => {
    const { personId, identificationId } = await createIdentificationAtSolaris(server.solaris, {
      firstName: 'X-AUTOTEST-HAPPYPATH',
    });
    const summary = await runSync({ config: testConfig({ PORT: String(server.port) }), logger, database });
    expect(summary.persons.created).toBeGreaterThanOrEqual(1);
    expect(await storedIdentification(database.db, identificationId)).toMatchObject({ personId, status: 'pending' });
    const printed = formatSyncSummary(summary);
    expect(printed).toMatch(/persons\s+\d+ seen, \d+ new, \d+ changed/);
    expect(printed).not.toContain(personId);
    expect(printed).not.toContain('Doe');
  });

  it('runs the sandbox itself when no server answers, and repairs without duplicating history', async () => {
    const { identificationId } = await createIdentificationAtSolaris(server.solaris);
    await server.stop();
    const config = testConfig({ PORT: String(await freePort()) });

    const first = await runSync({ config, logger, database });
    expect(first.identifications.created).toBeGreaterThanOrEqual(1);
    expect(await storedIdentification(database.db, identificationId)).toMatchObject({ status: 'pending' });
    const second = await runSync({ config, logger, database });
    expect(second.persons).toMatchObject({ created: 0, changed: 0 });
    expect(second.identifications).toMatchObject({ created: 0, changed: 0 });
    expect(await statusHistory(database.db, identificationId)).toHaveLength(1);
  });
});
