import { Link } from '@tanstack/react-router';
import { FileQuestionMark } from 'lucide-react';
import { buttonClasses } from '../ui/button.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { Panel } from '../ui/panel.tsx';
import { PageHeader } from './page-header.tsx';

export function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <Panel>
        <EmptyState
          icon={FileQuestionMark}
          title="There is no page at this address"
          action={
            <Link to="/" className={buttonClasses()}>
              Go to search
            </Link>
          }
        >
          The link may be mistyped or out of date. Start again from the search, or pick a section on the left.
        </EmptyState>
      </Panel>
    </>
  );
}
