import { createFileRoute, redirect } from '@tanstack/react-router';
import { Search, UserSearch } from 'lucide-react';
import { useId } from 'react';
import { NotYetAvailable } from '../components/layout/not-yet-available.tsx';
import { PageHeader } from '../components/layout/page-header.tsx';
import { homeFor, mayOpen, requireSignedIn } from '../lib/auth.ts';
import { pageHead } from '../lib/page-title.ts';

export const Route = createFileRoute('/')({
  head: pageHead('Search'),
  // The start page: team leads, who work with figures and not with customers, start at metrics.
  beforeLoad: async ({ context, location }) => {
    const user = await requireSignedIn(context, location);
    if (!mayOpen('/', user.role)) throw redirect({ to: homeFor(user.role) });
  },
  component: SearchPage,
});

function SearchPage() {
  const noteId = useId();
  return (
    <>
      <PageHeader title="Search" description="Find a customer and see where their identification stands." />
      <div className="mb-4">
        <label htmlFor="customer-search" className="mb-1 block text-xs font-medium text-zinc-600">
          Search customers
        </label>
        <div className="relative max-w-xl">
          <Search aria-hidden="true" className="pointer-events-none absolute top-2 left-2.5 size-4 text-zinc-400" />
          <input
            id="customer-search"
            type="search"
            disabled
            aria-describedby={noteId}
            placeholder="Name, email or customer ID"
            className="h-8 w-full rounded-md border border-zinc-300 bg-white pr-3 pl-8 text-sm shadow-xs placeholder:text-zinc-400 disabled:cursor-not-allowed disabled:bg-zinc-100 disabled:text-zinc-500"
          />
        </div>
        <p id={noteId} className="mt-1 text-xs text-zinc-500">
          Search is switched off until customer search is built.
        </p>
      </div>
      <NotYetAvailable icon={UserSearch} title="Customer search is not available yet">
        This is where you will find a customer, follow every IDnow attempt of their identification, record proof of
        address and open their KYC documents.
      </NotYetAvailable>
    </>
  );
}
