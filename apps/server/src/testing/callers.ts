import type { Database } from '@identdesk/db';
import type { SolarisClient } from '@identdesk/solaris';
import { recordingCookieJar } from '../auth/cookies.ts';
import type { AuthService, ResolvedSession, SessionUser } from '../auth/service.ts';
import { createLogger } from '../logger.ts';
import { createCallerFactory, createContextInner } from '../trpc/init.ts';
import { appRouter } from '../trpc/router.ts';
import { testAuthService } from './auth.ts';

/**
 * A tRPC caller as `user` (null: nobody signed in), with a recording cookie jar and the given
 * auth service, against a real database.
 */
export function callerFor(
  db: Database,
  user: SessionUser | null,
  options: {
    service?: AuthService;
    session?: ResolvedSession | null;
    ip?: string;
    /** Solaris for procedures that ask it directly (supported documents); none by default. */
    solaris?: SolarisClient | null;
    /** Identdesk's clock (the sandbox clock in sandbox mode); the wall clock by default. */
    now?: () => Date;
  } = {},
) {
  const service = options.service ?? testAuthService(db);
  const cookies = recordingCookieJar();
  const ctx = createContextInner({
    db,
    databaseKind: 'pglite',
    user,
    origin: { ip: options.ip ?? '198.51.100.23', userAgent: 'vitest' },
    logger: createLogger({ level: 'silent' }),
    now: options.now ?? (() => new Date()),
    solaris: options.solaris ?? null,
    auth: { service, session: options.session ?? null, cookies, clock: service.clock, oidc: null, demo: null },
  });
  return { caller: createCallerFactory(appRouter)(ctx), cookies, service };
}
