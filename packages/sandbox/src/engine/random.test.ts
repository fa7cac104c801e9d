import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../core/clock.ts';
import { seededRandom } from '../core/random.ts';
import { startTestSandbox, waitFor, type TestSandbox } from '../testing/harness.ts';
import { postJson, SEED_PERSON_REQUEST, uniqueName } from '../testing/fixtures.ts';
import {
  PERMANENT_ABORT_REASONS,
  planRandom,
  planTestCase,
  RANDOM_OUTCOME_WEIGHTS,
  RETRYABLE_ABORT_REASONS,
  REVIEW_CANCEL_REASONS,
} from './plan.ts';

describe('the random outcome mix', () => {
  const plans = Array.from({ length: 4000 }, (_, index) => planRandom(seededRandom(`mix-${index}`)));

  it('is deterministic for a seed', () => {
    expect(planRandom(seededRandom('same'))).toEqual(planRandom(seededRandom('same')));
  });

  it('mostly succeeds at the first call, with retries, reviews, rare cancellations and abandoned links', () => {
    const share = (outcome: keyof typeof RANDOM_OUTCOME_WEIGHTS) =>
      plans.filter((plan) => plan.outcome === outcome).length / plans.length;
    for (const [outcome, weight] of Object.entries(RANDOM_OUTCOME_WEIGHTS)) {
      expect(Math.abs(share(outcome as keyof typeof RANDOM_OUTCOME_WEIGHTS) - weight / 1000)).toBeLessThan(0.02);
    }
    expect(share('success')).toBeGreaterThan(0.6);
    expect(share('reviewThenCanceledThenSuccess')).toBeLessThan(0.01);
  });

  it('uses reasons from the failure-code table and stays inside the 14-day link', () => {
    for (const { results } of plans) {
      let previous = 0;
      for (const step of results) {
        expect(step.afterMs).toBeGreaterThanOrEqual(previous);
        expect(step.afterMs).toBeLessThan(14 * DAY);
        previous = step.afterMs;
        if (step.result === 'ABORTED') {
          expect([...RETRYABLE_ABORT_REASONS, ...PERMANENT_ABORT_REASONS]).toContain(step.reason);
        } else if (step.result === 'CANCELED') {
          expect(REVIEW_CANCEL_REASONS).toContain(step.reason);
        } else {
          expect(step.reason).toBeNull();
        }
      }
    }
    expect(RETRYABLE_ABORT_REASONS.some((code) => code.startsWith('TECH_'))).toBe(true);
    expect(RETRYABLE_ABORT_REASONS.some((code) => code.startsWith('USER_'))).toBe(true);
    expect(RETRYABLE_ABORT_REASONS).not.toContain('DATA_APPLICATION_DATA');
  });

  it('lays test cases out as the seed says: review after 1-2 minutes, LONGREVIEW after 24 hours', () => {
    const random = seededRandom('cases');
    const review = planTestCase({ prefix: 'X-AUTOTEST', case: 'FRAUDOK' }, random);
    expect(review.map((step) => step.result)).toEqual(['FRAUD_SUSPICION_PENDING', 'SUCCESS']);
    const delay = (review[1]?.afterMs ?? 0) - (review[0]?.afterMs ?? 0);
    expect(delay).toBeGreaterThanOrEqual(MINUTE);
    expect(delay).toBeLessThanOrEqual(2 * MINUTE);
    const long = planTestCase({ prefix: 'X-MANUALTEST', case: 'LONGREVIEW' }, random);
    expect(long.map((step) => step.afterMs)).toEqual([0, DAY]);
  });
});

describe('persons without a test prefix', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ randomSeed: 'random-test' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('run unattended to successful, failed or expired within 14 days, with every attempt stored', async () => {
    const runs: { personId: string; identificationId: string }[] = [];
    for (let index = 0; index < 30; index++) {
      const created = await postJson(t, '/v1/persons', { ...SEED_PERSON_REQUEST, first_name: uniqueName('Erika') });
      const personId = (created.body as { id: string }).id;
      const identification = await t.client.createIdentification(personId, { method: 'idnow' });
      await t.client.requestIdentification(personId, identification.id);
      runs.push({ personId, identificationId: identification.id });
    }
    await t.advance(15 * DAY);
    const statuses: string[] = [];
    for (const run of runs) {
      const identification = await t.client.getIdentification(run.personId, run.identificationId);
      statuses.push(identification.status);
      const attempts = await t.client.listIdnowAttempts(run.personId, run.identificationId, { pageSize: 100 });
      if (identification.status === 'successful') expect(attempts.at(-1)?.result).toMatch(/^SUCCESS/);
      if (identification.status === 'failed') expect(attempts.at(-1)?.result).toBe('FRAUD_SUSPICION_CONFIRMED');
      expect(identification.provider_status_code ?? null).toBe(attempts.at(-1)?.result ?? null);
    }
    for (const status of statuses) expect(['successful', 'failed', 'expired']).toContain(status);
    expect(statuses.filter((status) => status === 'successful').length).toBeGreaterThan(15);
  });

  it('can be backdated: runScenarioAt stamps each step with its planned time', async () => {
    const created = await postJson(t, '/v1/persons', {
      ...SEED_PERSON_REQUEST,
      first_name: 'X-MANUALTEST-FRAUDOK',
      last_name: uniqueName('Demo'),
    });
    const personId = (created.body as { id: string }).id;
    const identification = await t.client.createIdentification(personId, { method: 'idnow' });
    await t.client.requestIdentification(personId, identification.id);
    const start = new Date(t.sandbox.clock.nowMs() - 3 * DAY);
    const plan = await t.sandbox.runScenarioAt(identification.id, start);
    expect(plan.map((step) => step.result)).toEqual(['FRAUD_SUSPICION_PENDING', 'SUCCESS']);
    const done = await waitFor(
      () => t.client.getIdentification(personId, identification.id),
      (current) => current.status === 'successful',
      { what: 'backdated scenario' },
    );
    const expectedCompletion = new Date(start.getTime() + (plan[1]?.afterMs ?? 0));
    expect(Math.abs(Date.parse(done.completed_at ?? '') - expectedCompletion.getTime())).toBeLessThan(1000);
  });
});
