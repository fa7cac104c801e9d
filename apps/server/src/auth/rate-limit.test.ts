import { describe, expect, it } from 'vitest';
import { createFixedWindowLimiter } from './rate-limit.ts';

const at = (seconds: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, seconds));

describe('fixed-window limiter', () => {
  it('allows the limit per window and starts over when the window ends', () => {
    const limiter = createFixedWindowLimiter({ limit: 2, windowMs: 10_000 });
    expect(limiter.hit('ip', at(0))).toEqual({ allowed: true, count: 1, resetAt: at(10) });
    expect(limiter.hit('ip', at(1)).allowed).toBe(true);
    expect(limiter.hit('ip', at(2))).toEqual({ allowed: false, count: 3, resetAt: at(10) });
    expect(limiter.hit('other', at(2)).allowed).toBe(true);
    expect(limiter.hit('ip', at(10))).toEqual({ allowed: true, count: 1, resetAt: at(20) });
  });

  it('stays within its key budget, dropping ended windows first, then the oldest', () => {
    const limiter = createFixedWindowLimiter({ limit: 5, windowMs: 10_000, maxKeys: 2 });
    limiter.hit('a', at(0));
    limiter.hit('b', at(5));
    limiter.hit('c', at(11));
    expect(limiter.peek('a', at(11))).toBeNull();
    expect(limiter.peek('b', at(11))).toEqual({ count: 1, resetAt: at(15) });
    limiter.hit('d', at(12));
    expect(limiter.peek('b', at(12))).toBeNull();
    expect(limiter.peek('c', at(12))?.count).toBe(1);
  });
});
