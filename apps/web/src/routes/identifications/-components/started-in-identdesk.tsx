import { Link } from '@tanstack/react-router';
import { ArrowRightLeft, RefreshCcw } from 'lucide-react';
import { formatDateTime } from '../../../lib/format.ts';
import type { IdentificationView } from './identification-view.ts';

const linkClass = 'text-accent-700 underline-offset-2 hover:underline';

/**
 * Where this identification came from when an agent started it in Identdesk ("Started in
 * Identdesk by …, replaces …"), and which one replaced it. Never the link or the reference: those
 * go to the customer through the partner's app.
 */
export function StartedInIdentdesk({ view }: { view: IdentificationView }) {
  const { startedInIdentdesk: started, replacedBy } = view;
  if (!started && !replacedBy) return null;
  return (
    <div className="space-y-2 border-b border-zinc-200 px-4 py-3 text-sm">
      {started ? (
        <p className="flex gap-2 text-zinc-800">
          <RefreshCcw aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-zinc-500" />
          <span>
            Started in Identdesk by <span className="font-medium">{started.by.name}</span> on{' '}
            <time dateTime={started.at}>{formatDateTime(started.at)}</time> ({started.reason.replace(/[.\s]+$/, '')})
            {started.replacesIdentificationId ? (
              <>
                , replaces{' '}
                <Link
                  to="/identifications/$identificationId"
                  params={{ identificationId: started.replacesIdentificationId }}
                  className={linkClass}
                >
                  the previous identification
                </Link>
              </>
            ) : null}
            .
          </span>
        </p>
      ) : null}
      {replacedBy ? (
        <p className="flex gap-2 text-zinc-800">
          <ArrowRightLeft aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-zinc-500" />
          <span>
            Replaced by{' '}
            <Link to="/identifications/$identificationId" params={{ identificationId: replacedBy.identificationId }} className={linkClass}>
              a new identification
            </Link>{' '}
            that {replacedBy.by.name} started on <time dateTime={replacedBy.at}>{formatDateTime(replacedBy.at)}</time>.
          </span>
        </p>
      ) : null}
    </div>
  );
}
