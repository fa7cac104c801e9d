import { ROLE_DETAILS } from '@identdesk/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createFileRoute, redirect, useNavigate, useRouter } from '@tanstack/react-router';
import { ChevronLeft, ChevronRight, LoaderCircle, Search, ShieldBan, X } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { PageHeader } from '../components/layout/page-header.tsx';
import { SEARCH_ROLES } from '../components/layout/search-roles.ts';
import { SEARCH_BOX_ID } from '../components/layout/search-shortcut.ts';
import { Button } from '../components/ui/button.tsx';
import { EmptyState } from '../components/ui/empty-state.tsx';
import { ErrorState } from '../components/ui/error-state.tsx';
import { Kbd } from '../components/ui/kbd.tsx';
import { Panel } from '../components/ui/panel.tsx';
import { Select } from '../components/ui/select.tsx';
import { homeFor, mayOpen, requireSignedIn } from '../lib/auth.ts';
import { formatCount } from '../lib/format.ts';
import { pageHead } from '../lib/page-title.ts';
import { useTRPC } from '../lib/trpc.ts';
import { SearchFilters } from './-search/search-filters.tsx';
import {
  effectiveSort,
  hasFilters,
  queryFromHistoryState,
  reachablePages,
  SEARCH_PAGE_SIZES,
  SEARCH_QUERY_MAX_LENGTH,
  searchInput,
  searchPageSchema,
  type SearchPageParams,
  type SearchPageSize,
} from './-search/search-params.ts';
import { focusFirstResult, SearchResultsTable } from './-search/search-results-table.tsx';
import { NoResults, SearchResultsSkeleton, SearchTips } from './-search/search-states.tsx';

/** Long enough to skip the keystrokes of a word being typed, short enough to feel immediate. */
const TYPING_PAUSE_MS = 250;

const PAGE_DESCRIPTION = 'Find a customer and see where their identification stands.';

export const Route = createFileRoute('/')({
  head: pageHead('Search'),
  validateSearch: searchPageSchema,
  // The start page: team leads, who work with figures and not with customers, start at metrics.
  beforeLoad: async ({ context, location }) => {
    const user = await requireSignedIn(context, location);
    if (!mayOpen('/', user.role)) throw redirect({ to: homeFor(user.role) });
  },
  component: SearchPage,
});

function SearchPage() {
  const trpc = useTRPC();
  const role = useQuery(trpc.auth.me.queryOptions()).data?.user?.role;
  if (role && !SEARCH_ROLES.includes(role)) {
    return (
      <>
        <PageHeader title="Search" description={PAGE_DESCRIPTION} />
        <Panel>
          <EmptyState icon={ShieldBan} title="Customer search is for agents and compliance">
            You are signed in as {ROLE_DETAILS[role].label.toLowerCase()}: your role runs the system and does not see
            customers’ personal data. Use the sections on the left.
          </EmptyState>
        </Panel>
      </>
    );
  }
  return <CustomerSearch />;
}

function CustomerSearch() {
  const trpc = useTRPC();
  const router = useRouter();
  const navigate = useNavigate({ from: '/' });
  const params = Route.useSearch();

  // The typed query lives in this history entry's state, not in the URL: it is personal data
  // (a name, an email, a birth date) that must not reach history lists, proxy logs or a pasted
  // link (decision 0002). History state stays in this browser tab, comes back with Back from a
  // person's page and survives a reload; a shared link carries the filters only.
  const [text, setText] = useState(() => queryFromHistoryState(router.state.location.state));
  const [query, setQuery] = useState(text);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Only a query typed here jumps to an exact id match; one restored by Back must not bounce
  // the agent straight to the person again.
  const typedHere = useRef(false);

  useEffect(() => () => clearTimeout(typingTimer.current), []);

  /** Changes the URL's filters, sort or page, keeping the typed query with the new entry. */
  const go = (change: Partial<SearchPageParams>, options: { replace?: boolean; searchQuery?: string } = {}) =>
    navigate({
      search: (previous) => ({ ...previous, ...change }),
      state: (previous) => ({ ...previous, searchQuery: options.searchQuery ?? query }),
      replace: options.replace,
    });

  const clearFilters = () =>
    void go({
      status: undefined,
      language: undefined,
      createdFrom: undefined,
      createdTo: undefined,
      proofOfAddressOutstanding: undefined,
      page: undefined,
    });

  const runQuery = (value: string) => {
    clearTimeout(typingTimer.current);
    if (value === query) return;
    // A new query starts at its first page, in the same history entry (typing is not a step back).
    void go({ page: undefined }, { replace: true, searchQuery: value }).then(() => setQuery(value));
  };

  const onType = (value: string) => {
    typedHere.current = true;
    setText(value);
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => runQuery(value), TYPING_PAUSE_MS);
  };

  const clear = () => {
    setText('');
    runQuery('');
    document.getElementById(SEARCH_BOX_ID)?.focus();
  };

  const onBoxKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && focusFirstResult()) event.preventDefault();
    else if (event.key === 'Enter') runQuery(text);
    else if (event.key === 'Escape' && text !== '') {
      event.preventDefault();
      clear();
    }
  };

  // The filter says so on the field; the server would refuse the range too.
  const rangeBackwards = Boolean(params.createdFrom && params.createdTo && params.createdTo < params.createdFrom);
  const searching = (query.trim() !== '' || hasFilters(params)) && !rangeBackwards;
  const input = searchInput(query, params);
  const results = useQuery({
    ...trpc.search.persons.queryOptions(input),
    enabled: searching,
    // The previous results stay (dimmed) while the next ones load, so the table does not flash.
    placeholderData: keepPreviousData,
  });

  const match = results.data?.match;
  useEffect(() => {
    if (!match || results.isPlaceholderData || !typedHere.current) return;
    typedHere.current = false;
    if (match.identificationId) {
      void navigate({ to: '/identifications/$identificationId', params: { identificationId: match.identificationId } });
    } else {
      void navigate({ to: '/persons/$personId', params: { personId: match.personId } });
    }
  }, [match, results.isPlaceholderData, navigate]);

  const data = searching ? results.data : undefined;
  const total = data?.total ?? 0;
  // Past the exact count the server gives the database's estimate, which may be above or below.
  const totalText = data ? `${data.totalIsExact ? '' : 'about '}${formatCount(total)}` : '';
  const first = total === 0 || !data ? 0 : (data.page - 1) * data.pageSize + 1;
  const last = data ? Math.min(total, data.page * data.pageSize) : 0;
  const pages = data ? reachablePages(total, data.pageSize) : 1;
  const updating = results.isFetching && results.isPlaceholderData;

  return (
    <>
      <PageHeader title="Search" description={PAGE_DESCRIPTION} />
      <div className="mb-4 space-y-3">
        <div>
          <label htmlFor={SEARCH_BOX_ID} className="mb-1 block text-xs font-medium text-zinc-700">
            Search customers
          </label>
          <div className="relative max-w-2xl">
            <Search aria-hidden="true" className="pointer-events-none absolute top-2.5 left-3 size-4 text-zinc-400" />
            <input
              id={SEARCH_BOX_ID}
              type="search"
              // The one box of this page: agents arrive here to type.
              autoFocus
              value={text}
              maxLength={SEARCH_QUERY_MAX_LENGTH}
              onChange={(event) => onType(event.currentTarget.value)}
              onKeyDown={onBoxKeyDown}
              placeholder="Name, email, phone, date of birth or id"
              autoComplete="off"
              spellCheck={false}
              aria-describedby={`${SEARCH_BOX_ID}-hint`}
              className="h-9 w-full rounded-md border border-zinc-300 bg-white pr-16 pl-9 text-sm shadow-xs placeholder:text-zinc-400 [&::-webkit-search-cancel-button]:hidden"
            />
            <div className="absolute top-1.5 right-2 flex items-center gap-1">
              {text !== '' ? (
                <Button variant="ghost" size="sm" className="h-6 px-1.5" aria-label="Clear the search" onClick={clear}>
                  <X aria-hidden="true" />
                </Button>
              ) : (
                <Kbd aria-hidden="true" className="mt-0.5">
                  /
                </Kbd>
              )}
            </div>
          </div>
          <p id={`${SEARCH_BOX_ID}-hint`} className="mt-1 text-xs text-zinc-500">
            Results update as you type. <Kbd>↓</Kbd> moves into the results, <Kbd>Enter</Kbd> opens one,{' '}
            <Kbd>Esc</Kbd> clears.
          </p>
        </div>
        <SearchFilters params={params} onChange={(change) => void go({ ...change, page: undefined })} />
      </div>

      <Panel
        title="Customers"
        description={
          <span role="status" aria-live="polite" className="inline-flex items-center gap-1.5">
            {rangeBackwards
              ? 'Correct the “customer since” dates to search.'
              : !searching
              ? 'Type to search, or pick a filter.'
              : results.isError && !data
                ? 'The search failed.'
                : !data
                  ? 'Searching…'
                  : total === 0
                    ? 'No customer matches.'
                    : `${formatCount(first)}–${formatCount(last)} of ${totalText} ${total === 1 ? 'customer' : 'customers'}`}
            {updating ? (
              <>
                <LoaderCircle aria-hidden="true" className="size-3.5 animate-spin text-zinc-400 motion-reduce:animate-none" />
                <span className="sr-only">Updating…</span>
              </>
            ) : null}
          </span>
        }
        actions={
          data && total > 0 ? (
            <Pager
              page={data.page}
              pages={pages}
              pageSize={data.pageSize as SearchPageSize}
              onPage={(page) => void go({ page: page === 1 ? undefined : page })}
              onPageSize={(pageSize) => void go({ pageSize, page: undefined })}
            />
          ) : null
        }
      >
        {rangeBackwards ? (
          <NoResults filtered onClearFilters={clearFilters} />
        ) : !searching ? (
          <SearchTips />
        ) : results.isError && !data ? (
          <div className="p-4">
            <ErrorState
              title="Could not search"
              error={results.error}
              onRetry={() => void results.refetch()}
              retrying={results.isFetching}
            />
          </div>
        ) : !data ? (
          <SearchResultsSkeleton />
        ) : total === 0 || data.items.length === 0 ? (
          <NoResults filtered={hasFilters(params)} onClearFilters={clearFilters} />
        ) : (
          <SearchResultsTable
            items={data.items}
            sort={effectiveSort(params, query.trim() !== '')}
            stale={updating}
            onSortChange={(sort) =>
              void go({ sort: sort?.field, direction: sort?.direction, page: undefined })
            }
          />
        )}
        {results.isError && data ? (
          <p role="alert" className="border-t border-zinc-200 px-4 py-2 text-xs text-red-700">
            The latest search failed; these are the previous results. Type again or retry.
          </p>
        ) : null}
      </Panel>
    </>
  );
}

function Pager({
  page,
  pages,
  pageSize,
  onPage,
  onPageSize,
}: {
  page: number;
  pages: number;
  pageSize: SearchPageSize;
  onPage: (page: number) => void;
  onPageSize: (pageSize: SearchPageSize) => void;
}) {
  return (
    <nav aria-label="Pages" className="flex items-center gap-2">
      <label className="flex items-center gap-1.5 text-xs text-zinc-500">
        Rows
        <Select
          className="h-7 w-16 text-xs"
          value={pageSize}
          onChange={(event) => {
            const size = Number(event.currentTarget.value);
            const known = SEARCH_PAGE_SIZES.find((candidate) => candidate === size);
            if (known) onPageSize(known);
          }}
        >
          {SEARCH_PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </Select>
      </label>
      <Button size="sm" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        <ChevronLeft aria-hidden="true" />
        Previous
      </Button>
      <span className="text-xs whitespace-nowrap text-zinc-500 tabular">
        Page {formatCount(page)} of {formatCount(pages)}
      </span>
      <Button size="sm" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        Next
        <ChevronRight aria-hidden="true" />
      </Button>
    </nav>
  );
}
