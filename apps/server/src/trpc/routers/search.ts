import {
  PERSON_SEARCH_MAX_RESULT_POSITION,
  PERSON_SEARCH_PAGE_SIZES,
  PERSON_SEARCH_SORT_FIELDS,
  searchPersons,
  type PersonSearchResult,
} from '@identdesk/db';
import { IDENTIFICATION_LANGUAGES, IDENTIFICATION_STATUSES, isValidCalendarDate } from '@identdesk/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { audit } from '../../audit/audit.ts';
import { roleProcedure, router } from '../init.ts';

export const SEARCH_QUERY_MAX_LENGTH = 200;

const calendarDay = (field: string) =>
  z
    .string({ error: `${field} must be a date written YYYY-MM-DD` })
    .refine(isValidCalendarDate, { error: `${field} must be a calendar date that exists, written YYYY-MM-DD` });

export const personSearchInputSchema = z
  .strictObject({
    query: z
      .string({ error: 'query is required: the text typed into the search box (empty lists everyone)' })
      .max(SEARCH_QUERY_MAX_LENGTH, { error: `query must be at most ${SEARCH_QUERY_MAX_LENGTH} characters` }),
    filters: z
      .strictObject(
        {
          identificationStatus: z
            .array(z.enum(IDENTIFICATION_STATUSES, { error: `filters.identificationStatus may only list ${IDENTIFICATION_STATUSES.join(', ')}` }), {
              error: 'filters.identificationStatus must be a list of statuses',
            })
            .optional(),
          language: z.enum(IDENTIFICATION_LANGUAGES, { error: 'filters.language must be DE or EN' }).optional(),
          createdFrom: calendarDay('filters.createdFrom').optional(),
          createdTo: calendarDay('filters.createdTo').optional(),
          proofOfAddressOutstanding: z.boolean({ error: 'filters.proofOfAddressOutstanding must be true or false' }).optional(),
        },
        { error: 'filters must be an object' },
      )
      .optional(),
    sort: z
      .strictObject(
        {
          field: z.enum(PERSON_SEARCH_SORT_FIELDS, { error: `sort.field must be one of ${PERSON_SEARCH_SORT_FIELDS.join(', ')}` }),
          direction: z.enum(['asc', 'desc'], { error: 'sort.direction must be asc or desc' }),
        },
        { error: 'sort must be an object with field and direction' },
      )
      .optional(),
    page: z.number({ error: 'page must be a number' }).int({ error: 'page must be a whole number' }).min(1, { error: 'page must be 1 or more' }).default(1),
    pageSize: z
      .number({ error: 'pageSize must be a number' })
      .refine((size) => (PERSON_SEARCH_PAGE_SIZES as readonly number[]).includes(size), {
        error: `pageSize must be one of ${PERSON_SEARCH_PAGE_SIZES.join(', ')}`,
      })
      .default(25),
  })
  .superRefine((input, ctx) => {
    const { createdFrom, createdTo } = input.filters ?? {};
    if (createdFrom && createdTo && createdTo < createdFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['filters', 'createdTo'],
        message: `filters.createdTo (${createdTo}) must be on or after filters.createdFrom (${createdFrom})`,
      });
    }
    if (input.page * input.pageSize > PERSON_SEARCH_MAX_RESULT_POSITION) {
      ctx.addIssue({
        code: 'custom',
        path: ['page'],
        message: `page ${input.page} starts beyond the first ${PERSON_SEARCH_MAX_RESULT_POSITION.toLocaleString('en')} results: add words or a filter to narrow the search`,
      });
    }
  });

export type PersonSearchInput = z.infer<typeof personSearchInputSchema>;

/** Names of the filters in use, for the audit trail: which kinds of list were looked at, no values typed. */
function filterNames(filters: PersonSearchInput['filters']): string[] {
  if (!filters) return [];
  return Object.entries(filters)
    .filter(([, value]) => value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0))
    .map(([name]) => name)
    .sort();
}

/**
 * drizzle's query errors carry the SQL parameters, which here are what an agent typed: the
 * error that reaches the log names only the database's error code.
 */
async function withoutTypedTextInErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : 'unknown';
    throw new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'The search failed. Try again; if it keeps failing, tell an administrator.',
      cause: new Error(`person search failed (database error ${code})`),
    });
  }
}

export const searchRouter = router({
  /**
   * The agent search (docs/handoff/agent-workspace-api.md). Agents and compliance see contact
   * data of many customers at once, so every search is in the audit trail: what kind of query,
   * which filters, how many results and the ids of the customers on the page returned, never the
   * text typed (the trail must not become a store of names). An exact id names one customer, and
   * that customer is recorded.
   */
  persons: roleProcedure('agent', 'compliance')
    .input(personSearchInputSchema)
    .query(async ({ ctx, input }) => {
      const result: PersonSearchResult = await withoutTypedTextInErrors(() =>
        searchPersons(ctx.db, {
          query: input.query,
          filters: input.filters,
          sort: input.sort,
          page: input.page,
          pageSize: input.pageSize,
          now: ctx.now(),
        }),
      );
      await audit(ctx, {
        action: 'person.searched',
        personId: result.match?.personId ?? null,
        subject: null,
        details: {
          queryKind: result.queryKind,
          filters: filterNames(input.filters),
          sort: input.sort?.field ?? 'relevance',
          page: input.page,
          // Whom the page showed, by id only, as the compliance queues record it: "who saw this customer" must find searches too.
          personIds: result.items.map((item) => item.id),
          results: result.total,
          resultsExact: result.totalIsExact,
        },
      });
      return result;
    }),
});
