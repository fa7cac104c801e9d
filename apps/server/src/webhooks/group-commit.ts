/**
 * Stores items that arrive while a store is in flight together in the next one: one statement
 * and one commit for many callers, each of whom still waits for its own outcome. A lone item is
 * stored at once (nothing waits on a timer); under load, batches grow to `maxBatch`. One store
 * runs at a time, so items are stored in the order they were submitted.
 */
export interface GroupCommit<TItem, TOutcome> {
  submit(item: TItem): Promise<TOutcome>;
}

export interface GroupCommitOptions<TItem, TOutcome> {
  /** Stores a batch; returns one outcome per item, in the batch's order. A throw fails every item of the batch. */
  store: (batch: TItem[]) => Promise<TOutcome[]>;
  maxBatch: number;
}

interface Waiting<TItem, TOutcome> {
  item: TItem;
  resolve: (outcome: TOutcome) => void;
  reject: (error: unknown) => void;
}

export function createGroupCommit<TItem, TOutcome>(options: GroupCommitOptions<TItem, TOutcome>): GroupCommit<TItem, TOutcome> {
  const waiting: Waiting<TItem, TOutcome>[] = [];
  let storing = false;

  async function storeWhileWaiting() {
    storing = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting.splice(0, options.maxBatch);
        try {
          const outcomes = await options.store(batch.map((entry) => entry.item));
          if (outcomes.length !== batch.length) throw new Error(`a batch of ${batch.length} got ${outcomes.length} outcomes`);
          batch.forEach((entry, index) => entry.resolve(outcomes[index] as TOutcome));
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      storing = false;
    }
  }

  return {
    submit(item) {
      return new Promise<TOutcome>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (!storing) void storeWhileWaiting();
      });
    },
  };
}
