import type { Database } from '@identdesk/db';
import type { Role } from '@identdesk/domain';
import { createLogger } from '../logger.ts';
import { recordingCookieJar, type SessionCookieJar } from './cookies.ts';
import { createAuthService, type AuthService, type ResolvedSession } from './service.ts';
import { DEFAULT_AUTH_SETTINGS } from './settings.ts';

/** Sign-in and sessions as one request sees them: part of every tRPC context. */
export interface RequestAuth {
  service: AuthService;
  /** The request's session when its cookie named one that holds. */
  session: ResolvedSession | null;
  /** Sets or clears the session cookie on this request's response. */
  cookies: SessionCookieJar;
  /** Wall-clock time of sessions and the audit trail (the service's). */
  clock: () => Date;
  /** The OIDC provider the sign-in page offers, when one is configured. */
  oidc: { name: string; loginPath: string } | null;
  /** The demo accounts of the embedded sandbox, shown on the sign-in page; null elsewhere. */
  demo: { accounts: { email: string; role: Role }[]; password: string } | null;
}

/**
 * What a context gets when none is given (tests, scripts): a fresh service with the default
 * settings on the same database, no session, and a cookie jar that only records.
 */
export function detachedRequestAuth(db: Database, clock?: () => Date): RequestAuth {
  const service = createAuthService({ db, settings: DEFAULT_AUTH_SETTINGS, logger: createLogger({ level: 'silent' }), clock });
  return { service, session: null, cookies: recordingCookieJar(), clock: service.clock, oidc: null, demo: null };
}
