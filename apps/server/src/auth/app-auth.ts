import type { Database } from '@identdesk/db';
import type { Logger } from '../logger.ts';
import { OIDC_LOGIN_PATH } from './oidc.ts';
import type { RequestAuth } from './request-auth.ts';
import { createAuthService, type AuthService } from './service.ts';
import { DEFAULT_AUTH_SETTINGS, DEMO_USER_PASSWORD, DEMO_USERS, type OidcSettings } from './settings.ts';

/** Sign-in as the server runs it: one service (limits live in it), single sign-on, demo users. */
export interface AppAuth {
  service: AuthService;
  oidc: OidcSettings | null;
  /** The sign-in page lists the sandbox's demo accounts. */
  demoUsers: boolean;
  /** Where browsers reach Identdesk: the OIDC redirect URI hangs off it. */
  publicUrl: () => string;
}

/** Password sign-in with the default settings: what createApp uses when it is given nothing. */
export function defaultAppAuth(db: Database, logger: Logger): AppAuth {
  return {
    service: createAuthService({ db, settings: DEFAULT_AUTH_SETTINGS, logger }),
    oidc: null,
    demoUsers: false,
    publicUrl: () => '',
  };
}

/** What the sign-in page may know about how to sign in (RequestAuth's `oidc` and `demo`). */
export function signInOptions(auth: AppAuth): Pick<RequestAuth, 'oidc' | 'demo'> {
  return {
    oidc: auth.oidc ? { name: auth.oidc.providerName, loginPath: OIDC_LOGIN_PATH } : null,
    demo: auth.demoUsers
      ? { accounts: DEMO_USERS.map(({ email, role }) => ({ email, role })), password: DEMO_USER_PASSWORD }
      : null,
  };
}
