import { FAILURE_CODE_DETAILS, IDENTIFICATION_LANGUAGE_LABELS, IDNOW_RESULT_MEANINGS, type FailureCode, type IdentificationLanguage, type IdnowResult } from '@identdesk/domain';
import { Link, useNavigate } from '@tanstack/react-router';
import { Fingerprint } from 'lucide-react';
import { IdentificationStatusBadge } from '../../../components/identification/identification-status-badge.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell } from '../../../components/ui/table.tsx';
import { formatCount } from '../../../lib/format.ts';
import type { PersonIdentification } from './person-types.ts';
import { InstantValue, Missing } from './person-values.tsx';

function failureDescription(code: string): string {
  return (FAILURE_CODE_DETAILS as Record<string, { description: string } | undefined>)[code]?.description ?? 'A code IDnow did not document.';
}

function resultLabel(result: string): string {
  return (IDNOW_RESULT_MEANINGS as Record<string, { label: string } | undefined>)[result as IdnowResult]?.label ?? result;
}

/**
 * Every identification of the customer, newest first. A row opens the identification (its
 * attempts, failure codes decoded and what to tell the customer); the date is the link, the
 * rest of the row is a larger target for the mouse.
 */
export function IdentificationsPanel({ identifications }: { identifications: PersonIdentification[] }) {
  const navigate = useNavigate();
  return (
    <Panel
      title="Identifications"
      description={
        identifications.length === 0
          ? undefined
          : `${formatCount(identifications.length)} ${identifications.length === 1 ? 'identification' : 'identifications'}, newest first. Open one for its IDnow attempts and what to tell the customer.`
      }
    >
      {identifications.length === 0 ? (
        <EmptyState icon={Fingerprint} title="No identification yet">
          The partner app creates one when the customer starts the video identification; it shows here as soon as
          Solaris reports it.
        </EmptyState>
      ) : (
        <Table caption="Identifications of this customer">
          <TableHead>
            <tr>
              <TableHeaderCell>Created</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>Requested</TableHeaderCell>
              <TableHeaderCell>Completed</TableHeaderCell>
              <TableHeaderCell>Language</TableHeaderCell>
              <TableHeaderCell numeric>Attempts</TableHeaderCell>
              <TableHeaderCell>Latest result</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {identifications.map((identification) => (
              <tr
                key={identification.id}
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest('a')) return;
                  void navigate({ to: '/identifications/$identificationId', params: { identificationId: identification.id } });
                }}
                className="cursor-pointer transition-colors hover:bg-zinc-50"
              >
                <TableCell>
                  <Link
                    to="/identifications/$identificationId"
                    params={{ identificationId: identification.id }}
                    className="font-medium whitespace-nowrap text-accent-700 underline-offset-2 hover:underline"
                  >
                    <InstantValue at={identification.createdAt} />
                  </Link>
                </TableCell>
                <TableCell>
                  <IdentificationStatusBadge status={identification.status} />
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <InstantValue at={identification.requestedAt} missing="Not requested" />
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  <InstantValue at={identification.completedAt} missing="Open" />
                </TableCell>
                <TableCell>
                  {identification.language ? (
                    IDENTIFICATION_LANGUAGE_LABELS[identification.language as IdentificationLanguage] ?? identification.language
                  ) : (
                    <Missing>Not chosen</Missing>
                  )}
                </TableCell>
                <TableCell numeric>{formatCount(identification.attemptCount)}</TableCell>
                <TableCell>
                  {identification.latestAttemptResult ? (
                    <div>
                      <p>{resultLabel(identification.latestAttemptResult)}</p>
                      {identification.latestFailureCode ? (
                        <p className="text-xs text-zinc-500" title={failureDescription(identification.latestFailureCode)}>
                          <span className="font-mono">{identification.latestFailureCode}</span>:{' '}
                          {failureDescription(identification.latestFailureCode as FailureCode)}
                        </p>
                      ) : null}
                    </div>
                  ) : (
                    <Missing>No attempt yet</Missing>
                  )}
                </TableCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
    </Panel>
  );
}
