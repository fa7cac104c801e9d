import { getSystemOverview } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../env.ts';
import { testConfig } from '../testing/harness.ts';
import { createLogger } from '../logger.ts';
import { runSeed } from './seed.ts';
import { runSync } from './sync.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

describe('pnpm seed', () => {
  it('signs up demo customers whose identifications reach Identdesk through webhooks, reporting progress', async () => {
    const progress: number[] = [];
    const result = await runSeed({
      argv: ['--persons', '12', '--days', '5'],
      config: testConfig(),
      database,
      onProgress: (done) => progress.push(done),
    });
    expect(result.persons).toBe(12);
    expect(progress.at(-1)).toBe(12);
    // Webhooks bring every requested identification, and its person, into Identdesk.
    const afterWebhooks = await getSystemOverview(database.db);
    const requested = afterWebhooks.identifications - afterWebhooks.identificationsByStatus.created;
    expect(requested).toBeGreaterThan(0);
    expect(afterWebhooks.identificationsByStatus.pending).toBeLessThan(requested);
    // Solaris sends no webhook for a person alone or an identification never requested:
    // reconciliation finds those, and then Identdesk knows everything the seed created.
    await runSync({ config: testConfig(), logger: createLogger({ level: 'silent' }), database });
    const afterSync = await getSystemOverview(database.db);
    expect(afterSync.persons).toBe(12);
    expect(afterSync.identifications).toBe(result.identifications);
  }, 120_000);

  it('refuses a person count that is not a positive whole number, naming the option', async () => {
    await expect(runSeed({ argv: ['--persons', '0'], config: testConfig(), database })).rejects.toThrow(ConfigError);
    await expect(runSeed({ argv: ['--persons', 'many'], config: testConfig(), database })).rejects.toThrow(/--persons/);
  });
});
