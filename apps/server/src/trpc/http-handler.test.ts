import { TRPCError } from '@trpc/server';
import * as trpcExpress from '@trpc/server/adapters/express';
import type { Database } from '@identdesk/db';
import express, { type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../logger.ts';
import { listenForTest } from '../testing/http.ts';
import { createTrpcHandler } from './http-handler.ts';
import { createContextInner, publicProcedure, router } from './init.ts';

/**
 * The handler must answer exactly as tRPC's Express adapter does: the same router is served by
 * both and every answer compared (status, body, the headers a client reads, cookies).
 */
const testRouter = router({
  echo: publicProcedure.input(z.strictObject({ text: z.string().max(5) })).query(({ input }) => ({ text: input.text, chars: [...input.text].length })),
  nothing: publicProcedure.query(() => null),
  big: publicProcedure.query(() => ({ rows: Array.from({ length: 3000 }, (_, index) => ({ index, day: '2026-11-26', counts: [1, 2, 3, 4, 5] })) })),
  fails: publicProcedure.query(() => {
    throw new TRPCError({ code: 'CONFLICT', message: 'already done' });
  }),
  crashes: publicProcedure.query(() => {
    throw new Error('database row 17 is broken');
  }),
  setsCookie: publicProcedure.mutation(({ ctx }) => {
    ctx.auth.cookies.set('token-value');
    return { ok: true };
  }),
  ticks: publicProcedure.subscription(async function* () {
    yield 1;
    yield 2;
  }),
});

const context = ({ res }: { req: express.Request; res: express.Response }) => {
  const inner = createContextInner({
    db: {} as Database,
    databaseKind: 'pglite',
    user: null,
    origin: { ip: null, userAgent: null },
    logger: createLogger({ level: 'silent' }),
    now: () => new Date('2026-11-26T12:00:00Z'),
  });
  return {
    ...inner,
    auth: {
      ...inner.auth,
      cookies: {
        set: (token: string) => res.cookie('identdesk_session', token, { httpOnly: true, sameSite: 'strict', path: '/' }),
        clear: () => res.clearCookie('identdesk_session'),
      },
    },
  };
};

function appWith(handler: RequestHandler) {
  const app = express();
  app.use('/trpc', handler);
  return app;
}

const errors: Record<'adapter' | 'handler', string[]> = { adapter: [], handler: [] };
const options = (which: 'adapter' | 'handler') => ({
  router: testRouter,
  allowMethodOverride: true,
  createContext: context,
  onError: ({ error, path }: { error: TRPCError; path?: string }) => {
    errors[which].push(`${path}: ${error.code}`);
  },
});

let adapter: Awaited<ReturnType<typeof listenForTest>>;
let handler: Awaited<ReturnType<typeof listenForTest>>;

beforeAll(async () => {
  adapter = await listenForTest(appWith(trpcExpress.createExpressMiddleware(options('adapter'))));
  handler = await listenForTest(appWith(createTrpcHandler(options('handler'))));
});

afterAll(async () => {
  await adapter.close();
  await handler.close();
});

interface Answer {
  status: number;
  body: string;
  contentType: string | null;
  vary: string | null;
  setCookie: string[];
}

/** Stack traces (sent outside production) name the adapter's own frames: set aside. */
const withoutStacks = (body: string) => body.replace(/"stack":"(?:[^"\\]|\\.)*"/g, '"stack":"…"');

async function ask(baseUrl: string, path: string, init?: RequestInit): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, init);
  return {
    status: response.status,
    body: withoutStacks(await response.text()),
    contentType: response.headers.get('content-type'),
    vary: response.headers.get('vary'),
    setCookie: response.headers.getSetCookie(),
  };
}

const json = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

const requests: Array<[string, string, RequestInit | undefined]> = [
  ['a query sent as POST', '/trpc/echo', json('{"text":"Grüß"}')],
  ['a query sent as GET', `/trpc/echo?input=${encodeURIComponent('{"text":"ok"}')}`, undefined],
  ['HEAD', '/trpc/echo', { method: 'HEAD' }],
  ['a query without input', '/trpc/nothing', json('')],
  ['a large answer', '/trpc/big', json('{}')],
  ['input the schema refuses', '/trpc/echo', json('{"text":"far too long"}')],
  ['an unknown key', '/trpc/echo', json('{"text":"a","extra":1}')],
  ['a body that is not JSON', '/trpc/echo', json('{"text":')],
  ['a body with a byte order mark', '/trpc/echo', json('\uFEFF{"text":"bom"}')],
  ['invalid UTF-8', '/trpc/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }],
  ['content-type with parameters and capitals', '/trpc/echo', json('{"text":"x"}', { 'content-type': 'Application/JSON; charset=utf-8' })],
  ['an unknown procedure', '/trpc/nope', json('{}')],
  ['a procedure error', '/trpc/fails', json('{}')],
  ['an unexpected error', '/trpc/crashes', json('{}')],
  ['a mutation sent as GET', '/trpc/setsCookie', undefined],
  ['a mutation that sets a cookie', '/trpc/setsCookie', json('{}')],
  ['a batch', '/trpc/echo,nothing,echo?batch=1', json('{"0":{"text":"one"},"2":{"text":"three"}}')],
  ['a batch with an error', '/trpc/echo,fails?batch=1', json('{"0":{"text":"one"}}')],
  ['a batch sent as GET', `/trpc/echo,nothing?batch=1&input=${encodeURIComponent('{"0":{"text":"one"}}')}`, undefined],
  ['a batch whose input is not an object', '/trpc/echo?batch=1', json('[1]')],
  ['a streamed batch', '/trpc/echo,nothing?batch=1', json('{"0":{"text":"one"}}', { 'trpc-accept': 'application/jsonl' })],
  ['a subscription', '/trpc/ticks', undefined],
  ['a multipart body', '/trpc/echo', { method: 'POST', body: new FormData() }],
  ['a body of another type', '/trpc/echo', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"text":"x"}' }],
  ['PUT', '/trpc/echo', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"text":"x"}' }],
];

describe('tRPC over Express without the Fetch API in between', () => {
  it.each(requests)('answers %s as tRPC’s adapter does', async (_name, path, init) => {
    errors.adapter.length = 0;
    errors.handler.length = 0;
    const expected = await ask(adapter.url, path, init);
    const actual = await ask(handler.url, path, init);
    if (expected.contentType === 'text/event-stream') {
      // Event ids and timing differ between two streams; the kind of answer must not.
      expect({ ...actual, body: '' }).toEqual({ ...expected, body: '' });
    } else {
      expect(actual).toEqual(expected);
    }
    expect(errors.handler).toEqual(errors.adapter);
  });

  it('answers a JSON call in one piece with its length, not in chunks', async () => {
    const response = await fetch(`${handler.url}/trpc/big`, json('{}'));
    const body = await response.text();
    expect(response.headers.get('transfer-encoding')).toBeNull();
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
  });
});
