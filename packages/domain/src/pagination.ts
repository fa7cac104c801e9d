import { z } from 'zod';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** The one paging contract for every list: 1-based pages. */
export const paginationInputSchema = z.object({
  page: z.number().int().min(1, { error: 'page must be 1 or more' }).default(1),
  pageSize: z
    .number()
    .int()
    .min(1, { error: 'pageSize must be at least 1' })
    .max(MAX_PAGE_SIZE, { error: `pageSize must be at most ${MAX_PAGE_SIZE}` })
    .default(DEFAULT_PAGE_SIZE),
});
export type PaginationInput = z.infer<typeof paginationInputSchema>;

export interface Paginated<T> {
  items: T[];
  /** All matching rows, not only this page. */
  total: number;
  page: number;
  pageSize: number;
}

/** Rows to skip for a page, for SQL OFFSET. */
export function paginationOffset({ page, pageSize }: PaginationInput): number {
  return (page - 1) * pageSize;
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** A `Paginated<T>` schema for an item schema, e.g. to check a router's output in tests. */
export function paginatedSchema<Item extends z.ZodType>(itemSchema: Item) {
  return z.object({
    items: z.array(itemSchema),
    total: z.number().int().nonnegative(),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE),
  });
}
