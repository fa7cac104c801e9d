import type { IncomingHttpHeaders } from 'node:http';
import { TRPCError, type AnyTRPCRouter } from '@trpc/server';
import * as trpcExpress from '@trpc/server/adapters/express';
import { createURL, internal_exceptionHandler } from '@trpc/server/adapters/node-http';
import { resolveResponse } from '@trpc/server/http';
import type { Request as ExpressRequest, Response as ExpressResponse, RequestHandler } from 'express';

type ExpressMiddlewareOptions<TRouter extends AnyTRPCRouter> = Parameters<typeof trpcExpress.createExpressMiddleware<TRouter>>[0];

/**
 * tRPC over Express, as `createExpressMiddleware` does it, without the Fetch API in between for
 * the requests the app sends (JSON over POST, and GET): tRPC's own `resolveResponse` decides
 * everything (batching, procedure lookup, method override, context, errors, status codes, the
 * response's body and headers), but it is handed the request body read straight from the socket
 * instead of a fetch `Request` fed by a web stream, and a JSON answer is written with one
 * `res.end(body)` (with its Content-Length) instead of being piped through a web stream in
 * chunked encoding. Every other request (multipart or binary bodies, streamed answers) takes
 * tRPC's own adapter unchanged. Measured with a CPU profile of `pnpm bench`: the stream plumbing
 * was a good part of what a small metrics request spends in Node outside its SQL.
 */
export function createTrpcHandler<TRouter extends AnyTRPCRouter>(opts: ExpressMiddlewareOptions<TRouter>): RequestHandler {
  const fallback = trpcExpress.createExpressMiddleware(opts);
  const maxBodySize = opts.maxBodySize ?? null;
  return (req, res, next) => {
    if (!readsAsJson(req)) {
      fallback(req, res, next);
      return;
    }
    const path = req.path.slice(req.path.lastIndexOf('/') + 1);
    // The same answer tRPC's adapter gives to whatever fails outside resolveResponse.
    handle(req, res, path, opts, maxBodySize).catch(internal_exceptionHandler({ ...opts, req, res, path }));
  };
}

/**
 * Requests whose body, if any, tRPC reads as JSON: what `resolveResponse` needs of them is the
 * method, URL, headers, abort signal and `json()`. A POST with a multipart or binary body needs
 * the fetch `Request` (formData, body stream) and goes to tRPC's adapter, as does a body some
 * middleware already parsed into `req.body`, and every other method.
 */
function readsAsJson(req: ExpressRequest): boolean {
  if ('body' in (req as object)) return false;
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  return req.method === 'POST' && mediaType(req.headers['content-type']) === 'application/json';
}

/** As tRPC compares it: lower case, before the first `;`, trimmed. */
function mediaType(header: string | undefined): string | undefined {
  return header?.toLowerCase().split(';', 1)[0]?.trim();
}

async function handle<TRouter extends AnyTRPCRouter>(
  req: ExpressRequest,
  res: ExpressResponse,
  path: string,
  opts: ExpressMiddlewareOptions<TRouter>,
  maxBodySize: number | null,
): Promise<void> {
  const request = new JsonRequest(req, res, maxBodySize);
  const response = await resolveResponse({
    ...opts,
    // Only what resolveResponse reads of a JSON request (see JsonRequest).
    req: request as unknown as Request,
    path,
    error: null,
    createContext: async (innerOpts) => await opts.createContext?.({ ...opts, req, res, ...innerOpts }),
    onError(o) {
      opts.onError?.({ ...o, req });
    },
  });
  // From here on as tRPC's writeResponse: its status unless a handler set one, its headers, cookies apart.
  if (res.statusCode === 200) res.statusCode = response.status;
  for (const [key, value] of response.headers) {
    if (key.toLowerCase() === 'set-cookie') continue;
    res.setHeader(key, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  try {
    if (!response.body) return;
    if (response.headers.has('transfer-encoding') || response.headers.get('content-type') !== 'application/json') {
      // A streamed answer (a subscription, or a batch for httpBatchStreamLink): piped as tRPC does.
      await pipeBody(response.body, res, request.signal);
      return;
    }
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    if (!res.headersSent) res.statusCode = 500;
    throw error;
  } finally {
    if (!res.writableEnded) res.end();
  }
}

/**
 * The part of a fetch `Request` that tRPC's `resolveResponse` uses for a JSON or GET request:
 * `url`, `method`, `headers.get/has`, `signal` (aborted when the client goes away before the
 * answer, as tRPC's adapter does) and `json()`, which reads the body from the socket once, decoded
 * as fetch decodes it (UTF-8, a leading BOM dropped) and parsed with JSON.parse.
 */
class JsonRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: RequestHeaders;
  readonly signal: AbortSignal;
  private readonly req: ExpressRequest;
  private readonly maxBodySize: number | null;

  constructor(req: ExpressRequest, res: ExpressResponse, maxBodySize: number | null) {
    this.req = req;
    this.maxBodySize = maxBodySize;
    const controller = new AbortController();
    const onAbort = () => {
      res.off('close', onClose);
      req.off('aborted', onAbort);
      controller.abort();
    };
    const onClose = () => {
      if (res.writableEnded) {
        req.off('aborted', onAbort);
        return;
      }
      onAbort();
    };
    res.once('close', onClose);
    req.once('aborted', onAbort);
    // createURL throws tRPC's BAD_REQUEST "Invalid URL" for a URL that cannot be parsed, as the adapter does.
    this.url = createURL(req).href;
    this.method = req.method;
    this.headers = new RequestHeaders(req.headers);
    this.signal = controller.signal;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  text(): Promise<string> {
    const { req, maxBodySize } = this;
    return new Promise((resolve, reject) => {
      if (req.readableEnded) {
        // As tRPC's adapter answers a body another middleware consumed.
        reject(
          new TRPCError({
            code: 'INTERNAL_SERVER_ERROR',
            message: 'The request body has already been read by another middleware. Assign the parsed body to `req.body` so tRPC can use it',
          }),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const cleanup = () => {
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
        req.off('aborted', onAborted);
        req.off('close', onAborted);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (maxBodySize !== null && size > maxBodySize) {
          cleanup();
          reject(new TRPCError({ code: 'PAYLOAD_TOO_LARGE' }));
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = () => {
        cleanup();
        resolve(utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const onAborted = () => {
        cleanup();
        reject(new DOMException('The request was aborted.', 'AbortError'));
      };
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', onError);
      req.on('aborted', onAborted);
      // Closed before its end: the client went away mid-body.
      req.on('close', onAborted);
    });
  }
}

/** As fetch decodes a body for `text()` and `json()`: UTF-8, invalid bytes replaced, a leading BOM dropped. */
const utf8 = new TextDecoder();

/** `Headers.get` and `has` over Node's parsed headers (keys already lower case, repeats joined). */
class RequestHeaders {
  private readonly incoming: IncomingHttpHeaders;

  constructor(incoming: IncomingHttpHeaders) {
    this.incoming = incoming;
  }

  get(name: string): string | null {
    const value = this.incoming[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.incoming[name.toLowerCase()] !== undefined;
  }
}

/** tRPC's writeResponseBody: the stream written chunk by chunk, waiting for the socket to drain. */
async function pipeBody(body: ReadableStream<Uint8Array>, res: ExpressResponse, signal: AbortSignal): Promise<void> {
  try {
    await body.pipeTo(
      new WritableStream({
        async write(chunk) {
          if (!res.write(chunk)) {
            await new Promise<void>((resolve, reject) => {
              const onError = (error: Error) => {
                reject(error);
                cleanup();
              };
              const onDrain = () => {
                resolve();
                cleanup();
              };
              const cleanup = () => {
                res.off('error', onError);
                res.off('drain', onDrain);
                res.off('close', onDrain);
              };
              res.once('error', onError);
              res.once('drain', onDrain);
              res.once('close', onDrain);
            });
          }
          (res as unknown as { flush?: () => void }).flush?.();
        },
      }),
      { signal },
    );
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError') return;
    throw error;
  }
}
