import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identificationWebhookBodySchema, parseWebhookJson } from '@identdesk/solaris';
import { DAY } from '../core/clock.ts';
import { startTestSandbox, type TestSandbox } from '../testing/harness.ts';
import { startWebhookReceiver } from '../testing/webhook-receiver.ts';
import { countSandboxPersons, generateDemoTraffic } from './demo-traffic.ts';

let harness: TestSandbox;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let result: { persons: number; identifications: number };
const progress: number[] = [];
const realStart = Date.now();
let steps = 0;

beforeAll(async () => {
  harness = await startTestSandbox();
  receiver = await startWebhookReceiver();
  await harness.client.createWebhookSubscription({ event_type: 'IDENTIFICATION', url: receiver.url });
  expect(await countSandboxPersons(harness.sandbox)).toBe(0);
  result = await generateDemoTraffic({
    sandbox: harness.sandbox,
    persons: 60,
    days: 20,
    afterStep: async () => {
      steps += 1;
    },
    onProgress: ({ done }) => progress.push(done),
  });
}, 240_000);

afterAll(async () => {
  await receiver.close();
  await harness.close();
});

describe('generateDemoTraffic', () => {
  it('signs up the requested number of persons, reporting progress', async () => {
    expect(result.persons).toBe(60);
    expect(await countSandboxPersons(harness.sandbox)).toBe(60);
    expect(progress.at(-1)).toBe(60);
    expect(steps).toBeGreaterThan(10);
  });

  it('spreads sign-ups over the period, backdated', async () => {
    const persons = await harness.client.listPersons({ page: 1, pageSize: 100 });
    expect(persons).toHaveLength(60);
    const identifications = (
      await Promise.all(persons.map((person) => harness.client.listIdentifications(person.id)))
    ).flat();
    expect(identifications.length).toBe(result.identifications);
    const completed = identifications.flatMap((identification) =>
      identification.completed_at ? [Date.parse(identification.completed_at)] : [],
    );
    expect(completed.length).toBeGreaterThan(20);
    // Completions lie in the past 20 days, not all at the moment of generation.
    expect(Math.min(...completed)).toBeLessThan(realStart - 5 * DAY);
    expect(Math.max(...completed)).toBeLessThanOrEqual(Date.now());
  });

  it('produces a realistic mix of outcomes with IDnow attempts', async () => {
    const persons = await harness.client.listPersons({ page: 1, pageSize: 100 });
    const statuses = new Set<string>();
    let attempts = 0;
    for (const person of persons) {
      for (const identification of await harness.client.listIdentifications(person.id)) {
        statuses.add(identification.status);
        attempts += (await harness.client.listIdnowAttempts(person.id, identification.id, { page: 1, pageSize: 50 })).length;
      }
    }
    expect(statuses).toContain('successful');
    expect(statuses.size).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeGreaterThan(result.identifications / 2);
  });

  it('sends the webhooks of the whole history and leaves the clock at the present', async () => {
    const bodies = receiver.deliveries
      .filter((delivery) => delivery.webhook.eventType === 'IDENTIFICATION')
      .map((delivery) => identificationWebhookBodySchema.parse(parseWebhookJson(delivery.rawBody)));
    expect(bodies.some((body) => body.status === 'pending')).toBe(true);
    expect(bodies.some((body) => body.status === 'successful')).toBe(true);
    expect(Math.abs(harness.sandbox.clock.nowMs() - Date.now())).toBeLessThan(60_000);
  });
});
