import { identificationLanguageSchema, identificationStatusSchema, IDENTIFICATION_STATUSES } from '@identdesk/domain';
import { z } from 'zod';

export const SEARCH_SORT_FIELDS = ['relevance', 'name', 'createdAt', 'birthDate'] as const;
export type SearchSortField = (typeof SEARCH_SORT_FIELDS)[number];
export const SEARCH_PAGE_SIZES = [10, 25, 50, 100] as const;
export type SearchPageSize = (typeof SEARCH_PAGE_SIZES)[number];
export const DEFAULT_SEARCH_PAGE_SIZE: SearchPageSize = 25;

/** The router reads `?status=pending` as a string and `?status=["a","b"]` as an array; both count. */
const asList = (value: unknown) => (typeof value === 'string' ? [value] : value);

/**
 * What the search page keeps in its URL: filters, sort and paging, so a view can be shared and
 * survives a reload. Never the typed query: it is a name, an email, a phone number or a birth
 * date (decision 0002: personal data stays out of URLs, and with them out of browser history,
 * proxy logs and pasted links); the page keeps it in the history entry's state instead (see
 * `routes/index.tsx`). An unreadable value is dropped rather than breaking the page.
 */
export const searchPageSchema = z.object({
  status: z
    .preprocess(
      asList,
      z
        .array(identificationStatusSchema)
        // Keeps the domain's order whatever the link said, so equal filters make equal URLs.
        .transform((statuses) => (statuses.length ? IDENTIFICATION_STATUSES.filter((status) => statuses.includes(status)) : undefined)),
    )
    .optional()
    .catch(undefined),
  language: identificationLanguageSchema.optional().catch(undefined),
  createdFrom: z.iso.date().optional().catch(undefined),
  createdTo: z.iso.date().optional().catch(undefined),
  proofOfAddressOutstanding: z.boolean().optional().catch(undefined),
  sort: z.enum(SEARCH_SORT_FIELDS).optional().catch(undefined),
  direction: z.enum(['asc', 'desc']).optional().catch(undefined),
  page: z.number().int().min(1).optional().catch(undefined),
  pageSize: z
    .number()
    .refine((size): size is SearchPageSize => (SEARCH_PAGE_SIZES as readonly number[]).includes(size))
    .optional()
    .catch(undefined),
});
export type SearchPageParams = z.infer<typeof searchPageSchema>;

export function hasFilters(params: SearchPageParams): boolean {
  return Boolean(
    params.status?.length || params.language || params.createdFrom || params.createdTo || params.proofOfAddressOutstanding,
  );
}

/** Relevance only means something for a typed name; without a query the newest come first. */
export function effectiveSort(params: SearchPageParams, hasQuery: boolean): { field: SearchSortField; direction: 'asc' | 'desc' } {
  const field = params.sort ?? (hasQuery ? 'relevance' : 'createdAt');
  const direction = params.direction ?? (field === 'name' ? 'asc' : 'desc');
  return { field: field === 'relevance' && !hasQuery ? 'createdAt' : field, direction };
}

/** `search.persons` input for the typed query and the URL's filters (docs/handoff/agent-workspace-api.md). */
export function searchInput(query: string, params: SearchPageParams) {
  const hasQuery = query.trim() !== '';
  return {
    query: query.trim(),
    filters: {
      ...(params.status?.length ? { identificationStatus: params.status } : {}),
      ...(params.language ? { language: params.language } : {}),
      ...(params.createdFrom ? { createdFrom: params.createdFrom } : {}),
      ...(params.createdTo ? { createdTo: params.createdTo } : {}),
      ...(params.proofOfAddressOutstanding ? { proofOfAddressOutstanding: true } : {}),
    },
    sort: effectiveSort(params, hasQuery),
    page: params.page ?? 1,
    pageSize: params.pageSize ?? DEFAULT_SEARCH_PAGE_SIZE,
  };
}

export const SEARCH_QUERY_MAX_LENGTH = 200;

/**
 * The search pages through this many results at most (the server's limit: beyond it a search
 * needs another word or a filter), so the pager stops there even when the total is larger.
 */
export const SEARCH_MAX_RESULT_POSITION = 10_000;

export function reachablePages(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(Math.min(total, SEARCH_MAX_RESULT_POSITION) / pageSize));
}

/** The typed query kept in a history entry's state, read defensively: state is whatever was stored. */
export function queryFromHistoryState(state: unknown): string {
  if (typeof state !== 'object' || state === null || !('searchQuery' in state)) return '';
  const value = state.searchQuery;
  return typeof value === 'string' ? value.slice(0, SEARCH_QUERY_MAX_LENGTH) : '';
}
