import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.ts';

/** A store that records its batches and finishes each one when the test says so. */
function heldStore() {
  const batches: number[][] = [];
  const finish: Array<(error?: Error) => void> = [];
  const store = (batch: number[]) => {
    batches.push(batch);
    return new Promise<string[]>((resolve, reject) => {
      finish.push((error) => (error ? reject(error) : resolve(batch.map((item) => `stored ${item}`))));
    });
  };
  return { batches, finish, store };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit of webhook deliveries', () => {
  it('stores a lone delivery at once, without waiting for company', async () => {
    const held = heldStore();
    const intake = createGroupCommit({ store: held.store, maxBatch: 200 });
    const answer = intake.submit(1);
    expect(held.batches).toEqual([[1]]);
    held.finish[0]?.();
    expect(await answer).toBe('stored 1');
  });

  it('stores what arrived during an insert together in the next one, in arrival order, each caller with its own outcome', async () => {
    const held = heldStore();
    const intake = createGroupCommit({ store: held.store, maxBatch: 200 });
    const first = intake.submit(1);
    const later = [2, 3, 4].map((item) => intake.submit(item));
    expect(held.batches).toEqual([[1]]);
    held.finish[0]?.();
    await settle();
    expect(held.batches).toEqual([[1], [2, 3, 4]]);
    held.finish[1]?.();
    expect(await first).toBe('stored 1');
    expect(await Promise.all(later)).toEqual(['stored 2', 'stored 3', 'stored 4']);
  });

  it('keeps batches within the bound', async () => {
    const held = heldStore();
    const intake = createGroupCommit({ store: held.store, maxBatch: 3 });
    const answers = [1, 2, 3, 4, 5, 6, 7].map((item) => intake.submit(item));
    for (let index = 0; index < 4; index++) {
      await settle();
      held.finish[index]?.();
    }
    expect(await Promise.all(answers)).toHaveLength(7);
    expect(held.batches).toEqual([[1], [2, 3, 4], [5, 6, 7]]);
  });

  it('fails every caller of a failed store, and stores the next arrivals as usual', async () => {
    const held = heldStore();
    const intake = createGroupCommit({ store: held.store, maxBatch: 200 });
    const outcomes = [1, 2, 3].map((item) => intake.submit(item).then(String, (error: Error) => error.message));
    held.finish[0]?.(new Error('database gone'));
    await settle();
    held.finish[1]?.(new Error('database gone'));
    expect(held.batches).toEqual([[1], [2, 3]]);
    expect(await Promise.all(outcomes)).toEqual(['database gone', 'database gone', 'database gone']);
    const next = intake.submit(4);
    expect(held.batches.at(-1)).toEqual([4]);
    held.finish[2]?.();
    expect(await next).toBe('stored 4');
  });
});
