import { auditEvents } from '@identdesk/db';
import { createIdentification, createPerson, openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { ROLES, type Role } from '@identdesk/domain';
import { TRPCError } from '@trpc/server';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createApp } from '../../app.ts';
import { createAuthService } from '../../auth/service.ts';
import { DEFAULT_AUTH_SETTINGS } from '../../auth/settings.ts';
import { createLogger } from '../../logger.ts';
import { createPasswordUser, TEST_PASSWORD } from '../../testing/auth.ts';
import { callerFor } from '../../testing/callers.ts';
import { collectLines, fakeWebDist, listenForTest } from '../../testing/http.ts';
import type { SignedInUser } from '../init.ts';

let handle: TestDatabase;
const users = {} as Record<Role, SignedInUser>;
let juergen: { id: string };
let juergensIdentification: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  for (const role of ROLES) users[role] = await createPasswordUser(handle.db, { role });
  juergen = await createPerson(
    handle.db,
    { firstName: 'Jürgen', lastName: 'Müller', birthDate: '1980-02-03', mobileNumber: '0171 2345678', email: 'j.mueller@web.de' },
    new Date('2024-01-10T12:00:00.000Z'),
  );
  await createPerson(handle.db, { firstName: 'Anna', lastName: 'Schmidt' }, new Date('2024-02-10T12:00:00.000Z'));
  juergensIdentification = (
    await createIdentification(handle.db, juergen.id, { status: 'pending', language: 'EN', createdAt: new Date('2024-01-11T08:00:00.000Z') })
  ).id;
});
afterAll(() => handle?.close());

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Field and message of each validation problem, as the error formatter sends them to the web app. */
function problemsOf(error: TRPCError): { field: string; message: string }[] {
  return error.cause instanceof ZodError ? error.cause.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })) : [];
}

async function lastAuditEvent() {
  const [event] = await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  return event;
}

describe('search.persons', () => {
  it('finds a customer by a misspelt name for agents and compliance, in the shape of the contract', async () => {
    for (const role of ['agent', 'compliance'] as const) {
      const { caller } = callerFor(handle.db, users[role]);
      const result = await caller.search.persons({ query: 'muelller jurgen', page: 1, pageSize: 25 });
      expect(result).toEqual({
        items: [
          {
            id: juergen.id,
            name: 'Jürgen Müller',
            birthDate: '1980-02-03',
            email: 'j.mueller@web.de',
            mobileNumber: '0171 2345678',
            city: 'Berlin',
            createdAt: '2024-01-10T12:00:00.000Z',
            latestIdentification: { id: juergensIdentification, status: 'pending', language: 'EN' },
            proofOfAddressState: expect.any(String),
          },
        ],
        total: 1,
        totalIsExact: true,
        page: 1,
        pageSize: 25,
        queryKind: 'name',
      });
    }
  });

  it('refuses team leads and admins, and anyone not signed in', async () => {
    for (const role of ['team_lead', 'admin'] as const) {
      const { caller } = callerFor(handle.db, users[role]);
      expect((await failure(caller.search.persons({ query: 'muller', page: 1, pageSize: 25 }))).code).toBe('FORBIDDEN');
    }
    const { caller } = callerFor(handle.db, null);
    expect((await failure(caller.search.persons({ query: 'muller', page: 1, pageSize: 25 }))).code).toBe('UNAUTHORIZED');
  });

  it('says which id matched, so the web app can open that customer at once', async () => {
    const { caller } = callerFor(handle.db, users.agent);
    const byPerson = await caller.search.persons({ query: ` ${juergen.id} `, page: 1, pageSize: 10 });
    expect(byPerson).toMatchObject({ queryKind: 'person_id', total: 1, match: { personId: juergen.id } });
    const byIdentification = await caller.search.persons({ query: juergensIdentification, page: 1, pageSize: 10 });
    expect(byIdentification).toMatchObject({
      queryKind: 'identification_id',
      match: { personId: juergen.id, identificationId: juergensIdentification },
    });
    expect(byIdentification.items.map((item) => item.id)).toEqual([juergen.id]);
    const byName = await caller.search.persons({ query: 'muller', page: 1, pageSize: 10 });
    expect(byName).not.toHaveProperty('match');
  });

  it('filters, sorts and pages as asked, with defaults for page and pageSize', async () => {
    const { caller } = callerFor(handle.db, users.agent);
    const pendingEnglish = await caller.search.persons({ query: '', filters: { identificationStatus: ['pending'], language: 'EN' } });
    expect(pendingEnglish).toMatchObject({ page: 1, pageSize: 25, total: 1 });
    expect(pendingEnglish.items.map((item) => item.name)).toEqual(['Jürgen Müller']);
    const byName = await caller.search.persons({ query: '', sort: { field: 'name', direction: 'desc' }, page: 1, pageSize: 10 });
    expect(byName.items.map((item) => item.name)).toEqual(['Anna Schmidt', 'Jürgen Müller']);
    const secondPage = await caller.search.persons({ query: '', page: 2, pageSize: 10 });
    expect(secondPage).toMatchObject({ items: [], total: 2, totalIsExact: true, page: 2 });
  });

  it('names the field and the rule of bad input, and searches nothing', async () => {
    const { caller } = callerFor(handle.db, users.agent);
    const before = await handle.db.$count(auditEvents, eq(auditEvents.action, 'person.searched'));
    const cases: [unknown, { field: string; message: string }][] = [
      [{ query: 'x'.repeat(201) }, { field: 'query', message: 'query must be at most 200 characters' }],
      [{}, { field: 'query', message: 'query is required: the text typed into the search box (empty lists everyone)' }],
      [{ query: '', pageSize: 30 }, { field: 'pageSize', message: 'pageSize must be one of 10, 25, 50, 100' }],
      [{ query: '', page: 0 }, { field: 'page', message: 'page must be 1 or more' }],
      [{ query: '', page: 101, pageSize: 100 }, { field: 'page', message: expect.stringContaining('beyond the first 10,000 results') }],
      [{ query: '', filters: { language: 'FR' } }, { field: 'filters.language', message: 'filters.language must be DE or EN' }],
      [
        { query: '', filters: { identificationStatus: ['done'] } },
        { field: 'filters.identificationStatus.0', message: expect.stringContaining('filters.identificationStatus may only list created') },
      ],
      [
        { query: '', filters: { createdFrom: '2024-02-30' } },
        { field: 'filters.createdFrom', message: 'filters.createdFrom must be a calendar date that exists, written YYYY-MM-DD' },
      ],
      [
        { query: '', filters: { createdFrom: '2024-03-02', createdTo: '2024-03-01' } },
        { field: 'filters.createdTo', message: 'filters.createdTo (2024-03-01) must be on or after filters.createdFrom (2024-03-02)' },
      ],
      [{ query: '', sort: { field: 'email', direction: 'asc' } }, { field: 'sort.field', message: expect.stringContaining('sort.field must be one of relevance') }],
    ];
    for (const [input, problem] of cases) {
      const error = await failure(caller.search.persons(input as never));
      expect(error.code, JSON.stringify(input).slice(0, 80)).toBe('BAD_REQUEST');
      expect(problemsOf(error), JSON.stringify(input).slice(0, 80)).toEqual([problem]);
    }
    expect(await handle.db.$count(auditEvents, eq(auditEvents.action, 'person.searched'))).toBe(before);
  });

  it('records each search in the audit trail with its kind and result count, never the text typed', async () => {
    const { caller } = callerFor(handle.db, users.compliance);
    await caller.search.persons({ query: 'Jürgen Müller', filters: { language: 'EN', proofOfAddressOutstanding: false }, page: 1, pageSize: 25 });
    const event = await lastAuditEvent();
    expect(event).toMatchObject({
      action: 'person.searched',
      actorUserId: users.compliance.id,
      actorRole: 'compliance',
      personId: null,
      subjectType: null,
      details: { queryKind: 'name', filters: ['language'], sort: 'relevance', page: 1, personIds: [juergen.id], results: 1, resultsExact: true },
    });
    expect(JSON.stringify(event)).not.toMatch(/j[uü]e?rgen|m[uü]e?ller/i);

    await caller.search.persons({ query: juergen.id, page: 1, pageSize: 25 });
    expect(await lastAuditEvent()).toMatchObject({
      action: 'person.searched',
      personId: juergen.id,
      details: { queryKind: 'person_id', personIds: [juergen.id], results: 1 },
    });
  });

  it('records whom each page showed, by id and in the order shown, and an empty list for an empty page', async () => {
    const { caller } = callerFor(handle.db, users.agent);
    const byName = await caller.search.persons({ query: '', sort: { field: 'name', direction: 'asc' }, page: 1, pageSize: 10 });
    const shown = byName.items.map((item) => item.id);
    expect(shown).toHaveLength(2);
    const event = await lastAuditEvent();
    expect(event?.details).toMatchObject({ queryKind: 'empty', personIds: shown, results: 2 });
    // Ids only: nothing of what the page showed about them.
    expect(JSON.stringify(event)).not.toMatch(/anna|schmidt|j\.mueller@web\.de|0171/i);

    await caller.search.persons({ query: '', page: 2, pageSize: 10 });
    expect((await lastAuditEvent())?.details).toMatchObject({ page: 2, personIds: [], results: 2 });
  });
});

describe('search.persons over HTTP', () => {
  it('answers a signed-in agent’s POST, rejects bad input with field errors, and logs no typed text', async () => {
    const logLines: string[] = [];
    const logger = createLogger({ level: 'info', destination: collectLines(logLines) });
    const server = await listenForTest(
      createApp({
        database: handle,
        logger,
        webDistDir: fakeWebDist(),
        auth: {
          service: createAuthService({ db: handle.db, settings: DEFAULT_AUTH_SETTINGS, logger }),
          oidc: null,
          demoUsers: false,
          publicUrl: () => 'http://localhost',
        },
      }),
    );
    try {
      const headers = { 'content-type': 'application/json', 'x-identdesk-csrf': '1' };
      const login = await fetch(`${server.url}/trpc/auth.login`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ email: users.agent.email, password: TEST_PASSWORD }),
      });
      const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
      const post = (input: unknown) =>
        fetch(`${server.url}/trpc/search.persons`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify(input) });

      const ok = await post({ query: '+49 171 234 5678', page: 1, pageSize: 10 });
      expect(ok.status).toBe(200);
      const body = (await ok.json()) as { result: { data: { queryKind: string; items: { name: string }[] } } };
      expect(body.result.data.queryKind).toBe('phone');
      expect(body.result.data.items.map((item) => item.name)).toEqual(['Jürgen Müller']);

      const bad = await post({ query: 'Müller', page: 1, pageSize: 7 });
      expect(bad.status).toBe(400);
      const error = (await bad.json()) as { error: { data: { code: string; fieldErrors: { field: string; message: string }[] } } };
      expect(error.error.data.code).toBe('BAD_REQUEST');
      expect(error.error.data.fieldErrors).toEqual([{ field: 'pageSize', message: 'pageSize must be one of 10, 25, 50, 100' }]);

      const log = logLines.join('');
      expect(log).toContain('/trpc/search.persons');
      expect(log).not.toMatch(/m[uü]e?ller|2345678|\+49/i);
    } finally {
      await server.close();
    }
  });
});
