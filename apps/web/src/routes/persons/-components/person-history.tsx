import { IDNOW_AGENT_CHANGE_SOURCE } from '@identdesk/domain';
import { ArrowRight, History, UserPen } from 'lucide-react';
import { Badge } from '../../../components/ui/badge.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell } from '../../../components/ui/table.tsx';
import { cn } from '../../../lib/cn.ts';
import { formatCount } from '../../../lib/format.ts';
import type { PersonHistoryEntry } from './person-types.ts';
import { changeValueText, InstantValue } from './person-values.tsx';

function Value({ value, field }: { value: unknown; field: string }) {
  const text = changeValueText(value, field);
  return text === null ? <span className="text-zinc-500 italic">empty</span> : <span className="break-words">{text}</span>;
}

/**
 * Every change Solaris reported to the customer's data, newest first, field by field: from → to,
 * where it came from and when. What the IDnow agent corrected during the video call is marked,
 * because those are the changes compliance looks at (the data the customer entered was wrong).
 */
export function PersonHistoryPanel({ history }: { history: PersonHistoryEntry[] }) {
  const changes = history.filter((entry) => entry.changes.length > 0);
  return (
    <Panel
      title="Data changes"
      description={
 changes.length === 0
          ? undefined
          : `${formatCount(changes.length)} ${changes.length === 1 ? 'change' : 'changes'}, newest first. Corrections by the IDnow agent are marked.`
      }
    >
      {changes.length === 0 ? (
        <p className="flex items-center gap-2 px-4 py-3 text-sm text-zinc-500">
          <History aria-hidden="true" className="size-4 text-zinc-400" />
          {history.length
            ? 'The data is as Solaris first reported it. Corrections made during the video call will show here.'
            : 'Identdesk has not stored a version of this customer yet.'}
        </p>
      ) : (
        <ol className="divide-y divide-zinc-200">
          {changes.map((entry) => {
            const byIdnowAgent = entry.source === IDNOW_AGENT_CHANGE_SOURCE;
            return (
              <li key={entry.version} aria-label={`Version ${entry.version}`}>
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 pt-3 pb-1 text-xs text-zinc-500">
                  <span className="font-medium text-zinc-700">Version {formatCount(entry.version)}</span>
                  <InstantValue at={entry.observedAt} />
                  {byIdnowAgent ? (
                    <Badge tone="warning" icon={UserPen}>
                      {entry.sourceLabel}
                    </Badge>
                  ) : (
                    <span>{entry.sourceLabel}</span>
                  )}
                </div>
                <Table caption={`Changes in version ${entry.version}`}>
                  <TableHead>
                    <tr>
                      <TableHeaderCell>Field</TableHeaderCell>
                      <TableHeaderCell>Before</TableHeaderCell>
                      <TableHeaderCell>After</TableHeaderCell>
                    </tr>
                  </TableHead>
                  <TableBody className="divide-y-0">
                    {entry.changes.map((change) => {
                      const corrected = byIdnowAgent || change.byIdnowAgent;
                      return (
                        <tr key={change.field} className={cn(corrected && 'bg-amber-50/70')}>
                          <TableCell className="w-56 py-1.5 text-zinc-600">
                            {change.label}
                            {corrected && !byIdnowAgent ? <span className="sr-only"> (corrected by the IDnow agent)</span> : null}
                          </TableCell>
                          <TableCell className="py-1.5">
                            <span className="text-zinc-500 line-through decoration-zinc-300">
                              <Value value={change.from} field={change.field} />
                            </span>
                          </TableCell>
                          <TableCell className="py-1.5">
                            <span className="inline-flex items-start gap-2">
                              <ArrowRight aria-hidden="true" className="mt-0.5 size-3.5 shrink-0 text-zinc-400" />
                              <span className={cn(corrected && 'font-medium text-amber-900')}>
                                <Value value={change.to} field={change.field} />
                              </span>
                            </span>
                          </TableCell>
                        </tr>
                      );
                    })}
                  </TableBody>
                </Table>
              </li>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}
