/**
 * Lets the webhook inbox go first. Solaris waits for each delivery's answer and retries what is not
 * acknowledged in time, while processing a stored delivery can wait a moment; on the embedded
 * database both take turns on one backend, so during a burst the worker's re-fetches would
 * otherwise hold up the answers. The inbox marks each delivery it is taking in; the worker,
 * before each delivery it processes, waits until none is (at most `maxWaitMs`, so a burst that
 * never ends still leaves processing a turn).
 */
export interface IntakePriority {
  /** A delivery is being taken in; call the returned function once it is answered. */
  begin(): () => void;
  /** Resolves when no delivery is being taken in, or after `maxWaitMs`. */
  yieldTo(maxWaitMs: number): Promise<void>;
}

export function createIntakePriority(): IntakePriority {
  let taking = 0;
  let quiet: Array<() => void> = [];

  return {
    begin() {
      taking++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        taking--;
        if (taking === 0) {
          const waiting = quiet;
          quiet = [];
          for (const resume of waiting) resume();
        }
      };
    },
    yieldTo(maxWaitMs) {
      if (taking === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          quiet = quiet.filter((entry) => entry !== resume);
          resolve();
        }, maxWaitMs);
        const resume = () => {
          clearTimeout(timer);
          resolve();
        };
        quiet.push(resume);
      });
    },
  };
}
