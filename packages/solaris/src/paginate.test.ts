import { afterEach, describe, expect, it } from 'vitest';
import { createSolarisClient } from './client.ts';
import { paginate } from './paginate.ts';
import { TEST_CLIENT_ID, TEST_CLIENT_SECRET, sendJson, startFakeSolaris, type TestServer } from './testing/test-server.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function documentsServer(total: number) {
  const documents = Array.from({ length: total }, (_, index) => ({
    id: `${String(index + 1).padStart(32, '0')}cdoc`,
    name: `scan-${index + 1}.pdf`,
    content_type: 'application/pdf',
    document_type: 'OTHER',
    size: 1024,
  }));
  const server = await startFakeSolaris((request, response) => {
    const page = Number(request.query.get('page[number]'));
    const size = Number(request.query.get('page[size]'));
    sendJson(response, 200, documents.slice((page - 1) * size, page * size));
  });
  servers.push(server);
  const client = createSolarisClient({ apiBaseUrl: server.url, clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET });
  return { server, client };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('paginate', () => {
  it('pages through a list endpoint until a short page', async () => {
    const { server, client } = await documentsServer(25);
    const documents = await collect(paginate((page) => client.listDocuments('p1', page), { pageSize: 10 }));

    expect(documents.map((document) => document.name)).toEqual(Array.from({ length: 25 }, (_, index) => `scan-${index + 1}.pdf`));
    expect(server.apiRequests().map((request) => request.query.get('page[number]'))).toEqual(['1', '2', '3']);
  });

  it('asks for one more, empty page when the total is a multiple of the page size', async () => {
    const { server, client } = await documentsServer(20);
    const documents = await collect(paginate((page) => client.listDocuments('p1', page), { pageSize: 10 }));

    expect(documents).toHaveLength(20);
    expect(server.apiRequests()).toHaveLength(3);
  });

  it('stops early when the consumer breaks out', async () => {
    const { server, client } = await documentsServer(500);
    for await (const document of paginate((page) => client.listDocuments('p1', page), { pageSize: 10 })) {
      if (document.name === 'scan-12.pdf') break;
    }
    expect(server.apiRequests()).toHaveLength(2);
  });

  it('refuses to loop forever over a server that ignores paging', async () => {
    const pages = paginate(async () => [1, 2, 3], { pageSize: 3, maxPages: 5 });
    await expect(collect(pages)).rejects.toThrow(/after 5 full pages/);
  });
});
