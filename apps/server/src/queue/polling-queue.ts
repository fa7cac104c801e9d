/** A durable database queue worked in the background: start, stop, wake at once, or wait until empty. */
export interface PollingQueue {
  start(): void;
  /** Stops polling and waits for the batch in hand. */
  stop(): Promise<void>;
  /** Looks at the queue now instead of at the next poll. */
  kick(): void;
  /** Works until nothing is due (tests, scripts). */
  drain(): Promise<void>;
}

export interface PollingQueueOptions<T> {
  /** Claims up to `batchSize` due items (FOR UPDATE SKIP LOCKED with a lease). */
  claim: () => Promise<T[]>;
  /** Works one claimed batch; failures of single items are the caller's to record. */
  work: (claimed: T[]) => Promise<void>;
  batchSize: number;
  pollIntervalMs?: number;
  /** The queue itself could not be read: logged, and the next poll tries again. */
  onReadError: (error: unknown) => void;
}

/**
 * One loop at a time per process: a kick while a loop runs makes it look once more when it
 * ends, so an item enqueued during a batch is never left for the next poll.
 */
export function createPollingQueue<T>(options: PollingQueueOptions<T>): PollingQueue {
  let started = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  async function loop() {
    do {
      again = false;
      for (;;) {
        if (stopped) return;
        const claimed = await options.claim();
        if (claimed.length === 0) break;
        await options.work(claimed);
        if (claimed.length < options.batchSize) break;
      }
    } while (again && !stopped);
  }

  function pump(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = loop()
      .catch(options.onReadError)
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      timer = setInterval(() => void pump(), options.pollIntervalMs ?? 5_000);
      timer.unref();
      void pump();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      if (running) await running;
    },
    kick() {
      if (started && !stopped) void pump();
    },
    async drain() {
      if (stopped) return;
      // A loop already running may have claimed its batch before the newest items came in.
      while (running) await pump();
      await pump();
    },
  };
}
