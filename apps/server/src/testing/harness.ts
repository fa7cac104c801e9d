import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { DatabaseHandle } from '@identdesk/db';
import { loadConfig, type Config } from '../env.ts';
import { createLogger } from '../logger.ts';
import { startServer, type RunningServer, type StartServerOptions } from '../server.ts';

/** Configuration for a test server: port 0, quiet, fast retries, no timers the test does not ask for. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    // Tests create the users they need; the demo accounts would only be noise.
    DEMO_USERS: 'false',
    RECONCILE_INTERVAL_MINUTES: '0',
    SANDBOX_CONTROL_API: 'true',
    WEBHOOK_RETRY_BASE_SECONDS: '0.02',
    WEBHOOK_MAX_ATTEMPTS: '3',
    WEBHOOK_LEASE_SECONDS: '30',
    ...env,
  });
}

export interface TestServerOptions {
  database: DatabaseHandle;
  env?: Record<string, string>;
  /** Collects the server's log lines (at LOG_LEVEL from `env`). */
  logLines?: string[];
  sandboxFetch?: typeof fetch;
  overrides?: Partial<StartServerOptions>;
}

export async function startTestServer(options: TestServerOptions): Promise<RunningServer> {
  const config = testConfig(options.env);
  return startServer({
    config,
    logger: createLogger({ level: config.logLevel, ...(options.logLines ? { destination: collect(options.logLines) } : {}) }),
    database: options.database,
    // The client's own retries in milliseconds, so a test of them does not wait for seconds.
    solarisClient: { retryBaseDelayMs: 2, retryMaxDelayMs: 10, maxRetries: 2 },
    sandbox: { pollIntervalMs: 25, ...(options.sandboxFetch ? { fetch: options.sandboxFetch } : {}) },
    workerPollIntervalMs: 50,
    ...options.overrides,
  });
}

function collect(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
}

/** A port that was free a moment ago, for a server whose URL must be known before it starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A webhook the sandbox sent, captured instead of delivered. */
export interface HeldDelivery {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Stands between the sandbox's webhook dispatcher and Identdesk: `pass` delivers, `lose` tells
 * the sandbox it was delivered but drops it (a webhook lost on the way), `hold` keeps it for the
 * test to deliver later, in any order.
 */
export function createDeliverySwitch() {
  const state = { mode: 'pass' as 'pass' | 'lose' | 'hold', held: [] as HeldDelivery[] };
  const deliveryFetch: typeof fetch = async (input, init) => {
    if (state.mode === 'pass') return fetch(input, init);
    if (state.mode === 'hold') {
      state.held.push({
        url: String(input),
        headers: { ...(init?.headers as Record<string, string>) },
        body: typeof init?.body === 'string' ? init.body : '',
      });
    }
    return new Response(null, { status: 200 });
  };
  return { state, fetch: deliveryFetch };
}

export async function deliver(delivery: HeldDelivery): Promise<Response> {
  return fetch(delivery.url, { method: 'POST', headers: delivery.headers, body: delivery.body });
}

interface FaultRule {
  matches: (method: string, path: string) => boolean;
  statuses: number[];
}

interface StallRule {
  matches: (method: string, path: string) => boolean;
  /** Pass the request on to the target first (it acts on it), then never answer. */
  forward: boolean;
}

export type FaultProxy = Awaited<ReturnType<typeof startFaultProxy>>;

/**
 * A test server that reaches its own sandbox through a fault proxy, so its Solaris client and
 * worker meet chosen errors (or no answer) over real HTTP. The proxy must know the server's port
 * before the server starts: the server subscribes to webhooks through it.
 */
export async function startTestServerBehindFaultProxy(
  options: TestServerOptions,
  proxyOptions: { delayMs?: number } = {},
): Promise<{ server: RunningServer; proxy: FaultProxy }> {
  const port = await freePort();
  const proxy = await startFaultProxy(() => `http://127.0.0.1:${port}`, proxyOptions);
  const server = await startTestServer({
    ...options,
    env: { ...options.env, PORT: String(port), SOLARIS_API_URL: `${proxy.origin}/sandbox/solaris` },
  });
  return { server, proxy };
}

/**
 * A tiny HTTP proxy in front of the sandbox that answers chosen requests with chosen errors
 * (Solaris' error shape) and passes everything else through, so the client and the worker meet
 * real 429s, 500s and 400s over real HTTP.
 */
export async function startFaultProxy(target: () => string, options: { delayMs?: number } = {}) {
  const rules: FaultRule[] = [];
  const stallRules: StallRule[] = [];
  const settings = { delayMs: options.delayMs ?? 0 };
  const log: { method: string; path: string; status: number }[] = [];
  /** Requests a stall rule caught: the caller sees no answer, ever (until its process dies). */
  const stalled: { method: string; path: string; forwardedStatus: number | null }[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      // A slow Solaris, so a test can catch the worker in the middle of its queue.
      if (settings.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.delayMs));
      const method = req.method ?? 'GET';
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const stall = stallRules.find((candidate) => candidate.matches(method, path));
      if (stall) {
        let forwardedStatus: number | null = null;
        if (stall.forward) forwardedStatus = (await forward(req, method)).status;
        stalled.push({ method, path, forwardedStatus });
        return;
      }
      const rule = rules.find((candidate) => candidate.statuses.length > 0 && candidate.matches(method, path));
      const injected = rule?.statuses.shift();
      if (injected !== undefined) {
        log.push({ method, path, status: injected });
        res.writeHead(injected, { 'content-type': 'application/json', ...(injected === 429 ? { 'retry-after': '0' } : {}) });
        res.end(
          JSON.stringify({
            errors: [
              {
                id: 'injected',
                status: injected,
                code: injected === 400 ? 'bad_request' : injected === 429 ? 'too_many_requests' : 'internal_error',
                title: 'Injected by the test proxy',
                detail: injected === 400 ? 'id is invalid' : 'try again',
                ...(injected === 400 ? { source: { field: 'id', message: 'is invalid' } } : {}),
              },
            ],
          }),
        );
        return;
      }
      const answer = await forward(req, method);
      log.push({ method, path, status: answer.status });
      const bytes = Buffer.from(await answer.arrayBuffer());
      const passed: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'content-encoding') passed[name] = value;
      });
      res.writeHead(answer.status, passed);
      res.end(bytes);
    })().catch((error: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  async function forward(req: IncomingMessage, method: string): Promise<Response> {
    const body = await readBody(req);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers.set(name, value);
    }
    return fetch(`${target()}${req.url ?? '/'}`, {
      method,
      headers,
      ...(body.length > 0 ? { body } : {}),
    });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    log,
    stalled,
    settings,
    /**
     * Matching requests never get an answer, as when the server calling dies mid-request:
     * `forward: true` lets the target act on them first (the answer is what gets lost).
     */
    stall(matches: StallRule['matches'], options: { forward: boolean }) {
      stallRules.push({ matches, forward: options.forward });
    },
    /** The next matching requests get these statuses, one each, in order. */
    inject(matches: FaultRule['matches'], statuses: number[]) {
      rules.push({ matches, statuses: [...statuses] });
    },
    clear() {
      rules.length = 0;
      stallRules.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Polls `read` until `done` holds; fails after `timeoutMs` with the last value (no fixed sleeps). */
export async function waitFor<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  { timeoutMs = 15_000, intervalMs = 25, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
