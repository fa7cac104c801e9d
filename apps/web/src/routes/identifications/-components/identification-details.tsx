import { IDENTIFICATION_LANGUAGE_LABELS, NEVER_SHARE_REFERENCE, PROOF_OF_ADDRESS_TYPE_LABELS } from '@identdesk/domain';
import { CalendarClock, Lock } from 'lucide-react';
import { IdentificationStatusBadge } from '../../../components/identification/identification-status-badge.tsx';
import { DescriptionItem, DescriptionList, NotGiven } from '../../../components/ui/description-list.tsx';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';
import { linkExpiryText, waitingTimeText } from './identification-format.ts';
import type { IdentificationView } from './identification-view.ts';
import { RevealReferenceDialog } from './reveal-reference-dialog.tsx';

function When({ value, missing }: { value: string | null; missing: string }) {
  if (!value) return <NotGiven>{missing}</NotGiven>;
  return (
    <time dateTime={value} title={formatRelative(value)} className="tabular">
      {formatDateTime(value)}
    </time>
  );
}

function languageLabel(language: string | null): string | null {
  if (!language) return null;
  return language in IDENTIFICATION_LANGUAGE_LABELS
    ? IDENTIFICATION_LANGUAGE_LABELS[language as keyof typeof IDENTIFICATION_LANGUAGE_LABELS]
    : language;
}

function proofOfAddressLabel(type: string | null): string | null {
  if (!type) return null;
  return type in PROOF_OF_ADDRESS_TYPE_LABELS ? PROOF_OF_ADDRESS_TYPE_LABELS[type as keyof typeof PROOF_OF_ADDRESS_TYPE_LABELS] : type;
}

/**
 * The facts of the identification. The IDnow reference and link are shown masked to everyone;
 * compliance reveals them, with a reason, in a dialog.
 */
export function IdentificationDetails({ identification, mayReveal }: { identification: IdentificationView['identification']; mayReveal: boolean }) {
  const expiry = linkExpiryText(identification.urlExpiresAt, identification.urlExpired);
  const language = languageLabel(identification.language);
  const proofOfAddress = proofOfAddressLabel(identification.proofOfAddressType);
  return (
    <div className="space-y-4 p-4">
      <DescriptionList columns={1}>
        <DescriptionItem term="Status">
          <IdentificationStatusBadge status={identification.status} />
          <span className="mt-1 block text-xs text-zinc-600">{identification.statusMeaning}</span>
        </DescriptionItem>
        <DescriptionItem term="Link">
          <span className={identification.urlExpired ? 'font-medium text-red-700' : undefined}>
            <CalendarClock aria-hidden="true" className="mr-1 inline size-4 align-[-3px] text-zinc-500" />
            {expiry}
          </span>
          {identification.urlExpiresAt ? (
            <span className="block text-xs text-zinc-500">
              Valid 14 days from the request, until <When value={identification.urlExpiresAt} missing="" />
            </span>
          ) : null}
        </DescriptionItem>
        <DescriptionItem term="Estimated waiting time for an IDnow agent">{waitingTimeText(identification.estimatedWaitingTime)}</DescriptionItem>
        <DescriptionItem term="IDnow reference">
          <span className="flex items-center justify-between gap-2">
            <span className="inline-flex items-center gap-1 font-mono text-sm text-zinc-900">
              <Lock aria-hidden="true" className="size-3.5 text-zinc-500" />
              {identification.referenceMasked ?? <NotGiven>None yet</NotGiven>}
              {identification.referenceMasked ? <span className="sr-only"> (masked)</span> : null}
            </span>
            {mayReveal && identification.hasReference ? <RevealReferenceDialog identificationId={identification.id} /> : null}
          </span>
          <span className="block text-xs text-zinc-500">{NEVER_SHARE_REFERENCE}</span>
        </DescriptionItem>
        <DescriptionItem term="Identification link (IDnow)">
          <span className="font-mono text-xs break-all text-zinc-900">
            {identification.urlMasked ?? <NotGiven>None yet</NotGiven>}
            {identification.urlMasked ? <span className="sr-only"> (masked)</span> : null}
          </span>
        </DescriptionItem>
        <DescriptionItem term="Language of the call">{language ?? <NotGiven>Not given</NotGiven>}</DescriptionItem>
        <DescriptionItem term="Method">
          {identification.method === 'idnow' ? 'IDnow video identification' : (identification.method ?? <NotGiven>Not given</NotGiven>)}
        </DescriptionItem>
        <DescriptionItem term="Created">
          <When value={identification.createdAt} missing="Not known" />
        </DescriptionItem>
        <DescriptionItem term="Requested from IDnow">
          <When value={identification.requestedAt} missing="Not requested yet" />
        </DescriptionItem>
        <DescriptionItem term="Completed">
          <When value={identification.completedAt} missing="Not completed" />
        </DescriptionItem>
        <DescriptionItem term="Proof of address">
          {proofOfAddress ? (
            <>
              {proofOfAddress}
              {identification.proofOfAddressIssuedAt ? (
                <span className="text-zinc-500">, issued {identification.proofOfAddressIssuedAt}</span>
              ) : null}
            </>
          ) : (
            <NotGiven>None given with the identification</NotGiven>
          )}
        </DescriptionItem>
        {identification.failureReason ? (
          <DescriptionItem term="Failure reason (Solaris)">
            <span className="font-mono text-xs">{identification.failureReason}</span>
          </DescriptionItem>
        ) : null}
        {identification.providerStatusCode ? (
          <DescriptionItem term="Provider status code">
            <span className="font-mono text-xs">{identification.providerStatusCode}</span>
          </DescriptionItem>
        ) : null}
        <DescriptionItem term="Identification id">
          <span className="font-mono text-xs break-all">{identification.id}</span>
        </DescriptionItem>
      </DescriptionList>
    </div>
  );
}
