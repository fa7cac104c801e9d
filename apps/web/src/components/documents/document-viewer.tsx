import { describeDocumentFileError, documentFileKind, useDocumentFile } from './document-file.ts';
import { DocumentNotViewable, DocumentViewerError, DocumentViewerLoading } from './document-viewer-states.tsx';
import { ImageView } from './image-view.tsx';
import { PdfView } from './pdf-view.tsx';

export interface DocumentViewerProps {
  /** The file route, shown inline: `/api/documents/<id>/file?disposition=inline`. */
  fileUrl: string;
  /** The same file as an attachment, for the download button. */
  downloadUrl: string;
  /** A name to show until the server's file name is known, e.g. from the document list. */
  fileName?: string;
  /** What the document is, in words ("ID document"), for a picture's alternative text. */
  description?: string;
  /** Height of the scrolling area, e.g. `h-[calc(100vh-12rem)]` for a full page. */
  viewportClassName?: string;
}

/**
 * Shows a KYC document or a proof of address from Identdesk's authenticated file routes: PDFs
 * drawn into the page with pdf.js, pictures with zoom, fit and rotation, anything else as a
 * download. The file is fetched once (each fetch is an audited view) and drawn from memory.
 */
export function DocumentViewer({ fileUrl, downloadUrl, fileName, description, viewportClassName }: DocumentViewerProps) {
  const file = useDocumentFile(fileUrl);

  if (file.isPending) {
    return <DocumentViewerLoading label={`Loading ${fileName ?? 'the document'}…`} viewportClassName={viewportClassName} />;
  }
  if (file.isError) {
    const problem = describeDocumentFileError(file.error);
    return (
      <DocumentViewerError
        title={problem.title}
        hint={problem.hint}
        detail={problem.detail}
        reference={problem.reference}
        onRetry={() => void file.refetch()}
        retrying={file.isFetching}
      />
    );
  }

  const name = file.data.fileName ?? fileName ?? 'document';
  switch (documentFileKind(file.data.contentType)) {
    case 'pdf':
      return <PdfView bytes={file.data.bytes} fileName={name} downloadUrl={downloadUrl} viewportClassName={viewportClassName} />;
    case 'image':
      return (
        <ImageView
          bytes={file.data.bytes}
          contentType={file.data.contentType}
          fileName={name}
          description={description ?? name}
          downloadUrl={downloadUrl}
          viewportClassName={viewportClassName}
        />
      );
    case 'other':
      return <DocumentNotViewable fileName={name} contentType={file.data.contentType} downloadUrl={downloadUrl} />;
  }
}

/** The file routes of the API contract (docs/handoff/agent-workspace-api.md, "Files"). */
export const documentFileUrls = {
  document: (documentId: string) => fileUrls(`/api/documents/${encodeURIComponent(documentId)}/file`),
  proofOfAddress: (submissionId: string) => fileUrls(`/api/proof-of-address/${encodeURIComponent(submissionId)}/file`),
};

function fileUrls(path: string) {
  return { fileUrl: `${path}?disposition=inline`, downloadUrl: `${path}?disposition=attachment` };
}
