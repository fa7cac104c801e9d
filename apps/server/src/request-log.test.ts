import { randomUUID } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';
import { requestLog } from './request-log.ts';
import { collectLines, listenForTest } from './testing/http.ts';

/**
 * The request log must read as pino-http wrote it with the configuration app.ts had: both log
 * the same requests and their lines are compared, with the clock and random ids set aside.
 */
const ignore = (req: { url: string }) => req.url === '/healthz' || req.url === '/readyz';

function pinoHttpAsConfigured(logger: ReturnType<typeof createLogger>): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => ignore(req) },
  });
}

function appWith(logging: RequestHandler) {
  const app = express();
  app.use(logging);
  const api = express.Router();
  api.post('/thing', (_req, res) => {
    res.json({ ok: true });
  });
  app.use('/api', api);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/fails', () => {
    throw new Error('broken');
  });
  app.get('/answers-503', (_req, res) => {
    res.status(503).json({ status: 'starting' });
  });
  app.get('/{*path}', (_req, res) => {
    res.status(404).send('nothing here');
  });
  return app;
}

const lines = { before: [] as string[], now: [] as string[] };
let before: Awaited<ReturnType<typeof listenForTest>>;
let now: Awaited<ReturnType<typeof listenForTest>>;

beforeAll(async () => {
  before = await listenForTest(appWith(pinoHttpAsConfigured(createLogger({ level: 'info', destination: collectLines(lines.before) }))));
  now = await listenForTest(appWith(requestLog(createLogger({ level: 'info', destination: collectLines(lines.now) }), { ignore })));
});

afterAll(async () => {
  await before.close();
  await now.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A logged line without what differs between two runs: time, duration, generated ids, stack traces. */
function comparable(line: string) {
  const entry = JSON.parse(line) as Record<string, unknown> & { req?: { id?: unknown }; err?: { stack?: unknown } };
  expect(typeof entry.time).toBe('number');
  expect(typeof entry.responseTime).toBe('number');
  const { time: _time, responseTime: _responseTime, ...rest } = entry;
  if (rest.req && typeof rest.req.id === 'string' && UUID.test(rest.req.id)) rest.req = { ...rest.req, id: 'generated' };
  if (rest.err) rest.err = { ...rest.err, stack: typeof rest.err.stack };
  return rest;
}

async function logsOf(baseUrl: string, which: 'before' | 'now', path: string, init?: RequestInit) {
  lines[which].length = 0;
  const response = await fetch(`${baseUrl}${path}`, init);
  await response.arrayBuffer();
  // The line is written when the response is done, which the client may see first.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return lines[which].map(comparable);
}

describe('request log', () => {
  it.each([
    ['a request', '/api/thing', { method: 'POST' }],
    ['a query string, never logged', '/api/thing?name=M%C3%BCller&born=1992-12-11', { method: 'POST' }],
    ['the caller’s request id', '/api/thing', { method: 'POST', headers: { 'x-request-id': 'abc-123_def' } }],
    ['a request id that is not a plain token', '/api/thing', { method: 'POST', headers: { 'x-request-id': 'a b<c>' } }],
    ['a health check, not logged', '/healthz', undefined],
    ['a 404', '/nowhere', undefined],
    ['an error answered 500', '/fails', undefined],
    ['a 503', '/answers-503', undefined],
  ] as const)('logs %s as pino-http did', async (_name, path, init) => {
    const expected = await logsOf(before.url, 'before', path, init as RequestInit | undefined);
    const actual = await logsOf(now.url, 'now', path, init as RequestInit | undefined);
    expect(expected).toHaveLength(path === '/healthz' ? 0 : 1);
    expect(actual).toEqual(expected);
  });

  it('writes nothing and builds nothing when info is off', async () => {
    const quiet: string[] = [];
    const server = await listenForTest(appWith(requestLog(createLogger({ level: 'warn', destination: collectLines(quiet) }), { ignore })));
    await (await fetch(`${server.url}/api/thing`, { method: 'POST' })).arrayBuffer();
    await server.close();
    expect(quiet).toEqual([]);
  });
});
