import type pg from 'pg';

/**
 * Measures the database's share of a request from inside the process: while a measurement is
 * running, every statement any connection of the pool sends (the session lookup, the query, the
 * audit event's transaction) is timed from the driver call to its answer, and the intervals are
 * merged, so statements running side by side are not counted twice. What the request takes
 * beyond that is HTTP, tRPC, validation and JSON: the stack's own cost.
 */
export interface DatabaseTimeRecorder {
  /** Runs `call` and reports the database time and statement count it caused. */
  measure<T>(call: () => Promise<T>): Promise<{ result: T; databaseMs: number; statements: number }>;
  /** Puts the driver back as it was. */
  uninstall(): void;
}

type QueryFunction = (this: pg.Client, ...args: unknown[]) => unknown;

export function installDatabaseTimeRecorder(pool: pg.Pool): DatabaseTimeRecorder {
  // pg-pool creates its connections from `pool.Client`: patching that class sees every statement,
  // whether it came through pool.query (callback form) or a checked-out client (promise form).
  const clientClass = (pool as unknown as { Client: { prototype: { query: QueryFunction } } }).Client;
  const original = clientClass.prototype.query;
  let intervals: Array<[number, number]> | null = null;
  let statements = 0;

  clientClass.prototype.query = function recordedQuery(this: pg.Client, ...args: unknown[]) {
    const recording = intervals;
    if (!recording) return Reflect.apply(original, this, args);
    statements++;
    const started = performance.now();
    const finished = () => {
      recording.push([started, performance.now()]);
    };
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (...answer: unknown[]) => {
        finished();
        return Reflect.apply(callback, undefined, answer);
      };
      return Reflect.apply(original, this, args);
    }
    const answer = Reflect.apply(original, this, args);
    if (answer instanceof Promise) answer.then(finished, finished);
    return answer;
  };

  return {
    async measure(call) {
      intervals = [];
      statements = 0;
      try {
        const result = await call();
        return { result, databaseMs: mergedLength(intervals), statements };
      } finally {
        intervals = null;
      }
    },
    uninstall() {
      clientClass.prototype.query = original;
    },
  };
}

/** The total length covered by possibly overlapping intervals. */
export function mergedLength(intervals: ReadonlyArray<readonly [number, number]>): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let start = Number.NEGATIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const [from, to] of sorted) {
    if (from > end) {
      if (end > start) total += end - start;
      start = from;
      end = to;
    } else if (to > end) {
      end = to;
    }
  }
  if (end > start) total += end - start;
  return total;
}
