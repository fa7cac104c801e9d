import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { EmptyState } from '../ui/empty-state.tsx';
import { Panel } from '../ui/panel.tsx';

/** The honest stand-in for a section that is planned but not built: says what will be here. */
export function NotYetAvailable({ icon, title, children }: { icon: LucideIcon; title: string; children: ReactNode }) {
  return (
    <Panel>
      <EmptyState icon={icon} title={title}>
        {children}
      </EmptyState>
    </Panel>
  );
}
