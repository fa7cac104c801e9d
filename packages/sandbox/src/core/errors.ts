import { randomUUID } from 'node:crypto';

/** One entry of the Solaris error body (seed: `{ "errors": [ { id, status, code, title, detail, source } ] }`). */
export interface SolarisErrorEntry {
  id: string;
  status: number;
  code: string;
  title: string;
  detail: string;
  source: { field: string; message: string };
}

/**
 * An error answered to the client in the Solaris shape. `detail` is `"<field> <message>"`, as in
 * the seed's residency example, and `source` always names the field.
 */
export class SandboxApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly field: string;
  readonly fieldMessage: string;
  readonly headers: Record<string, string>;

  constructor(options: {
    status: number;
    code: string;
    title: string;
    field: string;
    message: string;
    headers?: Record<string, string>;
  }) {
    super(`${options.field} ${options.message}`);
    this.name = 'SandboxApiError';
    this.status = options.status;
    this.code = options.code;
    this.title = options.title;
    this.field = options.field;
    this.fieldMessage = options.message;
    this.headers = options.headers ?? {};
  }

  toEntry(): SolarisErrorEntry {
    return {
      id: randomUUID(),
      status: this.status,
      code: this.code,
      title: this.title,
      detail: this.message,
      source: { field: this.field, message: this.fieldMessage },
    };
  }
}

export function errorBody(errors: readonly SandboxApiError[]): { errors: SolarisErrorEntry[] } {
  return { errors: errors.map((error) => error.toEntry()) };
}

/** Several validation errors reported together (one entry per field). */
export class SandboxValidationError extends Error {
  readonly errors: readonly SandboxApiError[];

  constructor(errors: readonly SandboxApiError[]) {
    super(errors.map((error) => error.message).join('; '));
    this.name = 'SandboxValidationError';
    this.errors = errors;
  }
}

export function invalidModel(field: string, message: string): SandboxApiError {
  return new SandboxApiError({ status: 400, code: 'invalid_model', title: 'Invalid Model', field, message });
}

export function badRequest(field: string, message: string): SandboxApiError {
  return new SandboxApiError({ status: 400, code: 'bad_request', title: 'Bad Request', field, message });
}

export function notFound(field: string, value: string): SandboxApiError {
  return new SandboxApiError({
    status: 404,
    code: 'not_found',
    title: 'Not Found',
    field,
    message: `not found (value: ${value})`,
  });
}

export function unauthorized(message: string): SandboxApiError {
  return new SandboxApiError({
    status: 401,
    code: 'unauthorized',
    title: 'Unauthorized',
    field: 'Authorization',
    message,
    headers: { 'WWW-Authenticate': 'Bearer realm="solaris-sandbox"' },
  });
}

export function methodNotAllowed(method: string, allowed: readonly string[]): SandboxApiError {
  return new SandboxApiError({
    status: 405,
    code: 'method_not_allowed',
    title: 'Method Not Allowed',
    field: 'method',
    message: `${method} is not allowed here; allowed: ${allowed.join(', ')}`,
    headers: { Allow: allowed.join(', ') },
  });
}

export function routeNotFound(path: string): SandboxApiError {
  return new SandboxApiError({ status: 404, code: 'not_found', title: 'Not Found', field: 'path', message: `no route ${path}` });
}

export function conflict(field: string, message: string): SandboxApiError {
  return new SandboxApiError({ status: 409, code: 'conflict', title: 'Conflict', field, message });
}

export function payloadTooLarge(field: string, message: string): SandboxApiError {
  return new SandboxApiError({ status: 413, code: 'payload_too_large', title: 'Payload Too Large', field, message });
}

export function unsupportedMediaType(message: string): SandboxApiError {
  return new SandboxApiError({
    status: 415,
    code: 'unsupported_media_type',
    title: 'Unsupported Media Type',
    field: 'Content-Type',
    message,
  });
}
