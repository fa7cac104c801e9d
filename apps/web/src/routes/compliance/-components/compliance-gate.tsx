import { ROLE_DETAILS } from '@identdesk/domain';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ShieldBan } from 'lucide-react';
import type { ReactNode } from 'react';
import { PageHeader } from '../../../components/layout/page-header.tsx';
import { buttonClasses } from '../../../components/ui/button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { Panel } from '../../../components/ui/panel.tsx';
import { currentUser, homeFor } from '../../../lib/auth.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import type { RouterContext } from '../../__root.tsx';
import { COMPLIANCE_PAGE_DESCRIPTION } from './compliance-text.ts';

/**
 * For loaders: load queue data only for compliance reviewers. Admins reach the section through
 * navigation but are refused by the server: the queues show customers' names and the decisions
 * are four-eyes decisions, neither of which is an administrator's work.
 */
export async function mayLoadCompliance(context: RouterContext): Promise<boolean> {
  return (await currentUser(context))?.role === 'compliance';
}

/** Shows the compliance pages to compliance reviewers; anyone else is told why not, and where to go. */
export function ComplianceGate({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const user = useQuery(trpc.auth.me.queryOptions()).data?.user;
  if (!user || user.role === 'compliance') return <>{children}</>;
  return (
    <>
      <PageHeader title="Compliance" description={COMPLIANCE_PAGE_DESCRIPTION} />
      <Panel>
        <EmptyState
          icon={ShieldBan}
          title="Compliance queues are for compliance reviewers"
          action={
            <Link to={homeFor(user.role)} className={buttonClasses()}>
              Go to your start page
            </Link>
          }
        >
          You are signed in as {ROLE_DETAILS[user.role].label.toLowerCase()}. The queues show customers’ names and hold
          four-eyes decisions, so only the {ROLE_DETAILS.compliance.label.toLowerCase()} role opens them.{' '}
          {user.role === 'admin'
            ? 'Administrators run the system and are not the second pair of eyes: sign in with a compliance account for this work.'
            : 'Ask an admin if your work needs it.'}
        </EmptyState>
      </Panel>
    </>
  );
}
