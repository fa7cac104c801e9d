import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import {
  badRequest,
  errorBody,
  invalidModel,
  methodNotAllowed,
  payloadTooLarge,
  routeNotFound,
  SandboxApiError,
  SandboxValidationError,
  unsupportedMediaType,
} from '../core/errors.ts';
import { errorDetails, type SandboxLogger } from '../core/logger.ts';

export function sendErrors(res: Response, errors: readonly SandboxApiError[]): void {
  const first = errors[0];
  if (!first) {
    res.status(500).json({ errors: [] });
    return;
  }
  for (const [name, value] of Object.entries(first.headers)) res.setHeader(name, value);
  res.status(first.status).json(errorBody(errors));
}

/** A route path's handler for methods it does not serve. */
export function methodNotAllowedHandler(allowed: readonly string[]): RequestHandler {
  return (req, res) => sendErrors(res, [methodNotAllowed(req.method, allowed)]);
}

export const notFoundHandler: RequestHandler = (req, res) => sendErrors(res, [routeNotFound(req.path)]);

/** Bodies of JSON endpoints must be JSON (an empty body is fine). */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const length = Number(req.headers['content-length'] ?? 0);
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if ((length > 0 || chunked) && !req.is('application/json')) {
    next(unsupportedMediaType('request bodies must be application/json'));
    return;
  }
  next();
};

/** `requireJsonBody`, then express's JSON parser, as one middleware. */
export function jsonBody(limit: string): RequestHandler {
  const parse = express.json({ limit, type: 'application/json' });
  return (req, res, next) => {
    requireJsonBody(req, res, (error?: unknown) => {
      if (error) next(error);
      else parse(req, res, next);
    });
  };
}

export interface PageQuery {
  number: number;
  size: number;
}

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 1000;

/**
 * `page[number]` and `page[size]`, read from the raw query string so the result does not depend on
 * the host application's query parser setting.
 */
export function readPage(req: Request): PageQuery {
  const search = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
  const read = (name: string, fallback: number, max: number) => {
    const raw = search.get(name);
    if (raw === null || raw === '') return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
      throw new SandboxValidationError([invalidModel(name, `must be a whole number from 1 to ${max}`)]);
    }
    return Number(raw);
  };
  return { number: read('page[number]', 1, 1_000_000), size: read('page[size]', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE) };
}

export function queryFlag(req: Request, name: string): boolean {
  const search = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
  return search.get(name) === 'true';
}

export function routeParam(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** Every failure becomes the Solaris error shape; client mistakes never answer 500. */
export function errorHandler(logger: SandboxLogger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof SandboxValidationError) return sendErrors(res, error.errors);
    if (error instanceof SandboxApiError) return sendErrors(res, [error]);
    const parserError = error as BodyParserError;
    if (parserError.type === 'entity.parse.failed') return sendErrors(res, [badRequest('body', 'is not valid JSON')]);
    if (parserError.type === 'entity.too.large') {
      return sendErrors(res, [payloadTooLarge('body', `must not be larger than ${parserError.limit ?? 0} bytes`)]);
    }
    if (typeof parserError.type === 'string' && parserError.status && parserError.status < 500) {
      return sendErrors(res, [badRequest('body', 'could not be read')]);
    }
    logger.error({ method: req.method, path: req.route?.path ?? null, ...errorDetails(error) }, 'sandbox request failed');
    res.status(500).json(
      errorBody([
        new SandboxApiError({
          status: 500,
          code: 'internal_server_error',
          title: 'Internal Server Error',
          field: 'request',
          message: 'the sandbox failed to handle the request',
        }),
      ]),
    );
  };
}
