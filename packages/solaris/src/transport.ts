import { setTimeout as delay } from 'node:timers/promises';
import type { z } from 'zod';
import {
  SolarisApiError,
  SolarisInvalidResponseError,
  SolarisUnavailableError,
  parseSolarisErrorBody,
  type HttpMethod,
} from './errors.ts';
import { oauthTokenResponseSchema } from './resources.ts';

export interface SolarisRetryEvent {
  method: HttpMethod;
  /** The path template (`/v1/persons/{person_id}`): no ids, no query, nothing personal. */
  pathTemplate: string;
  /** The HTTP status that caused the retry, or null when there was no answer. */
  status: number | null;
  reason: 'rate_limited' | 'server_error' | 'timeout' | 'network';
  /** The attempt that failed, counting from 1. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
}

/** What went wrong with one HTTP attempt, from the connection's point of view. */
export type SolarisAttemptProblem = 'rate_limited' | 'server_error' | 'timeout' | 'network';

export interface SolarisAttemptResult {
  /** The HTTP status, or null when there was no answer. */
  status: number | null;
  /** Null when Solaris answered as it should (2xx, or a 4xx refusing the request itself). */
  problem: SolarisAttemptProblem | null;
}

/**
 * How one call ended, reported once per call after its last attempt: enough to tell whether the
 * connection to Solaris is healthy, and nothing personal (the path template, never ids or bodies).
 */
export interface SolarisCallOutcome {
  method: HttpMethod;
  /** The path template (`/v1/persons/{person_id}`): no ids, no query, nothing personal. */
  pathTemplate: string;
  /** `success` (2xx), `refused` (a 4xx other than 429: Solaris answered), or the last attempt's problem. */
  result: 'success' | 'refused' | SolarisAttemptProblem;
  /** The last attempt's HTTP status, or null when it got no answer. */
  status: number | null;
  /** Every HTTP attempt of the call in order, retries included. */
  attempts: SolarisAttemptResult[];
  /** The last 429's Retry-After in ms, when it sent one. */
  retryAfterMs: number | null;
  durationMs: number;
}

export interface TransportOptions {
  apiBaseUrl: string;
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the 429 is thrown instead. */
  maxRetryAfterMs: number;
  /** Refresh the token this long before it expires (capped at half its lifetime). */
  tokenRefreshMarginMs: number;
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry: ((event: SolarisRetryEvent) => void) | undefined;
  onOutcome: ((outcome: SolarisCallOutcome) => void) | undefined;
}

export type RequestBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'form-urlencoded'; text: string }
  | { kind: 'multipart'; form: FormData };

export type QueryValue = string | number | boolean | undefined;

export interface RequestSpec {
  method: HttpMethod;
  /** `/v1/persons/{person_id}`; each `{name}` is filled from `params`, URL-encoded. */
  pathTemplate: string;
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: RequestBody;
  accept?: string;
  /** Defaults to true: the token request itself is sent without one. */
  authenticated?: boolean;
  /** Defaults to the method's nature (see IDEMPOTENT_METHODS). */
  idempotent?: boolean;
  target?: 'api' | 'auth';
}

export interface RawResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  /** HTTP attempts it took, retries included. */
  attempts: number;
}

/*
 * Retry policy, and why POST differs.
 *
 * GET and DELETE are safe to repeat. PATCH is treated as idempotent: PATCH /v1/persons/{id}
 * sets the same values again, and PATCH .../request on an identification that is already
 * pending hands back that same identification. They are retried on 429, 5xx (not 501),
 * timeouts and network errors.
 *
 * POST creates something (a person, an identification, a document, a webhook subscription)
 * and Solaris takes no idempotency key, so a POST is repeated only when Solaris certainly did
 * not act on it: on 429 (rejected by the rate limiter) and on connection failures before any
 * byte was sent (refused, DNS, unreachable, connect timeout). After a 5xx, a timeout or a reset
 * connection the person may already exist, so the error goes to the caller, who must look the
 * resource up before creating it again (`SolarisUnavailableError.outcomeUnknown` says so).
 * The token request is a POST too, but fetching a second token is harmless: it is idempotent.
 */
export const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'PATCH', 'DELETE']);

const NOT_SENT_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

type AttemptOutcome =
  | { kind: 'response'; status: number; headers: Headers; bytes: Uint8Array }
  | { kind: 'failure'; reason: 'timeout' | 'network'; notSent: boolean; error: unknown };

interface RetryDecision {
  delayMs: number;
  reason: SolarisRetryEvent['reason'];
}

export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP date format starts with the day name; Date.parse alone takes "-3" for a year.
  if (!/^[A-Za-z]{3}/.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

function collectErrorCodes(error: unknown, codes: string[] = [], depth = 0): string[] {
  if (depth > 5 || typeof error !== 'object' || error === null) return codes;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') codes.push(code);
  if (Array.isArray(errors)) for (const inner of errors) collectErrorCodes(inner, codes, depth + 1);
  collectErrorCodes(cause, codes, depth + 1);
  return codes;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

function classifyFailure(error: unknown): Extract<AttemptOutcome, { kind: 'failure' }> {
  if (isTimeout(error)) return { kind: 'failure', reason: 'timeout', notSent: false, error };
  const codes = collectErrorCodes(error);
  const notSent = codes.length > 0 && codes.every((code) => NOT_SENT_ERROR_CODES.has(code));
  return { kind: 'failure', reason: 'network', notSent, error };
}

function attemptResultOf(outcome: AttemptOutcome): SolarisAttemptResult {
  if (outcome.kind === 'failure') return { status: null, problem: outcome.reason };
  if (outcome.status === 429) return { status: 429, problem: 'rate_limited' };
  if (outcome.status >= 500) return { status: outcome.status, problem: 'server_error' };
  return { status: outcome.status, problem: null };
}

function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

export function fillPathTemplate(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') {
      throw new TypeError(`Solaris request ${template} needs a non-empty ${name}`);
    }
    return encodeURIComponent(value);
  });
}

function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function encodeBody(body: RequestBody | undefined): { body?: string | FormData; contentType?: string } {
  if (!body) return {};
  switch (body.kind) {
    case 'json':
      return { body: JSON.stringify(body.value), contentType: 'application/json' };
    case 'form-urlencoded':
      return { body: body.text, contentType: 'application/x-www-form-urlencoded' };
    case 'multipart':
      // fetch writes the boundary into Content-Type itself.
      return { body: body.form };
  }
}

interface CachedToken {
  token: string;
  refreshAt: number;
}

export interface Transport {
  execute(spec: RequestSpec): Promise<RawResponse>;
  executeJson<T>(spec: RequestSpec, schema: z.ZodType<T>): Promise<T>;
  /** Drops the cached token (the next call fetches a new one). */
  invalidateToken(): void;
}

export function createTransport(options: TransportOptions): Transport {
  let cached: CachedToken | null = null;
  let inflight: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const requestedAt = options.now();
    const credentials = Buffer.from(`${options.clientId}:${options.clientSecret}`, 'utf8').toString('base64');
    const response = await execute(
      {
        method: 'POST',
        pathTemplate: '/oauth2/token',
        target: 'auth',
        authenticated: false,
        idempotent: true,
        body: { kind: 'form-urlencoded', text: 'grant_type=client_credentials&scope=partners' },
      },
      { authorization: `Basic ${credentials}` },
    );
    const parsed = parseJsonBody(response, oauthTokenResponseSchema, {
      method: 'POST',
      path: '/oauth2/token',
      pathTemplate: '/oauth2/token',
      attempts: response.attempts,
    });
    const lifetimeMs = parsed.expires_in * 1000;
    const margin = Math.min(options.tokenRefreshMarginMs, lifetimeMs / 2);
    cached = { token: parsed.access_token, refreshAt: requestedAt + lifetimeMs - margin };
    return parsed.access_token;
  }

  function getToken(): Promise<string> {
    if (cached && options.now() < cached.refreshAt) return Promise.resolve(cached.token);
    // Concurrent callers share one token request.
    inflight ??= fetchToken().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  function invalidate(token: string): void {
    // Only the token that was refused: a parallel call may already have fetched a new one.
    if (cached?.token === token) cached = null;
  }

  async function attempt(url: string, spec: RequestSpec, headers: Record<string, string>): Promise<AttemptOutcome> {
    const { body, contentType } = encodeBody(spec.body);
    const requestHeaders: Record<string, string> = { accept: spec.accept ?? 'application/json', ...headers };
    if (contentType) requestHeaders['content-type'] = contentType;
    try {
      const response = await options.fetch(url, {
        method: spec.method,
        headers: requestHeaders,
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
        // Solaris does not redirect; following one could carry the bearer token elsewhere.
        redirect: 'manual',
      });
      // Reading the body is still under the same timeout signal.
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { kind: 'response', status: response.status, headers: response.headers, bytes };
    } catch (error) {
      return classifyFailure(error);
    }
  }

  function backoff(retriesSoFar: number): number {
    const ceiling = Math.min(options.retryMaxDelayMs, options.retryBaseDelayMs * 2 ** retriesSoFar);
    return Math.floor(options.random() * ceiling);
  }

  function decideRetry(outcome: AttemptOutcome, idempotent: boolean, retriesSoFar: number): RetryDecision | null {
    if (retriesSoFar >= options.maxRetries) return null;
    if (outcome.kind === 'failure') {
      if (!idempotent && !outcome.notSent) return null;
      return { delayMs: backoff(retriesSoFar), reason: outcome.reason };
    }
    const retryAfter = parseRetryAfter(outcome.headers.get('retry-after'), options.now());
    if (retryAfter !== null && retryAfter > options.maxRetryAfterMs) return null;
    if (outcome.status === 429) {
      return { delayMs: retryAfter ?? backoff(retriesSoFar), reason: 'rate_limited' };
    }
    if (outcome.status >= 500 && outcome.status !== 501 && idempotent) {
      return { delayMs: retryAfter ?? backoff(retriesSoFar), reason: 'server_error' };
    }
    return null;
  }

  async function execute(spec: RequestSpec, extraHeaders: Record<string, string> = {}): Promise<RawResponse> {
    const path = fillPathTemplate(spec.pathTemplate, spec.params);
    const base = spec.target === 'auth' ? options.authBaseUrl : options.apiBaseUrl;
    const url = joinUrl(base, path) + buildQuery(spec.query);
    const authenticated = spec.authenticated ?? true;
    const idempotent = spec.idempotent ?? IDEMPOTENT_METHODS.has(spec.method);
    const context = { method: spec.method, path, pathTemplate: spec.pathTemplate };

    let attempts = 0;
    let retries = 0;
    let reauthenticated = false;
    const startedAt = options.now();
    const attemptResults: SolarisAttemptResult[] = [];
    let retryAfterMs: number | null = null;
    const report = (outcome: AttemptOutcome) => {
      const last = attemptResultOf(outcome);
      const success = outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300;
      options.onOutcome?.({
        method: spec.method,
        pathTemplate: spec.pathTemplate,
        result: success ? 'success' : (last.problem ?? 'refused'),
        status: last.status,
        attempts: attemptResults,
        retryAfterMs,
        durationMs: Math.max(0, options.now() - startedAt),
      });
    };
    for (;;) {
      const token = authenticated ? await getToken() : null;
      const headers = token === null ? extraHeaders : { ...extraHeaders, authorization: `Bearer ${token}` };
      attempts += 1;
      const outcome = await attempt(url, spec, headers);
      attemptResults.push(attemptResultOf(outcome));
      if (outcome.kind === 'response' && outcome.status === 429) {
        retryAfterMs = parseRetryAfter(outcome.headers.get('retry-after'), options.now());
      }

      if (outcome.kind === 'response') {
        if (outcome.status >= 200 && outcome.status < 300) {
          report(outcome);
          return { status: outcome.status, headers: outcome.headers, bytes: outcome.bytes, attempts };
        }
        // A token may be revoked before its expiry: fetch a new one and try once more.
        if (outcome.status === 401 && token !== null && !reauthenticated) {
          reauthenticated = true;
          invalidate(token);
          continue;
        }
      }

      const decision = decideRetry(outcome, idempotent, retries);
      if (decision) {
        retries += 1;
        options.onRetry?.({
          method: spec.method,
          pathTemplate: spec.pathTemplate,
          status: outcome.kind === 'response' ? outcome.status : null,
          reason: decision.reason,
          attempt: attempts,
          delayMs: decision.delayMs,
        });
        await options.sleep(decision.delayMs);
        continue;
      }

      report(outcome);
      if (outcome.kind === 'response') {
        throw new SolarisApiError({
          ...context,
          attempts,
          status: outcome.status,
          body: parseSolarisErrorBody(new TextDecoder().decode(outcome.bytes)),
        });
      }
      throw new SolarisUnavailableError({
        ...context,
        attempts,
        reason: outcome.reason,
        outcomeUnknown: !outcome.notSent,
        cause: outcome.error,
      });
    }
  }

  async function executeJson<T>(spec: RequestSpec, schema: z.ZodType<T>): Promise<T> {
    const response = await execute(spec);
    return parseJsonBody(response, schema, {
      method: spec.method,
      path: fillPathTemplate(spec.pathTemplate, spec.params),
      pathTemplate: spec.pathTemplate,
      attempts: response.attempts,
    });
  }

  return {
    execute: (spec) => execute(spec),
    executeJson,
    invalidateToken: () => {
      cached = null;
    },
  };
}

export const defaultSleep = (ms: number): Promise<void> => delay(ms).then(() => undefined);

function parseJsonBody<T>(
  response: RawResponse,
  schema: z.ZodType<T>,
  context: { method: HttpMethod; path: string; pathTemplate: string; attempts: number },
): T {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(response.bytes));
  } catch {
    throw new SolarisInvalidResponseError({ ...context, status: response.status, problem: 'the body is not JSON' });
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  // Paths and messages only: zod's issue messages never quote the (possibly personal) values.
  const problem = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new SolarisInvalidResponseError({ ...context, status: response.status, problem });
}
