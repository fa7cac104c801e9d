import { IDENTIFICATION_STATUS_MEANINGS, type IdentificationStatus } from '@identdesk/domain';
import {
  Ban,
  CircleCheck,
  CircleDashed,
  CircleX,
  Clock,
  Hourglass,
  CirclePause,
  SearchCheck,
  SearchX,
  type LucideIcon,
} from 'lucide-react';
import { Badge, type BadgeTone } from '../ui/badge.tsx';

/**
 * Tone and icon per status. A `Record` over the domain's statuses, so a new status is a type
 * error here until it has a look of its own.
 */
const STATUS_LOOKS: Record<IdentificationStatus, { tone: BadgeTone; icon: LucideIcon }> = {
  created: { tone: 'neutral', icon: CircleDashed },
  pending: { tone: 'info', icon: Clock },
  pending_successful: { tone: 'review', icon: SearchCheck },
  pending_failed: { tone: 'review', icon: SearchX },
  successful: { tone: 'success', icon: CircleCheck },
  aborted: { tone: 'warning', icon: CirclePause },
  canceled: { tone: 'warning', icon: Ban },
  failed: { tone: 'danger', icon: CircleX },
  expired: { tone: 'neutral', icon: Hourglass },
};

export function IdentificationStatusBadge({ status }: { status: IdentificationStatus }) {
  const meaning = IDENTIFICATION_STATUS_MEANINGS[status];
  const look = STATUS_LOOKS[status];
  return (
    <Badge tone={look.tone} icon={look.icon} title={meaning.description}>
      {meaning.label}
    </Badge>
  );
}
