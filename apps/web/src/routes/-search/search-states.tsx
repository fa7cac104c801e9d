import { SearchX, UserSearch } from 'lucide-react';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState } from '../../components/ui/empty-state.tsx';
import { Loading, Skeleton } from '../../components/ui/skeleton.tsx';

const TIPS: { what: string; example: string }[] = [
  { what: 'A name, even misspelt or without umlauts', example: 'Jürgen Müller, Juergen Muller, Mueler' },
  { what: 'An email address', example: 'jane.doe@example.com' },
  { what: 'A mobile number in any format', example: '+49 151 2345678, 0151/2345678' },
  { what: 'A date of birth', example: '11.12.1992, 1992-12-11' },
  { what: 'A person or identification id (opens it at once)', example: '…cper, …cidt' },
];

/** Nothing typed, no filter: what the one box understands. */
export function SearchTips() {
  return (
    <EmptyState icon={UserSearch} title="Search for a customer">
      <p>Type into the box above; results appear as you type. You can search by:</p>
      <ul className="mt-3 space-y-1.5 text-left">
        {TIPS.map((tip) => (
          <li key={tip.what}>
            <span className="text-zinc-700">{tip.what}</span>
            <span className="block text-xs text-zinc-500">e.g. {tip.example}</span>
          </li>
        ))}
      </ul>
      <p className="mt-3">Or pick a filter to list every customer who matches it.</p>
    </EmptyState>
  );
}

/** Searched, found nobody: what to try next, depending on what narrowed it. */
export function NoResults({ filtered, onClearFilters }: { filtered: boolean; onClearFilters: () => void }) {
  return (
    <EmptyState
      icon={SearchX}
      title="No customer matches"
      action={
        filtered ? (
          <Button size="sm" onClick={onClearFilters}>
            Search without filters
          </Button>
        ) : null
      }
    >
      {filtered
        ? 'The filters may be hiding the customer. Clear them, or check the spelling.'
        : 'Check the spelling, try the last name alone, the email address or the date of birth. A customer appears here once Solaris has reported their identification.'}
    </EmptyState>
  );
}

/** Placeholder rows shaped like the results, while the first answer is on its way. */
export function SearchResultsSkeleton() {
  return (
    <Loading label="Searching…" className="divide-y divide-zinc-100">
      <div className="flex h-8 items-center gap-6 bg-zinc-50/80 px-4">
        {['w-24', 'w-20', 'w-28', 'w-20', 'w-16', 'w-24'].map((width, index) => (
          <Skeleton key={index} className={`h-3 ${width}`} />
        ))}
      </div>
      {Array.from({ length: 6 }, (_, row) => (
        <div key={row} className="flex h-10 items-center gap-6 px-4">
          {['w-32', 'w-20', 'w-36', 'w-24', 'w-16', 'w-24'].map((width, index) => (
            <Skeleton key={index} className={`h-4 ${width}`} />
          ))}
        </div>
      ))}
    </Loading>
  );
}
