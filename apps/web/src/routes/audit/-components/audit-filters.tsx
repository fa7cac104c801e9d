import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, ROLE_DETAILS } from '@identdesk/domain';
import { Link, useNavigate } from '@tanstack/react-router';
import { Filter } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button, buttonClasses } from '../../../components/ui/button.tsx';
import { SelectField, TextField } from '../../../components/ui/field.tsx';
import type { RouterOutputs } from '../../../lib/trpc.ts';
import { auditSearchSchema, hasFilters, type AuditSearch } from './audit-search.ts';

type StaffUser = RouterOutputs['audit']['users'][number];

/**
 * The filters of the audit page. They live in the URL: "Apply" navigates, and the form is
 * re-created from the URL whenever it changes (by a link in the table, back, or a shared link).
 */
export function AuditFilters({ search, users }: { search: AuditSearch; users: StaffUser[] }) {
  const navigate = useNavigate({ from: '/audit/' });
  const [problem, setProblem] = useState<string | null>(null);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    };
    const next = auditSearchSchema.parse({
      userId: text('userId'),
      personId: text('personId'),
      action: text('action'),
      from: text('from'),
      to: text('to'),
    });
    if (text('personId') && !next.personId) {
      setProblem('A customer is filtered by their Solaris person id (letters and digits), not by name.');
      return;
    }
    if (next.from && next.to && next.from > next.to) {
      setProblem('The "to" day is before the "from" day.');
      return;
    }
    setProblem(null);
    void navigate({ search: next });
  };

  return (
    <form
      key={JSON.stringify(search)}
      onSubmit={apply}
      aria-label="Filter the audit trail"
      className="mb-4 rounded-lg border border-zinc-200 bg-white p-4 shadow-xs"
    >
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <SelectField label="User" name="userId" defaultValue={search.userId ?? ''}>
          <option value="">Everyone</option>
          {users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.displayName} ({ROLE_DETAILS[user.role].label})
            </option>
          ))}
        </SelectField>
        <TextField
          label="Customer (person id)"
          name="personId"
          defaultValue={search.personId ?? ''}
          placeholder="…cper"
          spellCheck={false}
          autoComplete="off"
        />
        <SelectField label="Action" name="action" defaultValue={search.action ?? ''}>
          <option value="">Any action</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {AUDIT_ACTION_LABELS[action]}
            </option>
          ))}
        </SelectField>
        <TextField label="From (day)" name="from" type="date" defaultValue={search.from ?? ''} />
        <TextField label="To (day, included)" name="to" type="date" defaultValue={search.to ?? ''} />
      </div>
      {problem ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {problem}
        </p>
      ) : null}
      <div className="mt-3 flex items-center gap-2">
        <Button type="submit" variant="primary" size="sm">
          <Filter aria-hidden="true" />
          Apply filters
        </Button>
        {hasFilters(search) ? (
          <Link to="/audit" search={{}} className={buttonClasses({ size: 'sm', variant: 'ghost' })}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}
