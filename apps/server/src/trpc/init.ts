import { initTRPC, TRPCError } from '@trpc/server';
import type { Database } from '@identdesk/db';
import type { Role } from '@identdesk/domain';
import type { SolarisClient } from '@identdesk/solaris';
import { ZodError, type z } from 'zod';
import { detachedRequestAuth, type RequestAuth } from '../auth/request-auth.ts';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../database/availability.ts';
import type { Logger } from '../logger.ts';
import type { SolarisConnectionHealth } from '../solaris/health.ts';

export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** The background webhook worker, so a replayed delivery is processed at once rather than at the next poll. */
export interface WebhookQueueHandle {
  kick(): void;
}

export interface ContextInner {
  db: Database;
  databaseKind: 'pglite' | 'postgres';
  user: SignedInUser | null;
  origin: RequestOrigin;
  logger: Logger;
  now: () => Date;
  webhookQueue?: WebhookQueueHandle;
  /**
   * Solaris, for what a page asks it directly (an identification's supported documents). Absent
   * in tests without a sandbox and before the server has its client: pages then do without.
   */
  solaris?: SolarisClient | null;
  /** How calls to Solaris went lately (this server process); absent in tests that do not watch them. */
  solarisHealth?: SolarisConnectionHealth;
  /** Sign-in, the request's session and its cookie, the audit trail's wall clock. */
  auth: RequestAuth;
}

/**
 * Built without Express, so tests call `appRouter.createCaller(createContextInner(...))` on a real
 * database. Without `auth`, the context gets a detached one: no session, a cookie jar that only
 * records, default sign-in settings on the same database.
 */
export function createContextInner(inner: Omit<ContextInner, 'auth'> & { auth?: RequestAuth }): ContextInner {
  return { ...inner, auth: inner.auth ?? detachedRequestAuth(inner.db) };
}

export type Context = ContextInner;

/**
 * Who may call a procedure. Every procedure declares it through the tier it is built from, so
 * the access test can walk the router and check each one against its declaration.
 */
export type Access = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: readonly Role[] };

export interface ProcedureMeta {
  access?: Access;
}

interface FieldError {
  field: string;
  message: string;
}

/** The input as a whole (not a JSON object, or not JSON at all) has no field of its own. */
const WHOLE_INPUT = 'input';

const fieldName = (path: readonly PropertyKey[]) => path.map(String).join('.') || WHOLE_INPUT;

/** zod's issues of a failed input parse (tRPC keeps them on the error's cause, copied, not as a ZodError). */
function zodIssuesOf(cause: unknown): z.core.$ZodIssue[] | null {
  if (cause instanceof ZodError) return cause.issues;
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as z.core.$ZodIssue[]) : null;
}

/**
 * One message per field, for forms and scripts. An unknown key is named itself (zod reports it on
 * the object around it), so a caller learns which key to leave out.
 */
function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          field: fieldName([...issue.path, key]),
          message: `${fieldName([...issue.path, key])} is not a field of this request: leave it out`,
        }))
      : [{ field: fieldName(issue.path), message: issue.message }],
  );
}

/** Bad input found before the schema ran (see refuseNulCharacters), already per field. */
class InputFieldsError extends Error {
  constructor(readonly fieldErrors: FieldError[]) {
    super(fieldErrors.map((error) => `${error.field}: ${error.message}`).join('; '));
  }
}

function fieldErrorsFor(error: TRPCError): FieldError[] | null {
  const cause = error.cause;
  if (cause instanceof InputFieldsError) return cause.fieldErrors;
  const issues = zodIssuesOf(cause);
  if (issues) return fieldErrorsOf(issues);
  // tRPC refuses a body that is not JSON as BAD_REQUEST (PARSE_ERROR for batches) with the parser's SyntaxError.
  if (error.code === 'PARSE_ERROR' || (error.code === 'BAD_REQUEST' && cause instanceof SyntaxError)) {
    return [{ field: WHOLE_INPUT, message: 'The request body is not valid JSON: send the input as a JSON value' }];
  }
  return null;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const fieldErrors = fieldErrorsFor(error);
      const first = fieldErrors?.[0];
      return {
        ...shape,
        // The top-level message names the first field, in words, rather than zod's list of issues.
        message: first ? `${first.field}: ${first.message}` : shape.message,
        data: { ...shape.data, fieldErrors },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Where in the input a string (or a key) holds U+0000, which PostgreSQL text cannot store. */
function nulCharacterPaths(value: unknown, path: PropertyKey[] = [], found: PropertyKey[][] = []): PropertyKey[][] {
  if (found.length >= 10) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nulCharacterPaths(item, [...path, index], found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) found.push([...path, key]);
      else nulCharacterPaths(item, [...path, key], found);
    }
  }
  return found;
}

/**
 * No text anyone types holds a NUL character, and the database refuses it with an error that
 * would surface as a 500: it is refused here as bad input, naming the field, for every procedure.
 */
const refuseNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  let raw: unknown;
  try {
    raw = await getRawInput();
  } catch {
    // An unreadable input is the input parser's to refuse.
    return next();
  }
  const paths = nulCharacterPaths(raw);
  if (paths.length > 0) {
    const cause = new InputFieldsError(
      paths.map((path) => ({ field: fieldName(path), message: `${fieldName(path)} must not contain the NUL character (U+0000)` })),
    );
    throw new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause });
  }
  return next();
});

/**
 * A procedure that failed because the database cannot be reached answers 503 with words to try
 * again, not 500: nothing is wrong with the request, and the pool reconnects on its own.
 */
const reportDatabaseOutage = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR' && isDatabaseUnavailable(result.error.cause ?? result.error)) {
    throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, cause: result.error.cause });
  }
  return result;
});

const procedure = t.procedure.use(reportDatabaseOutage);

export const publicProcedure = procedure.meta({ access: { kind: 'public' } }).use(refuseNulCharacters);

const requireUser = t.middleware(({ ctx, next }) => {
  if (!ctx.user) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  }
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const authenticatedProcedure = procedure.meta({ access: { kind: 'authenticated' } }).use(requireUser).use(refuseNulCharacters);

/** A procedure only the given roles may call; everyone else gets FORBIDDEN, no session UNAUTHORIZED. */
export function roleProcedure(...roles: [Role, ...Role[]]) {
  return procedure
    .meta({ access: { kind: 'roles', roles } })
    .use(requireUser)
    .use(({ ctx, next }) => {
      if (!roles.includes(ctx.user.role)) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `This needs one of the roles: ${roles.join(', ')}.`,
        });
      }
      return next();
    })
    .use(refuseNulCharacters);
}
