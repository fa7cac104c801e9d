import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { ROLES, type Role } from '@identdesk/domain';
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.ts';
import {
  businessTables,
  changedContents,
  HOSTILE_STRINGS,
  junkValue,
  malformedJsonBody,
  objectFields,
  plausibleValue,
  schemaAccepts,
  tableContents,
  valueRefusedBy,
  type TableContent,
} from '../testing/bad-input.ts';
import { createDeliverySwitch, startTestServer } from '../testing/harness.ts';
import { CSRF_HEADERS, signInEveryRole } from '../testing/session.ts';
import type { Access, ProcedureMeta } from './init.ts';
import { appRouter } from './router.ts';

/**
 * Bad input against every procedure of the app, over real HTTP with real sessions: arbitrary
 * JSON, malformed bodies, and plausible inputs with one field broken, as each role the procedure
 * admits. Whatever arrives, the answer is never a 500; a BAD_REQUEST names the field and the rule;
 * and a refused call has stored and changed nothing (every table's rows are the same, compared by
 * content: an UPDATE in place counts as much as an INSERT). Procedures added
 * later are walked too: the list comes from the router, as in access-matrix.test.ts.
 *
 * A refused call that reached its procedure may leave an audit event (a failed sign-in is one, on
 * purpose); one refused for its input never does: nothing happened that a reviewer should read.
 */

interface WalkedProcedure {
  path: string;
  access: Access;
  input: z.core.$ZodType | undefined;
}

type ProcedureDef = { _def: { meta?: ProcedureMeta; inputs?: z.core.$ZodType[] } };

const procedures: WalkedProcedure[] = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>).map(
  ([path, procedure]) => ({
    path,
    access: procedure._def.meta?.access ?? { kind: 'public' },
    input: procedure._def.inputs?.[0],
  }),
);

/** Signing out ends the session this test signs in with; they take no input to break anyway. */
const ENDS_THE_SESSION = new Set(['auth.logout', 'auth.logoutEverywhere']);

type Caller = Role | 'anonymous';

function callersOf(access: Access): Caller[] {
  if (access.kind === 'public') return ['anonymous', ...ROLES];
  if (access.kind === 'authenticated') return [...ROLES];
  return [...access.roles];
}

const deliveries = createDeliverySwitch();
let database: TestDatabase;
let server: RunningServer;
let tables: string[];
let contentsAfterLastCall: Record<string, TableContent> | undefined;
let cookies: Record<Role, string>;

beforeAll(async () => {
  database = await openTestDatabase();
  // The sandbox's own webhooks (the subscriptions' first, empty deliveries among them) are dropped:
  // stored and worked off in the background, they would change webhook_deliveries between the
  // snapshots a refused call is judged by (the inbox has its own property test).
  deliveries.state.mode = 'lose';
  // Sign-in attempts with plausible e-mails reach the rate limit otherwise.
  server = await startTestServer({ database, env: { LOGIN_IP_MAX_ATTEMPTS: '100000' }, sandboxFetch: deliveries.fetch });
  cookies = await signInEveryRole(server.localUrl, database.db);
  tables = await businessTables(database.db);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await database?.close();
});

interface Answer {
  status: number;
  code: string | null;
  fieldErrors: { field: string; message: string }[] | null;
  text: string;
}

async function call(path: string, caller: Caller, body: string | undefined): Promise<Answer> {
  const response = await fetch(`${server.localUrl}/trpc/${path}`, {
    method: 'POST',
    headers: { ...CSRF_HEADERS, 'content-type': 'application/json', ...(caller === 'anonymous' ? {} : { cookie: cookies[caller] }) },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: { error?: { data?: { code?: string; fieldErrors?: Answer['fieldErrors'] } } } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // A non-JSON answer is checked below by its status.
  }
  return { status: response.status, code: parsed.error?.data?.code ?? null, fieldErrors: parsed.error?.data?.fieldErrors ?? null, text: text.slice(0, 500) };
}

/**
 * Calls and checks what every answer to bad input must hold; `namedField`: the answer must be a
 * BAD_REQUEST naming this field (or a field inside it).
 */
async function expectHandled(path: string, caller: Caller, body: string | undefined, namedField?: string) {
  // Nothing else writes while this file runs: the tables after one call are the tables before the next.
  const before = (contentsAfterLastCall ??= await tableContents(database.db, tables));
  const answer = await call(path, caller, body);
  const after = await tableContents(database.db, tables);
  contentsAfterLastCall = after;
  const what = `${path} as ${caller} with ${body === undefined ? 'no body' : body.slice(0, 200)} answered ${answer.status} ${answer.text}`;
  expect(answer.status, what).toBeLessThan(500);
  expect(answer.code, what).not.toBe('INTERNAL_SERVER_ERROR');
  if (answer.code === 'BAD_REQUEST' || answer.code === 'PARSE_ERROR') {
    expect(answer.fieldErrors, `${what}: fieldErrors`).not.toBeNull();
    expect(answer.fieldErrors?.length, `${what}: fieldErrors`).toBeGreaterThan(0);
    for (const error of answer.fieldErrors ?? []) {
      expect(error.field, `${what}: a field error names its field`).not.toBe('');
      expect(error.message, `${what}: a field error says the rule`).toMatch(/\S/);
    }
  }
  if (namedField !== undefined) {
    expect(answer.code, what).toBe('BAD_REQUEST');
    const fields = (answer.fieldErrors ?? []).map((error) => error.field);
    expect(
      fields.some((field) => field === namedField || field.startsWith(`${namedField}.`)),
      `${what}: names ${namedField} among ${fields.join(', ')}`,
    ).toBe(true);
  }
  if (answer.status >= 400) {
    const refusedForInput = answer.code === 'BAD_REQUEST' || answer.code === 'PARSE_ERROR';
    expect(changedContents(before, after, refusedForInput ? [] : ['audit_events']), `${what}: rows stored or changed by a refused call`).toEqual([]);
  }
}

const encoded = (value: unknown): string | undefined => JSON.stringify(value) ?? undefined;

const RUNS = { arbitrary: 12, malformed: 4, perField: 6 };

describe('bad input to every procedure, over HTTP', () => {
  it('walks a router of many procedures', () => {
    expect(procedures.length).toBeGreaterThan(10);
  });

  for (const procedure of procedures) {
    if (ENDS_THE_SESSION.has(procedure.path)) continue;
    const callers = fc.constantFrom(...callersOf(procedure.access));

    it(`${procedure.path}: arbitrary JSON and malformed bodies are answered without a 500 and store nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(callers, junkValue(), async (caller, value) => expectHandled(procedure.path, caller, encoded(value))),
        { numRuns: RUNS.arbitrary },
      );
      await fc.assert(
        fc.asyncProperty(callers, malformedJsonBody(), async (caller, body) => expectHandled(procedure.path, caller, body)),
        { numRuns: RUNS.malformed },
      );
    });

    const input = procedure.input;
    if (!input) continue;
    const fields = objectFields(input);
    const base = plausibleValue(input);
    if (Object.keys(fields).length === 0 || typeof base !== 'object' || base === null) continue;

    it(`${procedure.path}: a plausible input with one field broken is refused naming that field`, async () => {
      for (const [name, field] of Object.entries(fields)) {
        await fc.assert(
          fc.asyncProperty(callers, valueRefusedBy(field), async (caller, broken) =>
            expectHandled(procedure.path, caller, encoded({ ...base, [name]: broken }), name),
          ),
          { numRuns: RUNS.perField },
        );
      }
    });

    it(`${procedure.path}: strings a database chokes on, in any text field, never cause a 500`, async () => {
      for (const [name, field] of Object.entries(fields)) {
        for (const hostile of HOSTILE_STRINGS) {
          const caller = callersOf(procedure.access)[0] ?? 'anonymous';
          // A value the field refuses must be named; one it takes must still be handled.
          await expectHandled(procedure.path, caller, encoded({ ...base, [name]: hostile }), schemaAccepts(field, hostile) ? undefined : name);
        }
      }
    });
  }

  it('a body that is not JSON, or not declared as JSON, is refused before any procedure', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const response = await fetch(`${server.localUrl}/trpc/search.persons`, {
        method: 'POST',
        headers: { ...CSRF_HEADERS, cookie: cookies.agent, ...(contentType ? { 'content-type': contentType } : {}) },
        body: '{"query":"Müller"}',
      });
      expect(response.status, contentType).toBe(403);
    }
  });
});
