import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './worker.ts';

describe('retryDelayMs', () => {
  it('doubles per attempt from the base, half fixed and half jitter', () => {
    expect(retryDelayMs(1, 30_000, 3_600_000, () => 0)).toBe(15_000);
    expect(retryDelayMs(1, 30_000, 3_600_000, () => 0.999_999)).toBeCloseTo(30_000, -1);
    expect(retryDelayMs(3, 30_000, 3_600_000, () => 0)).toBe(60_000);
    expect(retryDelayMs(4, 30_000, 3_600_000, () => 0.5)).toBe(180_000);
  });

  it('never waits longer than the ceiling', () => {
    expect(retryDelayMs(30, 30_000, 3_600_000, () => 0.999_999)).toBeLessThanOrEqual(3_600_000);
    expect(retryDelayMs(30, 30_000, 3_600_000, () => 0)).toBe(1_800_000);
  });
});
