import { upsertIdentificationSnapshot, upsertIdnowAttempts } from '@identdesk/db';
import { createPerson, makeIdentification, makeIdnowAttempt, openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { ROLES, type Role } from '@identdesk/domain';
import { TRPCError } from '@trpc/server';
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
let identificationId: string;
const at = (berlinWinterTime: string) => new Date(`${berlinWinterTime}+01:00`);
const RANGE = { from: '2025-01-01', to: '2025-01-31' };

beforeAll(async () => {
  handle = await openTestDatabase();
  for (const role of ROLES) users[role] = await createPasswordUser(handle.db, { role });
  // Jane Doe signs up on 10 January, is requested, aborts once with bad audio, then succeeds.
  const person = await createPerson(handle.db, { firstName: 'Jane', lastName: 'Doe-Metrics', branch: 'BR1' }, at('2025-01-10T09:00:00'));
  const identification = makeIdentification(person.id, { language: 'EN', createdAt: at('2025-01-10T09:05:00') });
  identificationId = identification.id;
  const deliver = (status: 'created' | 'pending' | 'aborted' | 'successful', time: string) =>
    upsertIdentificationSnapshot(handle.db, { identification: { ...identification, status }, observedAt: at(time), source: 'test' });
  await deliver('created', '2025-01-10T09:05:00');
  await deliver('pending', '2025-01-10T09:10:00');
  await deliver('aborted', '2025-01-10T09:31:00');
  await upsertIdnowAttempts(handle.db, identification.id, [
    makeIdnowAttempt({ result: 'ABORTED', reason: 'TECH_AUDIO', identificationTime: at('2025-01-10T09:30:00') }),
  ]);
  await deliver('successful', '2025-01-11T10:00:00');
});
afterAll(() => handle?.close());

/** The input fields a validation error names (what the error formatter sends as fieldErrors). */
function fieldsOf(error: TRPCError): string[] {
  return error.cause instanceof ZodError ? error.cause.issues.map((issue) => issue.path.join('.')) : [];
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('metrics procedures', () => {
  it('answer team leads and admins with the figures of the range', async () => {
    for (const role of ['team_lead', 'admin'] as const) {
      const { caller } = callerFor(handle.db, users[role]);
      const funnel = await caller.metrics.funnel({ ...RANGE, granularity: 'month' });
      expect(funnel.total.map((step) => step.count)).toEqual([1, 1, 1, 1, 1]);
      const outcomes = await caller.metrics.outcomes({ ...RANGE, language: 'EN' });
      expect(outcomes.totals).toMatchObject({ created: 1, pending: 1, aborted: 1, successful: 1 });
      expect(outcomes.periods).toHaveLength(31);
      const reasons = await caller.metrics.failureReasons({ ...RANGE, branch: 'BR1' });
      expect(reasons.codes.map((code) => [code.code, code.attempts, code.category])).toEqual([['TECH_AUDIO', 1, 'TECHNICAL']]);
      expect((await caller.metrics.retryRecovery(RANGE)).rate).toBe(1);
      expect((await caller.metrics.timeToIdentify(RANGE)).identified).toBe(1);
      expect((await caller.metrics.teamWork(RANGE)).people).toEqual([]);
      expect(await caller.metrics.branches()).toEqual(['BR1']);
    }
  });

  it('give the backlog and drill-downs with instants as ISO strings and no personal data', async () => {
    const { caller } = callerFor(handle.db, users.team_lead);
    const backlog = await caller.metrics.backlog();
    expect(backlog).toMatchObject({ total: 0, oldestStartedAt: null });
    expect(backlog.asOf).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const drill = await caller.metrics.drillDown({ ...RANGE, target: { kind: 'outcome', status: 'aborted' } });
    expect(drill).toEqual({
      total: 1,
      page: 1,
      pageSize: 25,
      items: [
        {
          identificationId,
          status: 'successful',
          createdAt: at('2025-01-10T09:05:00').toISOString(),
          language: 'EN',
          latestFailureCode: 'TECH_AUDIO',
          at: at('2025-01-10T09:31:00').toISOString(),
        },
      ],
    });
    const everything = JSON.stringify([
      drill,
      await caller.metrics.drillDown({ ...RANGE, target: { kind: 'funnel', step: 'persons_created' } }),
      await caller.metrics.drillDown({ ...RANGE, target: { kind: 'failureReason', code: 'TECH_AUDIO' } }),
    ]);
    expect(everything).not.toContain('Jane');
    expect(everything).not.toContain('Doe-Metrics');
    expect(everything).not.toContain('cper');
  });

  it('refuse agents and compliance, and callers without a session', async () => {
    for (const role of ['agent', 'compliance'] as const) {
      const { caller } = callerFor(handle.db, users[role]);
      expect((await failure(caller.metrics.funnel(RANGE))).code).toBe('FORBIDDEN');
      expect((await failure(caller.metrics.drillDown({ ...RANGE, target: { kind: 'backlog' } }))).code).toBe('FORBIDDEN');
    }
    expect((await failure(callerFor(handle.db, null).caller.metrics.backlog())).code).toBe('UNAUTHORIZED');
  });

  it('refuse bad ranges and filters with BAD_REQUEST naming the field and the rule', async () => {
    const { caller } = callerFor(handle.db, users.team_lead);
    const cases: [unknown, string, RegExp][] = [
      [{ from: '2025-02-30', to: '2025-03-01' }, 'from', /from must be a calendar date that exists, written YYYY-MM-DD/],
      [{ from: '1999-12-31', to: '2000-01-05' }, 'from', /from must be between 2000-01-01 and 2099-12-31/],
      [{ from: '2025-03-02', to: '2025-03-01' }, 'to', /to \(2025-03-01\) must be on or after from \(2025-03-02\)/],
      [{ from: '2024-01-01', to: '2025-02-04' }, 'to', /spans 401 days; choose at most 400/],
      [{ ...RANGE, granularity: 'year' }, 'granularity', /granularity must be day, week or month/],
      [{ ...RANGE, language: 'FR' }, 'language', /language must be DE or EN/],
      [{ ...RANGE, branch: ' ' }, 'branch', /branch must not be empty/],
      [{ to: '2025-01-31' }, 'from', /from must be given as a date written YYYY-MM-DD/],
    ];
    for (const [input, field, message] of cases) {
      const error = await failure(caller.metrics.funnel(input as never));
      expect(error.code, JSON.stringify(input)).toBe('BAD_REQUEST');
      expect(error.message).toMatch(message);
      expect(fieldsOf(error)).toEqual([field]);
    }
    // 400 days exactly is allowed.
    expect((await caller.metrics.outcomes({ from: '2024-01-01', to: '2025-02-03' })).periods).toHaveLength(400);

    const drill = (target: unknown, extra: object = {}) => failure(caller.metrics.drillDown({ ...RANGE, target, ...extra } as never));
    expect((await drill({ kind: 'bar' })).message).toMatch(/target.kind must be funnel, outcome, failureReason or backlog/);
    expect((await drill({ kind: 'funnel', step: 'signed_up' })).message).toMatch(/step must be one of persons_created/);
    expect((await drill({ kind: 'outcome', status: 'lost' })).message).toMatch(/status must be one of created/);
    expect((await drill({ kind: 'failureReason', code: '' })).message).toMatch(/code must not be empty/);
    expect((await drill({ kind: 'backlog', bucket: 'ancient' })).message).toMatch(/bucket must be one of under_4h/);
    expect((await drill({ kind: 'backlog' }, { pageSize: 500 })).message).toMatch(/pageSize must be at most 100/);
  });
});

describe('metrics over HTTP', () => {
  it('serves a team lead’s POST query as JSON, and a bad range as 400 with field errors', async () => {
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
        body: JSON.stringify({ email: users.team_lead.email, password: TEST_PASSWORD }),
      });
      const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
      const post = (procedure: string, input: unknown) =>
        fetch(`${server.url}/trpc/${procedure}`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify(input) });

      const ok = await post('metrics.funnel', { ...RANGE, granularity: 'week' });
      expect(ok.status).toBe(200);
      const body = (await ok.json()) as { result: { data: { total: { count: number }[]; cohorts: unknown[] } } };
      expect(body.result.data.total.map((step) => step.count)).toEqual([1, 1, 1, 1, 1]);
      expect(body.result.data.cohorts).toHaveLength(5);

      const bad = await post('metrics.failureReasons', { from: '2025-03-02', to: '2025-03-01' });
      expect(bad.status).toBe(400);
      const error = (await bad.json()) as { error: { data: { code: string; fieldErrors: { field: string; message: string }[] } } };
      expect(error.error.data.code).toBe('BAD_REQUEST');
      expect(error.error.data.fieldErrors).toEqual([{ field: 'to', message: 'to (2025-03-01) must be on or after from (2025-03-02)' }]);
      expect(logLines.join('')).not.toContain('Doe-Metrics');
    } finally {
      await server.close();
    }
  });
});
