import { initTRPC, TRPCError } from '@trpc/server';
import type { Database } from '@identdesk/db';
import type { Role } from '@identdesk/domain';
import type { SolarisClient } from '@identdesk/solaris';
import { ZodError } from 'zod';
import { detachedRequestAuth, type RequestAuth } from '../auth/request-auth.ts';
import type { Logger } from '../logger.ts';

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

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      return {
        ...shape,
        data: {
          ...shape.data,
          // Field-by-field messages for forms; the top-level message names the first field.
          fieldErrors:
            cause instanceof ZodError
              ? cause.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }))
              : null,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.meta({ access: { kind: 'public' } });

const requireUser = t.middleware(({ ctx, next }) => {
  if (!ctx.user) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  }
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const authenticatedProcedure = t.procedure.meta({ access: { kind: 'authenticated' } }).use(requireUser);

/** A procedure only the given roles may call; everyone else gets FORBIDDEN, no session UNAUTHORIZED. */
export function roleProcedure(...roles: [Role, ...Role[]]) {
  return t.procedure
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
    });
}
