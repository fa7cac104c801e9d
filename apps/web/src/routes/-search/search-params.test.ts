import { describe, expect, it } from 'vitest';
import { effectiveSort, hasFilters, queryFromHistoryState, reachablePages, searchInput, searchPageSchema } from './search-params.ts';

describe('search page URL', () => {
  it('keeps readable filters, sort and paging, and drops what it cannot read', () => {
    expect(
      searchPageSchema.parse({
        status: ['successful', 'nonsense'],
        language: 'FR',
        createdFrom: '2030-06-01',
        createdTo: 'yesterday',
        proofOfAddressOutstanding: true,
        sort: 'name',
        direction: 'sideways',
        page: 0,
        pageSize: 30,
      }),
    ).toEqual({ createdFrom: '2030-06-01', proofOfAddressOutstanding: true, sort: 'name' });
  });

  it('reads one status or several, always in the domain order, so equal filters make equal links', () => {
    expect(searchPageSchema.parse({ status: 'aborted' }).status).toEqual(['aborted']);
    expect(searchPageSchema.parse({ status: ['failed', 'pending'] }).status).toEqual(['pending', 'failed']);
    expect(searchPageSchema.parse({ status: [] }).status).toBeUndefined();
  });

  it('has no place for the typed query', () => {
    expect(searchPageSchema.parse({ query: 'Jürgen Müller', q: 'x' })).toEqual({});
  });
});

describe('search input', () => {
  it('sorts a typed query by relevance and a filter-only list by the newest customers', () => {
    expect(effectiveSort({}, true)).toEqual({ field: 'relevance', direction: 'desc' });
    expect(effectiveSort({}, false)).toEqual({ field: 'createdAt', direction: 'desc' });
    expect(effectiveSort({ sort: 'relevance' }, false)).toEqual({ field: 'createdAt', direction: 'desc' });
    expect(effectiveSort({ sort: 'name' }, false)).toEqual({ field: 'name', direction: 'asc' });
  });

  it('sends only the filters that are set, on page 1 of 25 unless the URL says otherwise', () => {
    expect(searchInput('  mueller ', { status: ['pending'], page: 3 })).toEqual({
      query: 'mueller',
      filters: { identificationStatus: ['pending'] },
      sort: { field: 'relevance', direction: 'desc' },
      page: 3,
      pageSize: 25,
    });
    expect(hasFilters({ sort: 'name', page: 2 })).toBe(false);
    expect(hasFilters({ language: 'EN' })).toBe(true);
  });

  it('reads the query back from a history entry defensively', () => {
    expect(queryFromHistoryState({ searchQuery: 'Müller', __TSR_index: 3 })).toBe('Müller');
    expect(queryFromHistoryState({ searchQuery: 42 })).toBe('');
    expect(queryFromHistoryState(null)).toBe('');
    expect(queryFromHistoryState({ searchQuery: 'x'.repeat(500) })).toHaveLength(200);
  });
});

describe('paging', () => {
  it('offers the pages the server can reach, at least one', () => {
    expect(reachablePages(0, 25)).toBe(1);
    expect(reachablePages(51, 25)).toBe(3);
    expect(reachablePages(250_000, 25)).toBe(400);
  });
});
