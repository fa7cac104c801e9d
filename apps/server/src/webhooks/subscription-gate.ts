/**
 * Solaris sends a subscription's first (WEBHOOK-SUBSCRIPTION) delivery as soon as it creates
 * the subscription, which can be before Identdesk has stored the secret from the answer. While
 * a subscription is being created, the inbox waits for it before it calls a signature wrong.
 *
 * The gate is shared by the code that stores subscriptions and the inbox, so it also tells the
 * inbox when this process changed the stored subscriptions: the inbox keeps their secrets in
 * memory and reads them again after a change.
 */
export interface SubscriptionGate {
  /** Runs `create` and holds the gate until it settles; the stored subscriptions count as changed then. */
  around<T>(create: () => Promise<T>): Promise<T>;
  /** True when a subscription is being created. */
  busy(): boolean;
  /** Resolves once no subscription is being created, or after `timeoutMs`. */
  settled(timeoutMs: number): Promise<void>;
  /** Records that this process stored, renewed or cancelled a subscription. */
  changed(): void;
  /** Grows with every change: a secret read at an older generation may be stale. */
  generation(): number;
}

export function createSubscriptionGate(): SubscriptionGate {
  const inFlight = new Set<Promise<unknown>>();
  let generation = 0;
  return {
    async around(create) {
      // The change is counted before waiters in `settled` resume, so their next look reads afresh.
      const promise = create().finally(() => {
        generation++;
      });
      inFlight.add(promise);
      try {
        return await promise;
      } finally {
        inFlight.delete(promise);
      }
    },
    busy: () => inFlight.size > 0,
    async settled(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (inFlight.size > 0 && Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        });
        await Promise.race([Promise.allSettled([...inFlight]), timeout]);
        clearTimeout(timer);
      }
    },
    changed() {
      generation++;
    },
    generation: () => generation,
  };
}
