/**
 * Counts attempts per key in fixed windows, in memory. Enough for one server process; the
 * per-account lockout, which matters more, lives in the database. Bounded: when full, windows
 * that have ended are dropped first, then the oldest.
 */
export interface FixedWindowLimiter {
  /** Counts an attempt; `allowed` is false once the key has used up its window. */
  hit(key: string, now: Date): { allowed: boolean; count: number; resetAt: Date };
  peek(key: string, now: Date): { count: number; resetAt: Date } | null;
  reset(key: string): void;
}

export function createFixedWindowLimiter(options: { limit: number; windowMs: number; maxKeys?: number }): FixedWindowLimiter {
  const maxKeys = options.maxKeys ?? 10_000;
  const windows = new Map<string, { count: number; resetAt: number }>();

  const live = (key: string, now: number) => {
    const window = windows.get(key);
    if (window && window.resetAt > now) return window;
    if (window) windows.delete(key);
    return undefined;
  };

  const makeRoom = (now: number) => {
    if (windows.size < maxKeys) return;
    for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key);
    // Maps iterate in insertion order: the first key is the oldest window.
    while (windows.size >= maxKeys) {
      const oldest = windows.keys().next();
      if (oldest.done) break;
      windows.delete(oldest.value);
    }
  };

  return {
    hit(key, now) {
      const at = now.getTime();
      let window = live(key, at);
      if (!window) {
        makeRoom(at);
        window = { count: 0, resetAt: at + options.windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return { allowed: window.count <= options.limit, count: window.count, resetAt: new Date(window.resetAt) };
    },
    peek(key, now) {
      const window = live(key, now.getTime());
      return window ? { count: window.count, resetAt: new Date(window.resetAt) } : null;
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
