import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../lib/trpc.ts';
import type { QueueSummary, WorkQueue } from './queues.ts';

/** The queue's label, description and count from the summary the tabs already loaded. */
export function useQueueSummary(queue: WorkQueue): QueueSummary | undefined {
  const trpc = useTRPC();
  return useQuery(trpc.compliance.queueSummary.queryOptions()).data?.find((entry) => entry.queue === queue);
}
