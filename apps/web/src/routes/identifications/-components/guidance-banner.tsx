import { NEVER_SHARE_REFERENCE } from '@identdesk/domain';
import { Check, MessageSquareQuote, ShieldAlert, X, type LucideIcon } from 'lucide-react';
import { useId } from 'react';
import { IdentificationStatusBadge } from '../../../components/identification/identification-status-badge.tsx';
import { cn } from '../../../lib/cn.ts';
import { CopyButton } from './copy-button.tsx';
import type { IdentificationView } from './identification-view.ts';

type Tone = 'go' | 'wait' | 'stop';

/** The banner's accent: green when services may be offered, red when nothing can go on, amber otherwise. */
function toneOf(view: IdentificationView): Tone {
  const { guidance, identification } = view;
  if (guidance.canOfferServices) return 'go';
  if (identification.status === 'failed' || guidance.newIdentificationNeeded) return 'stop';
  return 'wait';
}

const TONE_CLASSES: Record<Tone, string> = {
  go: 'border-l-emerald-500',
  wait: 'border-l-amber-500',
  stop: 'border-l-red-500',
};

/**
 * The top of the identification page: where it stands in plain words, and the four answers an
 * agent needs on the phone (services? same link? new identification? what may be said?).
 */
export function GuidanceBanner({ view }: { view: IdentificationView }) {
  const { identification, guidance } = view;
  const headingId = useId();
  const cautions = guidance.cautions && guidance.cautions.length > 0 ? guidance.cautions : [NEVER_SHARE_REFERENCE];
  return (
    <section
      aria-labelledby={headingId}
      className={cn('rounded-lg border border-l-4 border-zinc-200 bg-white p-4 shadow-xs', TONE_CLASSES[toneOf(view)])}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={headingId} className="text-sm font-semibold text-zinc-900">
          What you can do now
        </h2>
        <IdentificationStatusBadge status={identification.status} />
      </div>
      <p className="mt-2 text-sm font-medium text-pretty text-zinc-900">{guidance.summary}</p>

      <dl className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-4">
        <Answer question="Offer banking services?" yes={guidance.canOfferServices} yesText="Yes" noText="No" />
        <Answer question="Retry with the same link?" yes={guidance.retrySameLink} yesText="Yes" noText="No" />
        <Answer
          question="New identification needed?"
          yes={guidance.newIdentificationNeeded}
          yesText="Yes"
          noText="No"
          // A new identification is a step to take, not a permission: amber, not green.
          yesTone="attention"
        />
        <Answer
          question="Tell the customer why?"
          yes={guidance.mayDiscloseOutcome}
          yesText="Yes, in the words below"
          noText="No: disclose nothing"
        />
      </dl>

      {guidance.tellCustomer ? (
        <div className="mt-3 rounded-md bg-zinc-50 p-3 ring-1 ring-zinc-200 ring-inset">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 className="flex items-center gap-1.5 text-xs font-medium text-zinc-600">
              <MessageSquareQuote aria-hidden="true" className="size-4" />
              What to tell the customer
            </h3>
            <CopyButton text={guidance.tellCustomer} what="what to tell the customer" />
          </div>
          <blockquote className="mt-1.5 text-sm text-zinc-900">{guidance.tellCustomer}</blockquote>
        </div>
      ) : null}

      <ul aria-label="Rules for this identification" className="mt-3 space-y-1">
        {cautions.map((caution) => (
          <li key={caution} className="flex items-start gap-1.5 text-xs text-zinc-700">
            <ShieldAlert aria-hidden="true" className="mt-px size-3.5 shrink-0 text-amber-600" />
            {caution}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Answer({
  question,
  yes,
  yesText,
  noText,
  yesTone = 'positive',
}: {
  question: string;
  yes: boolean;
  yesText: string;
  noText: string;
  yesTone?: 'positive' | 'attention';
}) {
  const Icon: LucideIcon = yes ? Check : X;
  const tone = yes ? (yesTone === 'positive' ? 'text-emerald-700' : 'text-amber-700') : 'text-zinc-600';
  return (
    <div className="rounded-md px-3 py-2 ring-1 ring-zinc-200 ring-inset">
      <dt className="text-xs text-zinc-500">{question}</dt>
      <dd className={cn('mt-0.5 flex items-center gap-1.5 text-sm font-semibold', tone)}>
        <Icon aria-hidden="true" className="size-4 shrink-0" strokeWidth={2.5} />
        {yes ? yesText : noText}
      </dd>
    </div>
  );
}
