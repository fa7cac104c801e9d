/**
 * Solaris sends a subscription's first (WEBHOOK-SUBSCRIPTION) delivery as soon as it creates
 * the subscription, which can be before Identdesk has stored the secret from the answer. While
 * a subscription is being created, the inbox waits for it before it calls a signature wrong.
 */
export interface SubscriptionGate {
  /** Runs `create` and holds the gate until it settles. */
  around<T>(create: () => Promise<T>): Promise<T>;
  /** True when a subscription is being created. */
  busy(): boolean;
  /** Resolves once no subscription is being created, or after `timeoutMs`. */
  settled(timeoutMs: number): Promise<void>;
}

export function createSubscriptionGate(): SubscriptionGate {
  const inFlight = new Set<Promise<unknown>>();
  return {
    async around(create) {
      const promise = create();
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
  };
}
