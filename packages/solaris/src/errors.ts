import { z } from 'zod';

export const solarisErrorEntrySchema = z.looseObject({
  id: z.string().nullish(),
  status: z.union([z.number(), z.string()]).nullish(),
  code: z.string().nullish(),
  title: z.string().nullish(),
  detail: z.string().nullish(),
  source: z
    .looseObject({
      field: z.string().nullish(),
      message: z.string().nullish(),
    })
    .nullish(),
});
export type SolarisErrorEntry = z.infer<typeof solarisErrorEntrySchema>;

export const solarisErrorBodySchema = z.looseObject({
  errors: z.array(solarisErrorEntrySchema),
});
export type SolarisErrorBody = z.infer<typeof solarisErrorBodySchema>;

const oauthErrorBodySchema = z.looseObject({
  error: z.string(),
  error_description: z.string().nullish(),
});

/**
 * Reads an error response into the Solaris error shape. The token endpoint answers with the
 * OAuth2 shape (`{ error, error_description }`), which is folded into the same shape so callers
 * handle one thing; anything else becomes an empty error list.
 */
export function parseSolarisErrorBody(text: string): SolarisErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { errors: [] };
  }
  const solaris = solarisErrorBodySchema.safeParse(json);
  if (solaris.success) return solaris.data;
  const oauth = oauthErrorBodySchema.safeParse(json);
  if (oauth.success) {
    return { errors: [{ code: oauth.data.error, title: oauth.data.error, detail: oauth.data.error_description ?? null }] };
  }
  return { errors: [] };
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface SolarisErrorContext {
  method: HttpMethod;
  /** The request path without its query string, e.g. `/v1/persons/123`. */
  path: string;
  /** The path template, e.g. `/v1/persons/{person_id}`: safe to use as a metric label. */
  pathTemplate: string;
  /** How many HTTP attempts were made, retries included. */
  attempts: number;
}

/** Common base: `instanceof SolarisError` catches every failure of the client. */
export class SolarisError extends Error {
  readonly method: HttpMethod;
  readonly path: string;
  readonly pathTemplate: string;
  readonly attempts: number;

  constructor(message: string, context: SolarisErrorContext, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.method = context.method;
    this.path = context.path;
    this.pathTemplate = context.pathTemplate;
    this.attempts = context.attempts;
  }
}

/** Solaris answered with a non-2xx status (after any retries the status allowed). */
export class SolarisApiError extends SolarisError {
  readonly status: number;
  readonly body: SolarisErrorBody;

  constructor(context: SolarisErrorContext & { status: number; body: SolarisErrorBody }) {
    super(describeApiError(context), context);
    this.status = context.status;
    this.body = context.body;
  }

  get errors(): SolarisErrorBody['errors'] {
    return this.body.errors;
  }

  /** The field the first error names (`source.field`), if any. */
  get field(): string | null {
    return this.body.errors[0]?.source?.field ?? null;
  }

  get code(): string | null {
    return this.body.errors[0]?.code ?? null;
  }
}

function describeApiError(context: SolarisErrorContext & { status: number; body: SolarisErrorBody }): string {
  const head = `Solaris ${context.method} ${context.path} failed with ${context.status}`;
  const first = context.body.errors[0];
  if (!first) return head;
  const code = first.code ?? first.title;
  const field = first.source?.field;
  const detail = first.detail ?? first.source?.message ?? first.title;
  const parts = [code ? ` ${code}` : '', field ? ` on field "${field}"` : '', detail ? `: ${detail}` : ''];
  return head + parts.join('');
}

export type SolarisUnavailableReason = 'timeout' | 'network';

/**
 * No HTTP answer at all (connection refused or reset, DNS failure, timeout) after the retries
 * allowed. `outcomeUnknown` is true when the request may have reached Solaris: for a POST that
 * means the resource may exist, so look it up before creating it again.
 */
export class SolarisUnavailableError extends SolarisError {
  readonly status = null;
  readonly reason: SolarisUnavailableReason;
  readonly outcomeUnknown: boolean;

  constructor(
    context: SolarisErrorContext & { reason: SolarisUnavailableReason; outcomeUnknown: boolean; cause: unknown },
  ) {
    const what = context.reason === 'timeout' ? 'timed out' : 'could not reach Solaris';
    super(`Solaris ${context.method} ${context.path} ${what} after ${context.attempts} attempt(s)`, context, {
      cause: context.cause,
    });
    this.reason = context.reason;
    this.outcomeUnknown = context.outcomeUnknown;
  }
}

/** A 2xx answer whose body is not what the endpoint documents (never echoes the body itself). */
export class SolarisInvalidResponseError extends SolarisError {
  readonly status: number;

  constructor(context: SolarisErrorContext & { status: number; problem: string }) {
    super(`Solaris ${context.method} ${context.path} answered ${context.status} with an unexpected body: ${context.problem}`, context);
    this.status = context.status;
  }
}
