import { personIdSchema } from '@identdesk/domain';
import { useQuery } from '@tanstack/react-query';
import { createFileRoute, Link, notFound } from '@tanstack/react-router';
import { FileQuestionMark } from 'lucide-react';
import { z } from 'zod';
import { useDocumentFile } from '../../../components/documents/document-file.ts';
import { DocumentViewer, documentFileUrls } from '../../../components/documents/document-viewer.tsx';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { buttonClasses } from '../../../components/ui/button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { pageHead } from '../../../lib/page-title.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { FULL_PAGE_VIEWPORT } from '../../documents/-components/full-page-viewport.ts';
import { Breadcrumbs, crumbLinkClass } from '../../identifications/-components/breadcrumbs.tsx';

/** Proof-of-address submissions are Identdesk's own records, named by a UUID. */
const SUBMISSION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const calendarDateFormat = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `2026-09-03` as `03 Sept 2026`: a calendar date, the same in every time zone. */
function formatCalendarDate(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : calendarDateFormat.format(date);
}

const proofSearchSchema = z.object({
  personId: personIdSchema.optional().catch(undefined),
});

export const Route = createFileRoute('/proof-of-address/$submissionId/file')({
  head: pageHead('Proof of address'),
  validateSearch: proofSearchSchema,
  beforeLoad: ({ params }) => {
    if (!SUBMISSION_ID_PATTERN.test(params.submissionId)) throw notFound();
  },
  component: ProofOfAddressFilePage,
  notFoundComponent: ProofOfAddressNotFound,
});

function ProofOfAddressFilePage() {
  const { submissionId } = Route.useParams();
  const { personId } = Route.useSearch();
  const trpc = useTRPC();
  const urls = documentFileUrls.proofOfAddress(submissionId);
  // The same query as the viewer's: one request, and the page learns the file's name from it.
  const file = useDocumentFile(urls.fileUrl);
  // Coming from the customer's page, its answer is still cached: describe the proof from it.
  // Never fetched from here, which would be another audited view of the customer.
  const person = useQuery({ ...trpc.person.get.queryOptions({ id: personId ?? '' }), enabled: false }).data;
  const submission = person?.proofOfAddress.submissions.find((candidate) => candidate.id === submissionId);
  const fileName = file.data?.fileName ?? submission?.fileName ?? null;
  const personName = person ? [person.person.firstName, person.person.lastName].filter(Boolean).join(' ') : '';

  return (
    <>
      <Breadcrumbs>
        {[
          <Link key="search" to="/" className={crumbLinkClass}>
            Search
          </Link>,
          personId ? (
            <Link key="person" to="/persons/$personId" params={{ personId }} className={crumbLinkClass}>
              {personName || 'Customer'}
            </Link>
          ) : null,
          <span key="proof">Proof of address</span>,
        ]}
      </Breadcrumbs>
      <PageHeader
        title={submission ? `Proof of address: ${submission.typeLabel}` : fileName ? `Proof of address: ${fileName}` : 'Proof of address'}
        description={
          submission
            ? `${fileName ?? 'The file'}, issued ${formatCalendarDate(submission.issuedOn)}, recorded by ${submission.recordedBy.name}. Opening and downloading it are recorded in the audit trail.`
            : 'The file an agent recorded as the customer’s proof of address. Opening and downloading it are recorded in the audit trail.'
        }
      />
      <DocumentViewer
        fileUrl={urls.fileUrl}
        downloadUrl={urls.downloadUrl}
        fileName={fileName ?? undefined}
        description="Proof of address"
        viewportClassName={FULL_PAGE_VIEWPORT}
      />
    </>
  );
}

function ProofOfAddressNotFound() {
  return (
    <>
      <PageHeader title="Proof of address not found" />
      <Panel>
        <EmptyState
          icon={FileQuestionMark}
          title="This is not a proof-of-address address"
          action={
            <Link to="/" className={buttonClasses()}>
              Go to search
            </Link>
          }
        >
          Open a recorded proof of address from the customer’s page, where every submission is listed.
        </EmptyState>
      </Panel>
    </>
  );
}
