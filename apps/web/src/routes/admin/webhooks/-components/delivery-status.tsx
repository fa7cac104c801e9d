import { CircleCheck, Inbox, LoaderCircle, OctagonX, RotateCw, ShieldX, type LucideIcon } from 'lucide-react';
import { Badge, type BadgeTone } from '../../../../components/ui/badge.tsx';
import type { RouterOutputs } from '../../../../lib/trpc.ts';

export type DeliveryStatus = RouterOutputs['webhook']['list']['items'][number]['status'];

/**
 * Label, meaning and look of each queue status. A `Record` over the server's statuses, so a new
 * status is a type error here until it is described.
 */
export const DELIVERY_STATUS_LOOKS: Record<
  DeliveryStatus,
  { label: string; description: string; tone: BadgeTone; icon: LucideIcon }
> = {
  received: {
    label: 'Queued',
    description: 'Stored and waiting for the worker.',
    tone: 'info',
    icon: Inbox,
  },
  processing: {
    label: 'Processing',
    description: 'A worker is fetching the resource from Solaris now.',
    tone: 'info',
    icon: LoaderCircle,
  },
  processed: {
    label: 'Processed',
    description: 'Identdesk fetched the resource and stored its state.',
    tone: 'success',
    icon: CircleCheck,
  },
  failed: {
    label: 'Failed, will retry',
    description: 'The last try failed; the worker tries again at the time shown.',
    tone: 'warning',
    icon: RotateCw,
  },
  dead: {
    label: 'Dead letter',
    description: 'Given up on: a permanent error or every attempt failed. Replay it once the cause is fixed.',
    tone: 'danger',
    icon: OctagonX,
  },
  rejected: {
    label: 'Rejected',
    description: 'The signature did not verify; never processed.',
    tone: 'neutral',
    icon: ShieldX,
  },
};

/** In the order a delivery passes through them, the problems last. */
export const DELIVERY_STATUSES = Object.keys(DELIVERY_STATUS_LOOKS) as DeliveryStatus[];

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const look = DELIVERY_STATUS_LOOKS[status];
  return (
    <Badge tone={look.tone} icon={look.icon} title={look.description}>
      {look.label}
    </Badge>
  );
}

/** What the filter shows: the deliveries that need someone (dead and failed), one status, or all. */
export const DELIVERY_FILTERS = ['attention', ...DELIVERY_STATUSES, 'all'] as const;
export type DeliveryFilter = 'attention' | DeliveryStatus | 'all';

export function statusesOf(filter: DeliveryFilter): DeliveryStatus[] | undefined {
  if (filter === 'attention') return ['dead', 'failed'];
  if (filter === 'all') return undefined;
  return [filter];
}

export const REPLAYABLE: readonly DeliveryStatus[] = ['dead', 'failed'];
