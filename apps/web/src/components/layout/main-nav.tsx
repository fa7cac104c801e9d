import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { cn } from '../../lib/cn.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { kbdClasses } from '../ui/kbd.tsx';
import { SEARCH_ROLES } from './search-roles.ts';
import type { Section } from './sections.ts';
import { SYSTEM_SECTIONS, WORK_SECTIONS } from './sections.ts';

/** The sections the signed-in user's role uses; nothing until it is known who is signed in. */
export function MainNav() {
  const trpc = useTRPC();
  const role = useQuery(trpc.auth.me.queryOptions()).data?.user?.role;
  const mine = (sections: Section[]) => (role ? sections.filter((section) => section.roles.includes(role)) : []);
  return (
    <nav aria-label="Main" className="flex flex-1 flex-col gap-5 overflow-y-auto px-2 py-3">
      <NavGroup sections={mine(WORK_SECTIONS)} showShortcuts={role !== undefined && SEARCH_ROLES.includes(role)} />
      <NavGroup heading="System" sections={mine(SYSTEM_SECTIONS)} />
    </nav>
  );
}

function NavGroup({ heading, sections, showShortcuts = false }: { heading?: string; sections: Section[]; showShortcuts?: boolean }) {
  if (sections.length === 0) return null;
  return (
    <div>
      {heading ? (
        <p className="mb-1 px-2 text-[11px] font-medium tracking-wide text-zinc-500 uppercase" aria-hidden="true">
          {heading}
        </p>
      ) : null}
      <ul className="space-y-0.5">
        {sections.map((section) => (
          <li key={section.label}>
            <Link
              to={section.to}
              title={section.description}
              activeOptions={{ exact: section.to === '/' }}
              className="group flex h-8 items-center gap-2.5 rounded-md px-2 text-sm text-zinc-600 transition-colors hover:bg-zinc-100 hover:text-zinc-900 data-[status=active]:bg-zinc-100 data-[status=active]:font-medium data-[status=active]:text-zinc-900"
            >
              <section.icon
                aria-hidden="true"
                className="size-4 shrink-0 text-zinc-400 group-hover:text-zinc-600 group-data-[status=active]:text-accent-600"
              />
              {section.label}
              {showShortcuts && section.shortcut ? (
                // Drawn by CSS and hidden from assistive technology: the link's name stays "Search"
                // (the key is announced in its title), and its text is the label alone.
                <span
                  aria-hidden="true"
                  data-key={section.shortcut}
                  className={cn(kbdClasses, 'ml-auto after:content-[attr(data-key)]')}
                />
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
