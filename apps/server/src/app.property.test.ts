import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { ROLES, type Role } from '@identdesk/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpRoutes } from './app.ts';
import { defaultAppAuth } from './auth/app-auth.ts';
import { createLogger } from './logger.ts';
import type { RunningServer } from './server.ts';
import { businessTables, changedTables, HOSTILE_STRINGS, rowCounts } from './testing/bad-input.ts';
import { createDeliverySwitch, startTestServer } from './testing/harness.ts';
import { CSRF_HEADERS, signInEveryRole } from './testing/session.ts';

/**
 * Every Express route of the app (walked from its route table, so routes added later are covered)
 * with junk in its path parameters and query string, as every role: never a 5xx, an error is
 * JSON in the app's shape, and nothing is stored. The upload route's bodies have their own test
 * (proof-of-address/upload-route.property.test.ts).
 */

let database: TestDatabase;
let server: RunningServer;
let tables: string[];
let cookies: Record<Role, string>;
const deliveries = createDeliverySwitch();

beforeAll(async () => {
  database = await openTestDatabase();
  // The sandbox's own webhooks (the subscriptions' first, empty deliveries among them) are dropped:
  // stored in the background, they would change webhook_deliveries between the counts a route is
  // judged by (the inbox has its own property test).
  deliveries.state.mode = 'lose';
  server = await startTestServer({ database, sandboxFetch: deliveries.fetch });
  cookies = await signInEveryRole(server.localUrl, database.db);
  tables = await businessTables(database.db);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const routes = () =>
  buildHttpRoutes({ database: { db: database.db } as never, logger: createLogger({ level: 'silent' }) }, defaultAppAuth(database.db, createLogger({ level: 'silent' })));

/** Path segments and query values as a person, a script or an attacker might send them. */
const segment = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS.filter((text) => text.length < 1000)),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(`${'0'.repeat(32)}cper`, `${'0'.repeat(32)}cdoc`, crypto.randomUUID(), '..', '%', '%00', '%ZZ', ''),
);
const query = fc.dictionary(
  fc.constantFrom('personId', 'from', 'to', 'action', 'userId', 'format', 'page', 'download', 'x'),
  fc.oneof(segment, fc.array(segment, { maxLength: 3 })),
  { maxKeys: 4 },
);

/** A URL cannot carry half a surrogate pair; browsers send U+FFFD for it, and so does this test. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function urlFor(path: string, params: string[], search: Record<string, string | string[]>): string {
  let index = 0;
  const filled = path.replace(/:\w+/g, () => {
    const value = params[index++] ?? '';
    // '%', '%00' and '%ZZ' go out as typed: a broken escape is part of what arrives.
    return /^%/.test(value) ? value : encodeURIComponent(value.replace(LONE_SURROGATE, '\ufffd'));
  });
  const searchParams = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) for (const item of [value].flat()) searchParams.append(name, item);
  return `${server.localUrl}${filled}${searchParams.size ? `?${searchParams}` : ''}`;
}

describe('every HTTP route with junk in its path and query', () => {
  it('never answers 5xx, answers errors as JSON, and stores nothing', async () => {
    const walked = routes().filter((route) => route.method === 'get');
    expect(walked.length).toBeGreaterThan(1);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...walked),
        fc.constantFrom<Role | 'anonymous'>('anonymous', ...ROLES),
        fc.array(segment, { minLength: 3, maxLength: 3 }),
        query,
        async (route, caller, params, search) => {
          const url = urlFor(route.path, params, search);
          const before = await rowCounts(database.db, tables);
          const response = await fetch(url, { headers: { ...CSRF_HEADERS, ...(caller === 'anonymous' ? {} : { cookie: cookies[caller] }) }, redirect: 'manual' });
          const text = await response.text();
          const what = `GET ${url.slice(0, 300)} as ${caller}: ${response.status} ${text.slice(0, 300)}`;
          expect(response.status, what).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.headers.get('content-type') ?? '', what).toMatch(/application\/json/);
            expect(() => JSON.parse(text) as unknown, what).not.toThrow();
          }
          // Reading a file or the audit trail is itself audited; nothing else may be written.
          expect(changedTables(before, await rowCounts(database.db, tables), ['audit_events']), what).toEqual([]);
        },
      ),
      { numRuns: 120 },
    );
  });
});
