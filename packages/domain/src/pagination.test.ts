import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pageCount, paginatedSchema, paginationInputSchema, paginationOffset } from './pagination.ts';

describe('paginationInputSchema', () => {
  it('defaults to page 1 with 25 rows', () => {
    expect(paginationInputSchema.parse({})).toEqual({ page: 1, pageSize: 25 });
  });

  it('accepts page sizes from 1 to 100', () => {
    expect(paginationInputSchema.parse({ page: 3, pageSize: 1 })).toEqual({ page: 3, pageSize: 1 });
    expect(paginationInputSchema.parse({ pageSize: 100 }).pageSize).toBe(100);
  });

  it.each([
    [{ page: 0 }, 'page', 'page must be 1 or more'],
    [{ pageSize: 0 }, 'pageSize', 'pageSize must be at least 1'],
    [{ pageSize: 101 }, 'pageSize', 'pageSize must be at most 100'],
  ])('refuses %j at its field', (input, path, message) => {
    const issue = paginationInputSchema.safeParse(input).error?.issues[0];
    expect(issue?.path).toEqual([path]);
    expect(issue?.message).toBe(message);
  });

  it('refuses fractional pages', () => {
    expect(paginationInputSchema.safeParse({ page: 1.5 }).success).toBe(false);
  });
});

describe('paging helpers', () => {
  it('computes the offset of a page', () => {
    expect(paginationOffset({ page: 1, pageSize: 25 })).toBe(0);
    expect(paginationOffset({ page: 3, pageSize: 25 })).toBe(50);
  });

  it('counts pages, with at least one for an empty list', () => {
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(25, 25)).toBe(1);
    expect(pageCount(26, 25)).toBe(2);
  });

  it('checks a paginated result', () => {
    const schema = paginatedSchema(z.object({ id: z.string() }));
    expect(schema.safeParse({ items: [{ id: 'a' }], total: 1, page: 1, pageSize: 25 }).success).toBe(true);
    expect(schema.safeParse({ items: [{ id: 1 }], total: 1, page: 1, pageSize: 25 }).success).toBe(false);
  });
});
