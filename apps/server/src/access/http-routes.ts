import type { Role } from '@identdesk/domain';
import type { Express, NextFunction, Request, Response, Router } from 'express';
import type { Access, SignedInUser } from '../trpc/init.ts';

/**
 * Express routes declare who may call them, like tRPC procedures do through their tier: a route
 * is built with `route(...)`, mounted by `mountHttpRoutes`, and the access test walks the table.
 */
export const access = {
  public: { kind: 'public' } satisfies Access as { kind: 'public' },
  authenticated: { kind: 'authenticated' } satisfies Access as { kind: 'authenticated' },
  roles: (...roles: [Role, ...Role[]]): { kind: 'roles'; roles: readonly Role[] } => ({ kind: 'roles', roles }),
};

export interface RouteContext<User> {
  req: Request;
  res: Response;
  next: NextFunction;
  user: User;
}

export interface HttpRoute {
  method: 'get' | 'post';
  path: string;
  access: Access;
  /** What the route is for, in a few words. */
  summary: string;
  handle(context: RouteContext<SignedInUser | null>): Promise<void> | void;
}

type UserFor<A extends Access> = [A] extends [{ kind: 'public' }] ? SignedInUser | null : SignedInUser;

/** A route that refuses callers its access does not admit before `handler` runs. */
export function route<A extends Access>(
  spec: { method: HttpRoute['method']; path: string; access: A; summary: string },
  handler: (context: RouteContext<UserFor<A>>) => Promise<void> | void,
): HttpRoute {
  return {
    ...spec,
    handle: (context) => {
      if (spec.access.kind !== 'public' && context.user === null) {
        throw new Error(`${spec.method.toUpperCase()} ${spec.path} reached its handler without a user`);
      }
      return handler(context as RouteContext<UserFor<A>>);
    },
  };
}

export type AccessRefusal = { status: 401 | 403; code: 'UNAUTHORIZED' | 'FORBIDDEN'; message: string };

/** Null when the user may call; otherwise what to answer. The same words as the tRPC tiers. */
export function refusalFor(accessRule: Access, user: SignedInUser | null): AccessRefusal | null {
  if (accessRule.kind === 'public') return null;
  if (!user) return { status: 401, code: 'UNAUTHORIZED', message: 'Sign in to continue.' };
  if (accessRule.kind === 'roles' && !accessRule.roles.includes(user.role)) {
    return { status: 403, code: 'FORBIDDEN', message: `This needs one of the roles: ${accessRule.roles.join(', ')}.` };
  }
  return null;
}

export function mountHttpRoutes(
  app: Express | Router,
  routes: readonly HttpRoute[],
  resolveUser: (req: Request) => Promise<SignedInUser | null>,
): void {
  for (const httpRoute of routes) {
    app.route(httpRoute.path)[httpRoute.method](async (req, res, next) => {
      try {
        const user = await resolveUser(req);
        const refusal = refusalFor(httpRoute.access, user);
        if (refusal) {
          res.status(refusal.status).json({ error: { code: refusal.code, message: refusal.message } });
          return;
        }
        await httpRoute.handle({ req, res, next, user });
      } catch (error) {
        next(error);
      }
    });
  }
}
