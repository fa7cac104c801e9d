import { PROOF_OF_ADDRESS_STATE_LABELS, type ProofOfAddressState } from '@identdesk/domain';
import { CircleCheck, CircleDashed, CircleHelp, FileClock, FileWarning, type LucideIcon } from 'lucide-react';
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';

/** Tone and icon per state; a `Record` over the domain's states, so a new state needs a look here. */
const STATE_LOOKS: Record<ProofOfAddressState, { tone: BadgeTone; icon: LucideIcon }> = {
  not_needed: { tone: 'neutral', icon: CircleDashed },
  depends_on_document: { tone: 'neutral', icon: CircleHelp },
  outstanding: { tone: 'warning', icon: FileWarning },
  in_review: { tone: 'review', icon: FileClock },
  accepted: { tone: 'success', icon: CircleCheck },
};

/** `withSubject`: "Proof of address: Outstanding", for places without a column or panel that says what it is about. */
export function ProofOfAddressStateBadge({ state, withSubject = false }: { state: ProofOfAddressState; withSubject?: boolean }) {
  const look = STATE_LOOKS[state];
  return (
    <Badge tone={look.tone} icon={look.icon}>
      {withSubject ? `Proof of address: ${PROOF_OF_ADDRESS_STATE_LABELS[state]}` : PROOF_OF_ADDRESS_STATE_LABELS[state]}
    </Badge>
  );
}
