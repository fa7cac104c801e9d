import {
  FAILED_IDENTIFICATION_CUSTOMER_MESSAGE,
  FAILURE_CATEGORY_LABELS,
  IDNOW_RESULT_MEANINGS,
  type FailureCategory,
  type IdentificationStatus,
  type IdnowResult,
} from '@identdesk/domain';
import { CircleCheck, CircleX, Clock, OctagonAlert, PhoneOff, Video } from 'lucide-react';
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../components/ui/table.tsx';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';
import { CopyButton } from './copy-button.tsx';
import type { IdentificationAttempt, IdentificationView } from './identification-view.ts';

const RESULT_LOOKS: Record<IdnowResult, { tone: BadgeTone; icon: typeof CircleCheck }> = {
  SUCCESS: { tone: 'success', icon: CircleCheck },
  SUCCESS_DATA_CHANGED: { tone: 'success', icon: CircleCheck },
  REVIEW_PENDING: { tone: 'review', icon: Clock },
  FRAUD_SUSPICION_PENDING: { tone: 'danger', icon: OctagonAlert },
  FRAUD_SUSPICION_CONFIRMED: { tone: 'danger', icon: OctagonAlert },
  ABORTED: { tone: 'warning', icon: PhoneOff },
  CANCELED: { tone: 'warning', icon: CircleX },
};

function isIdnowResult(value: string): value is IdnowResult {
  return value in IDNOW_RESULT_MEANINGS;
}

function ResultBadge({ result }: { result: string | null }) {
  if (result === null) return <Badge icon={Video}>Result not given</Badge>;
  if (!isIdnowResult(result)) return <Badge icon={Video}>{result}</Badge>;
  const look = RESULT_LOOKS[result];
  return (
    <Badge tone={look.tone} icon={look.icon}>
      {IDNOW_RESULT_MEANINGS[result].label}
    </Badge>
  );
}

function categoryLabel(category: string | null): string {
  if (category === null) return 'Not in IDnow’s table';
  return category in FAILURE_CATEGORY_LABELS ? FAILURE_CATEGORY_LABELS[category as FailureCategory] : category;
}

function causedByCustomerText(value: string | boolean | null): string {
  if (value === true || value === 'yes') return 'Yes';
  if (value === false || value === 'no') return 'No';
  return 'IDnow does not say';
}

/** Every IDnow video call of the identification, newest first, with its failure code decoded. */
export function AttemptList({ view }: { view: IdentificationView }) {
  if (view.attempts.length === 0) {
    return (
      <EmptyState icon={Video} title="No video call yet">
        IDnow reports each call here as it ends. If the customer says they finished a call, wait a minute and reload; if
        it stays empty, check that the link has not expired.
      </EmptyState>
    );
  }
  return (
    <ol className="divide-y divide-zinc-100">
      {view.attempts.map((attempt, index) => (
        <AttemptItem
          key={attempt.id}
          attempt={attempt}
          number={view.attempts.length - index}
          status={view.identification.status}
          mayDisclose={view.guidance.mayDiscloseOutcome}
          tellInstead={view.guidance.tellCustomer ?? FAILED_IDENTIFICATION_CUSTOMER_MESSAGE}
        />
      ))}
    </ol>
  );
}

function AttemptItem({
  attempt,
  number,
  status,
  mayDisclose,
  tellInstead,
}: {
  attempt: IdentificationAttempt;
  number: number;
  status: IdentificationStatus;
  mayDisclose: boolean;
  tellInstead: string;
}) {
  const headingId = `attempt-${attempt.id}`;
  return (
    <li className="px-4 py-3">
      <article aria-labelledby={headingId}>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h3 id={headingId} className="text-sm font-semibold text-zinc-900">
            Call {number}
          </h3>
          <ResultBadge result={attempt.result} />
          {attempt.attemptedAt ? (
            <time dateTime={attempt.attemptedAt} className="text-xs text-zinc-500 tabular" title={formatRelative(attempt.attemptedAt)}>
              {formatDateTime(attempt.attemptedAt)}
            </time>
          ) : (
            <span className="text-xs text-zinc-500">Time not given by IDnow</span>
          )}
        </div>
        {attempt.resultMeaning ? <p className="mt-1 text-sm text-zinc-700">{attempt.resultMeaning}</p> : null}

        {attempt.failure ? (
          <FailureDetails failure={attempt.failure} status={status} mayDisclose={mayDisclose} tellInstead={tellInstead} />
        ) : null}

        {attempt.dataChanges.length > 0 ? (
          <div className="mt-3">
            <h4 className="text-xs font-medium text-zinc-600">Data the IDnow agent changed during the call</h4>
            <div className="mt-1 overflow-hidden rounded-md ring-1 ring-zinc-200">
              <Table caption={`Data changed in call ${number}`}>
                <TableHead>
                  <tr>
                    <TableHeaderCell>Field</TableHeaderCell>
                    <TableHeaderCell>In the application</TableHeaderCell>
                    <TableHeaderCell>Corrected by IDnow</TableHeaderCell>
                  </tr>
                </TableHead>
                <TableBody>
                  {attempt.dataChanges.map((change) => (
                    <TableRow key={change.field}>
                      <TableCell className="font-medium">{change.label}</TableCell>
                      <TableCell>{change.from ?? <span className="text-zinc-500">Not given</span>}</TableCell>
                      <TableCell>{change.to ?? <span className="text-zinc-500">Removed</span>}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </div>
        ) : null}
      </article>
    </li>
  );
}

function FailureDetails({
  failure,
  status,
  mayDisclose,
  tellInstead,
}: {
  failure: NonNullable<IdentificationAttempt['failure']>;
  status: IdentificationStatus;
  mayDisclose: boolean;
  tellInstead: string;
}) {
  // The seed: a failed identification gets no reason, whatever the code says. The code's own
  // customer text is then replaced by what may be said.
  const customerText = mayDisclose && status !== 'failed' ? failure.tellCustomer : tellInstead;
  return (
    <div className="mt-2 rounded-md bg-zinc-50 p-3 ring-1 ring-zinc-200 ring-inset">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-4">
        <div>
          <dt className="text-xs text-zinc-500">Failure code</dt>
          <dd className="font-mono text-xs font-medium text-zinc-900">{failure.code}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-500">Category</dt>
          <dd className="text-sm text-zinc-900">{categoryLabel(failure.category)}</dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-500">Permanent?</dt>
          <dd className="text-sm text-zinc-900">
            {failure.permanent === null ? 'IDnow does not say' : failure.permanent ? 'Permanent: retrying the same way fails again' : 'Temporary: a new call can succeed'}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-500">Caused by the customer?</dt>
          <dd className="text-sm text-zinc-900">{causedByCustomerText(failure.causedByCustomer)}</dd>
        </div>
        <div className="col-span-full">
          <dt className="text-xs text-zinc-500">What IDnow means by it</dt>
          <dd className="text-sm text-zinc-900">{failure.description}</dd>
        </div>
        <div className="col-span-full">
          <dt className="text-xs text-zinc-500">Will another call help?</dt>
          <dd className="text-sm text-zinc-900">{failure.newAttemptReason}</dd>
        </div>
      </dl>
      <div className="mt-3 border-t border-zinc-200 pt-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h4 className="text-xs font-medium text-zinc-600">
            {customerText === failure.tellCustomer ? 'What to tell the customer' : 'What to tell the customer (no reason may be given)'}
          </h4>
          <CopyButton text={customerText} what={`the customer text for ${failure.code}`} />
        </div>
        <p className="mt-1 text-sm text-zinc-900">{customerText}</p>
      </div>
    </div>
  );
}
