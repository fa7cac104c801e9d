import { ROLE_DETAILS } from '@identdesk/domain';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ShieldBan } from 'lucide-react';
import type { ReactNode } from 'react';
import { homeFor, mayOpen, SECTION_ROLES, type SectionPath } from '../../lib/auth.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { PageHeader } from '../layout/page-header.tsx';
import { buttonClasses } from '../ui/button.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { Panel } from '../ui/panel.tsx';

export interface SectionGateProps {
  section: SectionPath;
  title: string;
  description?: string;
  children: ReactNode;
}

/**
 * Shows a section's page to the roles that use it; anyone else is told, in words, that the
 * section is not for their role, who it is for, and where to go instead. The route's loader
 * checks the same (`mayLoad`) and loads nothing for them; the server refuses them regardless.
 */
export function SectionGate({ section, title, description, children }: SectionGateProps) {
  const trpc = useTRPC();
  const user = useQuery(trpc.auth.me.queryOptions()).data?.user;
  if (!user || mayOpen(section, user.role)) return <>{children}</>;
  const allowed = SECTION_ROLES[section].map((role) => ROLE_DETAILS[role].label).join(', ');
  return (
    <>
      <PageHeader title={title} description={description} />
      <Panel>
        <EmptyState
          icon={ShieldBan}
          title={`${title} is not available to your role`}
          action={
            <Link to={homeFor(user.role)} className={buttonClasses()}>
              Go to your start page
            </Link>
          }
        >
          You are signed in as {ROLE_DETAILS[user.role].label.toLowerCase()}. This section is for: {allowed}. Ask an admin
          if your work needs it.
        </EmptyState>
      </Panel>
    </>
  );
}
