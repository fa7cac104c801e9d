import { Link } from '@tanstack/react-router';
import { FileText } from 'lucide-react';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../../../components/ui/table.tsx';
import { formatFileSize } from '../../../components/documents/file-size.ts';
import type { PersonDocument } from './person-types.ts';
import { InstantValue, Missing } from './person-values.tsx';

/** KYC documents Solaris holds for the customer (ID scans, the KYC report, signatures, recorded proofs). */
export function DocumentsPanel({ documents }: { documents: PersonDocument[] }) {
  return (
    <Panel title="Documents" description={documents.length ? 'Opening a document is recorded in the audit trail.' : undefined}>
      {documents.length === 0 ? (
        <EmptyState icon={FileText} title="No documents yet">
          IDnow hands over the ID scans and the KYC report when an identification succeeds; recorded proofs of address
          appear here once they are uploaded to Solaris.
        </EmptyState>
      ) : (
        <Table caption="Documents of this customer">
          <TableHead>
            <tr>
              <TableHeaderCell>Type</TableHeaderCell>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell numeric>Size</TableHeaderCell>
              <TableHeaderCell>Received</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {documents.map((document) => (
              <TableRow key={document.id}>
                <TableCell>
                  <Link
                    to="/documents/$documentId"
                    params={{ documentId: document.id }}
                    className="font-medium text-accent-700 underline-offset-2 hover:underline"
                  >
                    {document.typeLabel}
                  </Link>
                </TableCell>
                <TableCell className="max-w-72 truncate" title={document.name ?? undefined}>
                  {document.name ?? <Missing>No file name</Missing>}
                </TableCell>
                <TableCell numeric>{document.size === null ? <Missing>Unknown</Missing> : formatFileSize(document.size)}</TableCell>
                <TableCell className="whitespace-nowrap">
                  <InstantValue at={document.createdAt} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Panel>
  );
}
