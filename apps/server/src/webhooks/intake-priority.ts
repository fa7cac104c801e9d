/**
 * Lets the webhook inbox go first. Solaris waits for each delivery's answer and retries what is not
 * acknowledged in time, while processing a stored delivery can wait a moment; on the embedded
 * database both take turns on one backend, and a worker's transaction keeps the inbox's inserts
 * waiting until it commits, so during a burst the worker's re-fetches would otherwise hold up the
 * answers. The inbox marks each delivery it is taking in; the worker, before each delivery it
 * processes, waits until none has been for `quietAfterMs` (senders of a burst leave gaps of a
 * millisecond between one answer and their next delivery, which are no pause). While deliveries
 * keep coming, the waiting lanes are let through one at a time, one per `maxWaitMs` between them,
 * first come first served: processing still moves during a burst that never ends, but at most one
 * lane at a time competes with the inbox.
 */
export interface IntakePriority {
  /** A delivery is being taken in; call the returned function once it is answered. */
  begin(): () => void;
  /**
   * Resolves when no delivery is being taken in, or when this waiter's turn comes while they
   * keep coming (one waiter per `maxWaitMs`, in the order they began to wait).
   */
  yieldTo(maxWaitMs: number): Promise<void>;
}

interface Waiter {
  maxWaitMs: number;
  resume: () => void;
}

/** How long the inbox must have had nothing in hand before it counts as quiet. */
export const DEFAULT_QUIET_AFTER_MS = 20;

export interface IntakePriorityOptions {
  /** How long the inbox must have had nothing in hand; DEFAULT_QUIET_AFTER_MS unless given. */
  quietAfterMs?: number;
  /** Milliseconds on a monotonic clock, performance.now() unless given; tests stand in a clock that lags the timers. */
  now?: () => number;
}

export function createIntakePriority(options: IntakePriorityOptions = {}): IntakePriority {
  const quietAfterMs = options.quietAfterMs ?? DEFAULT_QUIET_AFTER_MS;
  const now = options.now ?? (() => performance.now());
  let taking = 0;
  /** When the inbox last had nothing in hand; null while it has. */
  let idleSince: number | null = Number.NEGATIVE_INFINITY;
  let waiting: Waiter[] = [];
  let turn: ReturnType<typeof setTimeout> | null = null;
  let quietCheck: ReturnType<typeof setTimeout> | null = null;
  const isQuiet = () => idleSince !== null && now() - idleSince >= quietAfterMs;

  // The next turn is timed from the previous one (or from the first wait), not from each
  // waiter's own start: lanes that all began to wait at once are let through one per interval.
  const scheduleTurn = () => {
    const head = waiting[0];
    if (turn || !head) return;
    turn = setTimeout(() => {
      turn = null;
      waiting.shift()?.resume();
      scheduleTurn();
    }, head.maxWaitMs);
  };

  // Node's timers run on the event loop's cached millisecond clock, so one may fire a fraction of
  // a millisecond before `quietAfterMs` have passed by performance.now(). A check that comes too
  // early looks again for the rest of the time instead of leaving the lanes waiting for their turn.
  const scheduleQuietCheck = (afterMs: number) => {
    if (quietCheck) clearTimeout(quietCheck);
    quietCheck = setTimeout(() => {
      quietCheck = null;
      if (idleSince === null) return;
      const left = quietAfterMs - (now() - idleSince);
      if (left <= 0) releaseAll();
      else scheduleQuietCheck(Math.ceil(left));
    }, afterMs);
  };

  const releaseAll = () => {
    if (turn) clearTimeout(turn);
    turn = null;
    const released = waiting;
    waiting = [];
    for (const waiter of released) waiter.resume();
  };

  return {
    begin() {
      taking++;
      idleSince = null;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        taking--;
        if (taking > 0) return;
        idleSince = now();
        scheduleQuietCheck(quietAfterMs);
      };
    },
    yieldTo(maxWaitMs) {
      if (isQuiet()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        waiting.push({ maxWaitMs, resume: resolve });
        scheduleTurn();
      });
    },
  };
}
