import { openTestDatabase } from '@identdesk/db/testing';
import { recordWebhookDelivery } from '@identdesk/db';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { createIntakePriority } from './intake-priority.ts';
import { createWebhookWorker } from './worker.ts';

const settled = async (promise: Promise<unknown>, withinMs: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), withinMs))]);

/**
 * How long a wait that must end may take: the 20 ms quiet rule plus timers that run late on a
 * loaded machine, with room to spare. Waits that must not end are checked for 50 ms.
 */
const ENDS_WITHIN_MS = 2_000;

describe('the inbox goes first', () => {
  it('lets the worker on at once while no delivery is being taken in', async () => {
    const priority = createIntakePriority();
    expect(await settled(priority.yieldTo(10_000), ENDS_WITHIN_MS)).toBe(true);
  });

  it('holds the worker until the last delivery being taken in is answered', async () => {
    const priority = createIntakePriority();
    const first = priority.begin();
    const second = priority.begin();
    const waiting = priority.yieldTo(10_000);
    first();
    // Ending the same delivery twice must not count as the other one ending.
    first();
    expect(await settled(waiting, 50)).toBe(false);
    second();
    expect(await settled(waiting, ENDS_WITHIN_MS)).toBe(true);
  });

  it('lets the worker on after the longest wait even when deliveries keep coming', async () => {
    const priority = createIntakePriority();
    priority.begin();
    const started = performance.now();
    await priority.yieldTo(80);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('lets waiting lanes through one at a time while deliveries keep coming, first come first served', async () => {
    const priority = createIntakePriority();
    priority.begin();
    const started = performance.now();
    const passed: Array<{ lane: number; afterMs: number }> = [];
    await Promise.all(
      [0, 1, 2].map((lane) => priority.yieldTo(60).then(() => passed.push({ lane, afterMs: performance.now() - started }))),
    );
    expect(passed.map((entry) => entry.lane)).toEqual([0, 1, 2]);
    // One turn per interval, timed from the previous turn: not all three after the first 60 ms.
    const gaps = passed.slice(1).map((entry, index) => entry.afterMs - (passed[index]?.afterMs ?? 0));
    expect(gaps.every((gap) => gap >= 50)).toBe(true);
  });

  it('lets every waiting lane on at once when the inbox becomes quiet', async () => {
    const priority = createIntakePriority();
    const takingIn = priority.begin();
    const lanes = Promise.all([priority.yieldTo(10_000), priority.yieldTo(10_000), priority.yieldTo(10_000)]);
    expect(await settled(lanes, 50)).toBe(false);
    takingIn();
    expect(await settled(lanes, ENDS_WITHIN_MS)).toBe(true);
  });

  it('lets the lanes on when the quiet check fires a moment before the quiet time has passed by the clock', async () => {
    // Timers run on the event loop's millisecond clock and may fire just before performance.now()
    // says 20 ms have passed. The clock here says 19.5 ms at the first check, then enough.
    const readings = [0, 19.5];
    const priority = createIntakePriority({ now: () => readings.shift() ?? 1_000 });
    const takingIn = priority.begin();
    const lane = priority.yieldTo(10_000);
    takingIn();
    expect(await settled(lane, ENDS_WITHIN_MS)).toBe(true);
    expect(readings).toEqual([]);
  });

  it('keeps a stored delivery unprocessed while the inbox is busy, and processes it once the inbox is quiet', async () => {
    const database = await openTestDatabase();
    try {
      await recordWebhookDelivery(database.db, {
        webhookId: 'wh-inbox-first',
        eventType: 'IDENTIFICATION',
        signatureValid: true,
        headers: {},
        rawBody: '{}',
      });
      const priority = createIntakePriority();
      const processed: string[] = [];
      const worker = createWebhookWorker({
        db: database.db,
        logger: createLogger({ level: 'silent' }),
        now: () => new Date(),
        prepare: async () => async (delivery) => {
          processed.push(delivery.webhookId);
        },
        maxAttempts: 3,
        retryBaseMs: 1_000,
        leaseMs: 60_000,
        beforeEachDelivery: () => priority.yieldTo(10_000),
      });
      const takingIn = priority.begin();
      const drained = worker.drain();
      expect(await settled(drained, 200)).toBe(false);
      expect(processed).toEqual([]);
      takingIn();
      await drained;
      expect(processed).toEqual(['wh-inbox-first']);
    } finally {
      await database.close();
    }
  });
});
