import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './client.ts';
import { openTestDatabase } from './testing.ts';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
  await handle.pool.query('create table concurrency_probe (id int primary key, value text)');
});

afterAll(async () => {
  await handle.close();
});

// On PGlite every pool connection is funnelled into one backend by pglite-socket. node-postgres
// sends a parameterised query as Parse/Bind/Execute/Sync; unless the socket layer keeps those
// messages of one connection together (our patch in patches/), a transaction on one connection
// and plain queries on others overwrite each other's unnamed statement and portal: queries fail
// with `portal "" does not exist` or answer with another query's rows.
describe('concurrent work on several pool connections', () => {
  it('gives every query its own answer while transactions run beside them', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        if (i % 3 === 0) {
          const client = await handle.pool.connect();
          try {
            await client.query('begin');
            await client.query('insert into concurrency_probe values ($1, $2)', [i, `value ${i}`]);
            const row = await client.query<{ value: string }>('select value from concurrency_probe where id = $1', [i]);
            await client.query('commit');
            return row.rows[0]?.value === `value ${i}`;
          } finally {
            client.release();
          }
        }
        // Different statement texts, so a Bind landing on another connection's Parse shows.
        const row = await handle.pool.query<{ n: number; tag: number }>(`select $1::int as n, ${i} as tag`, [i]);
        return row.rows[0]?.n === i && row.rows[0].tag === i;
      }),
    );
    expect(outcomes.filter((ok) => !ok)).toEqual([]);
    const stored = await handle.pool.query<{ n: number }>('select count(*)::int as n from concurrency_probe');
    expect(stored.rows[0]?.n).toBe(100);
  });
});
