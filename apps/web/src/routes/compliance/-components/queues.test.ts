import { describe, expect, it } from 'vitest';
import { queueItemKey, type QueueItem } from './queues.ts';

const PERSON = 'a1b2c3d4e5f60718293a4b5c6d7e8f90cper';
const IDENTIFICATION = 'f0e1d2c3b4a5968778695a4b3c2d1e0fcidt';

/** A queue row as the server sends it: every kind carries every id, null where it has none. */
function item(ids: { submissionId?: string | null; proposalId?: string | null; identificationId?: string | null }): QueueItem {
  return {
    personId: PERSON,
    submissionId: ids.submissionId ?? null,
    identificationId: ids.identificationId ?? null,
    proposal: ids.proposalId ? { id: ids.proposalId } : null,
  } as unknown as QueueItem;
}

describe('queueItemKey', () => {
  it('names the item a row is about, so an open dialog stays with it when rows before it leave the list', () => {
    const proof = item({ submissionId: 'sub-1', identificationId: IDENTIFICATION });
    const change = item({ proposalId: 'proposal-1' });
    const review = item({ identificationId: IDENTIFICATION });
    expect(queueItemKey(proof)).toBe('sub-1');
    expect(queueItemKey(change)).toBe('proposal-1');
    expect(queueItemKey(review)).toBe(IDENTIFICATION);
  });

  it('tells apart two proofs of one customer and identification', () => {
    const first = item({ submissionId: 'sub-1', identificationId: IDENTIFICATION });
    const second = item({ submissionId: 'sub-2', identificationId: IDENTIFICATION });
    expect(queueItemKey(first)).not.toBe(queueItemKey(second));
  });
});
