import { COMPLIANCE_QUEUES } from '@identdesk/domain';
import type { AppRouter } from '@identdesk/server/router';
import type { inferRouterInputs } from '@trpc/server';
import { z } from 'zod';
import type { RouterOutputs } from '../../../lib/trpc.ts';

type RouterInputs = inferRouterInputs<AppRouter>;

export type QueueSummary = RouterOutputs['compliance']['queueSummary'][number];
export type QueuePage = RouterOutputs['compliance']['queue'];
export type QueueItem = QueuePage['items'][number];
export type WorkQueue = RouterInputs['compliance']['queue']['queue'];

/**
 * What a queue row is about, as the table's row id: a row's open dialog stays with its item when
 * the list reloads and an earlier row has left it (a colleague decided it meanwhile), instead of
 * passing to whichever item now has its position.
 */
export function queueItemKey(item: QueueItem): string {
  return item.submissionId ?? item.proposal?.id ?? item.identificationId ?? item.personId;
}
export type AcknowledgeableQueue = RouterInputs['compliance']['acknowledge']['queue'];

/**
 * The queues in the order the server lists them: proof-of-address decisions and changes to
 * customer data first, then the identification queues of the domain. `satisfies` makes a queue the server adds or drops a type
 * error here.
 */
export const WORK_QUEUES = ['proof_of_address', 'person_changes', ...COMPLIANCE_QUEUES] as const satisfies readonly WorkQueue[];

export function isWorkQueue(value: string): value is WorkQueue {
  return (WORK_QUEUES as readonly string[]).includes(value);
}

export const QUEUE_PAGE_SIZE = 25;

/**
 * `?page=2&submission=…`: the page of the queue and the item under review, a submission in the
 * proof-of-address queue, a proposal in the customer data changes queue.
 */
export const queueSearchSchema = z.object({
  page: z.number().int().min(1).optional().catch(undefined),
  submission: z.uuid().optional().catch(undefined),
  proposal: z.uuid().optional().catch(undefined),
});
export type QueueSearch = z.infer<typeof queueSearchSchema>;

export function queueInput(queue: WorkQueue, search: QueueSearch) {
  return { queue, page: search.page ?? 1, pageSize: QUEUE_PAGE_SIZE };
}
