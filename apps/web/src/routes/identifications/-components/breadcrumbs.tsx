import { ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';

/**
 * Where a page sits: each crumb but the last is a link back up (to the customer, to the
 * identification). The last one is the page itself, marked as current.
 */
export function Breadcrumbs({ children }: { children: ReactNode[] }) {
  const crumbs = children.filter(Boolean);
  return (
    <nav aria-label="Breadcrumb" className="mb-2">
      <ol className="flex flex-wrap items-center gap-1 text-xs text-zinc-500">
        {crumbs.map((crumb, index) => (
          <li key={index} className="flex items-center gap-1">
            {index > 0 ? <ChevronRight aria-hidden="true" className="size-3.5 text-zinc-400" /> : null}
            {index === crumbs.length - 1 ? (
              <span aria-current="page" className="font-medium text-zinc-700">
                {crumb}
              </span>
            ) : (
              crumb
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export const crumbLinkClass = 'rounded-sm text-accent-600 hover:text-accent-700 hover:underline';
