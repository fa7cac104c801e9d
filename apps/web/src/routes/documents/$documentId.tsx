import { DOCUMENT_ID_PATTERN, identificationIdSchema, personIdSchema } from '@identdesk/domain';
import { useQuery } from '@tanstack/react-query';
import { createFileRoute, Link, notFound } from '@tanstack/react-router';
import { FileQuestionMark } from 'lucide-react';
import { z } from 'zod';
import { useDocumentFile } from '../../components/documents/document-file.ts';
import { DocumentViewer, documentFileUrls } from '../../components/documents/document-viewer.tsx';
import { PageHeader } from '../../components/layout/page-header.tsx';
import { buttonClasses } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Panel } from '../../components/ui/panel.tsx';
import { pageHead } from '../../lib/page-title.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { Breadcrumbs, crumbLinkClass } from '../identifications/-components/breadcrumbs.tsx';
import { FULL_PAGE_VIEWPORT } from './-components/full-page-viewport.ts';

/** Where the agent came from, so the breadcrumb leads back: ids only, never names, in the URL. */
const documentSearchSchema = z.object({
  identificationId: identificationIdSchema.optional().catch(undefined),
  personId: personIdSchema.optional().catch(undefined),
});

export const Route = createFileRoute('/documents/$documentId')({
  head: pageHead('Document'),
  validateSearch: documentSearchSchema,
  beforeLoad: ({ params }) => {
    if (!DOCUMENT_ID_PATTERN.test(params.documentId)) throw notFound();
  },
  component: DocumentPage,
  notFoundComponent: DocumentNotFound,
});

function DocumentPage() {
  const { documentId } = Route.useParams();
  const { identificationId, personId } = Route.useSearch();
  const trpc = useTRPC();
  const urls = documentFileUrls.document(documentId);
  // The same query as the viewer's: one request, and the page learns the file's name from it.
  const file = useDocumentFile(urls.fileUrl);
  // Coming from the identification page, its answer is still cached: name the document and the
  // customer from it. Never fetched from here, which would be another audited view.
  const identification = useQuery({
    ...trpc.identification.get.queryOptions({ id: identificationId ?? '' }),
    enabled: false,
  }).data;
  const listed = identification?.documents.find((document) => document.id === documentId);
  const fileName = file.data?.fileName ?? listed?.name ?? null;
  const title = listed ? `${listed.typeLabel}${fileName ? `: ${fileName}` : ''}` : (fileName ?? 'Document');
  const customerId = personId ?? identification?.identification.personId;

  return (
    <>
      <Breadcrumbs>
        {[
          <Link key="search" to="/" className={crumbLinkClass}>
            Search
          </Link>,
          customerId ? (
            <Link key="person" to="/persons/$personId" params={{ personId: customerId }} className={crumbLinkClass}>
              {identification?.identification.personName || 'Customer'}
            </Link>
          ) : null,
          identificationId ? (
            <Link key="identification" to="/identifications/$identificationId" params={{ identificationId }} className={crumbLinkClass}>
              Identification
            </Link>
          ) : null,
          <span key="document">{fileName ?? 'Document'}</span>,
        ]}
      </Breadcrumbs>
      <PageHeader title={title} description="A KYC document from Solaris. Opening and downloading it are recorded in the audit trail." />
      <DocumentViewer
        fileUrl={urls.fileUrl}
        downloadUrl={urls.downloadUrl}
        fileName={fileName ?? undefined}
        description={listed?.typeLabel}
        viewportClassName={FULL_PAGE_VIEWPORT}
      />
    </>
  );
}

function DocumentNotFound() {
  return (
    <>
      <PageHeader title="Document not found" />
      <Panel>
        <EmptyState
          icon={FileQuestionMark}
          title="This is not a document address"
          action={
            <Link to="/" className={buttonClasses()}>
              Go to search
            </Link>
          }
        >
          Document ids end in “cdoc”. Open documents from the customer or the identification they belong to.
        </EmptyState>
      </Panel>
    </>
  );
}
