export interface PageRequest {
  /** 1-based page number. */
  page: number;
  pageSize: number;
}

export interface PaginateOptions {
  /** Default 100. The server must honour it: a short page is taken as the last one. */
  pageSize?: number;
  /** Default 1. */
  firstPage?: number;
  /** Guard against a server that ignores paging and always fills the page. Default 1000. */
  maxPages?: number;
}

/**
 * Pages through a Solaris list endpoint until a page comes back shorter than `pageSize`:
 * `for await (const document of paginate((page) => client.listDocuments(personId, page)))`.
 */
export async function* paginate<T>(
  fetchPage: (page: PageRequest) => Promise<readonly T[]>,
  options: PaginateOptions = {},
): AsyncGenerator<T, void, undefined> {
  const pageSize = options.pageSize ?? 100;
  const firstPage = options.firstPage ?? 1;
  const maxPages = options.maxPages ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize must be a positive integer');
  for (let page = firstPage; ; page += 1) {
    if (page - firstPage >= maxPages) {
      throw new Error(`paginate stopped after ${maxPages} full pages: does the endpoint honour page[size]?`);
    }
    const items = await fetchPage({ page, pageSize });
    yield* items;
    if (items.length < pageSize) return;
  }
}
