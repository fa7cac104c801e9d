import { ArrowRight } from 'lucide-react';
import { changeValueText } from '../../routes/persons/-components/person-values.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '../ui/table.tsx';

export interface ShownChange {
  /** Dotted, as Solaris names it: `address.city`. */
  field: string;
  label: string;
  from: unknown;
  to: unknown;
}

function Value({ value, field }: { value: unknown; field: string }) {
  const text = changeValueText(value, field);
  return text === null ? <span className="text-zinc-500">empty</span> : <span className="break-words">{text}</span>;
}

/** A change field by field, from → to, as the agent reviews it before sending and compliance before deciding. */
export function ChangesTable({ changes, caption }: { changes: readonly ShownChange[]; caption: string }) {
  if (changes.length === 0) return <p className="px-4 py-3 text-sm text-zinc-500">No field is changed.</p>;
  return (
    <Table caption={caption}>
      <TableHead>
        <tr>
          <TableHeaderCell>Field</TableHeaderCell>
          <TableHeaderCell>From</TableHeaderCell>
          <TableHeaderCell>
            <span className="sr-only">becomes</span>
          </TableHeaderCell>
          <TableHeaderCell>To</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {changes.map((change) => (
          <TableRow key={change.field}>
            <TableCell className="font-medium whitespace-nowrap text-zinc-700">{change.label}</TableCell>
            <TableCell className="text-zinc-600">
              <Value value={change.from} field={change.field} />
            </TableCell>
            <TableCell className="w-6 px-0">
              <ArrowRight aria-hidden="true" className="mt-0.5 size-3.5 text-zinc-400" />
            </TableCell>
            <TableCell className="font-medium">
              <Value value={change.to} field={change.field} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
