import { getSystemOverview } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../env.ts';
import { testConfig } from '../testing/harness.ts';
import { runSeed } from './seed.ts';

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
    const overview = await getSystemOverview(database.db);
    // Identdesk learns of a person with its first identification (or from reconciliation).
    expect(overview.persons).toBeGreaterThan(0);
    expect(overview.persons).toBeLessThanOrEqual(12);
    expect(overview.identifications).toBe(result.identifications);
    expect(overview.identificationsByStatus.created + overview.identificationsByStatus.pending).toBeLessThan(
      overview.identifications,
    );
  }, 120_000);

  it('refuses a person count that is not a positive whole number, naming the option', async () => {
    await expect(runSeed({ argv: ['--persons', '0'], config: testConfig(), database })).rejects.toThrow(ConfigError);
    await expect(runSeed({ argv: ['--persons', 'many'], config: testConfig(), database })).rejects.toThrow(/--persons/);
  });
});
