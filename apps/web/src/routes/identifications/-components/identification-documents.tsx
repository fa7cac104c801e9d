import { Link } from '@tanstack/react-router';
import { Download, FileText, Files } from 'lucide-react';
import { documentFileUrls } from '../../../components/documents/document-viewer.tsx';
import { formatFileSize } from '../../../components/documents/file-size.ts';
import { buttonClasses } from '../../../components/ui/button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../components/ui/table.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { IdentificationView } from './identification-view.ts';

/** The documents IDnow handed over for this identification; each opens in the viewer. */
export function IdentificationDocuments({ view }: { view: IdentificationView }) {
  const { documents, identification } = view;
  if (documents.length === 0) {
    return (
      <EmptyState icon={Files} title="No documents">
        {identification.status === 'successful' || identification.status === 'pending_successful'
          ? 'IDnow has not handed over documents for this identification yet. They usually arrive with the result; reload in a few minutes.'
          : 'IDnow hands over the KYC report, the ID document and the signature after a successful call.'}
      </EmptyState>
    );
  }
  return (
    <Table caption="Documents of the identification">
      <TableHead>
        <tr>
          <TableHeaderCell>Type</TableHeaderCell>
          <TableHeaderCell>Name</TableHeaderCell>
          <TableHeaderCell numeric>Size</TableHeaderCell>
          <TableHeaderCell>Received</TableHeaderCell>
          <TableHeaderCell>
            <span className="sr-only">Actions</span>
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {documents.map((document) => (
          <TableRow key={document.id}>
            <TableCell className="font-medium whitespace-nowrap">{document.typeLabel}</TableCell>
            <TableCell className="max-w-64 truncate" title={document.name ?? undefined}>
              {document.name ?? <span className="text-zinc-500">No file name</span>}
            </TableCell>
            <TableCell numeric>{document.size === null ? '—' : formatFileSize(document.size)}</TableCell>
            <TableCell className="whitespace-nowrap tabular">
              <time dateTime={document.createdAt}>{formatDateTime(document.createdAt)}</time>
            </TableCell>
            <TableCell className="py-1.5">
              <div className="flex justify-end gap-1.5">
                <Link
                  to="/documents/$documentId"
                  params={{ documentId: document.id }}
                  search={{ identificationId: identification.id, personId: identification.personId }}
                  className={buttonClasses({ size: 'sm' })}
                  aria-label={`Open ${document.typeLabel}${document.name ? ` ${document.name}` : ''}`}
                >
                  <FileText aria-hidden="true" />
                  Open
                </Link>
                <a
                  href={documentFileUrls.document(document.id).downloadUrl}
                  download
                  className={buttonClasses({ size: 'sm', variant: 'ghost' })}
                  aria-label={`Download ${document.typeLabel}${document.name ? ` ${document.name}` : ''}`}
                >
                  <Download aria-hidden="true" />
                </a>
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
