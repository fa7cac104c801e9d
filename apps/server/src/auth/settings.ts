import { ROLES, type Role } from '@identdesk/domain';
import { z } from 'zod';

/** How long sessions live and how sign-in defends itself. */
export interface AuthSettings {
  /** A session ends after this long without a request. */
  sessionIdleMs: number;
  /** A session ends this long after sign-in, however active it is. */
  sessionAbsoluteMs: number;
  /** `last_seen_at` is written at most this often per session. */
  sessionTouchIntervalMs: number;
  /** Failed sign-ins in a row that lock an account… */
  maxFailedSignIns: number;
  /** …for this long. */
  lockMs: number;
  /** Sign-in attempts one IP address may make per window, whatever the accounts. */
  ipMaxAttempts: number;
  ipWindowMs: number;
  /** Secure cookies (and the `__Host-` prefix): PUBLIC_URL is https. */
  secureCookies: boolean;
}

const MINUTE = 60_000;

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  sessionIdleMs: 30 * MINUTE,
  sessionAbsoluteMs: 12 * 60 * MINUTE,
  sessionTouchIntervalMs: MINUTE,
  maxFailedSignIns: 5,
  lockMs: 15 * MINUTE,
  ipMaxAttempts: 30,
  ipWindowMs: 15 * MINUTE,
  secureCookies: false,
};

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in page: "Sign in with <name>". */
  providerName: string;
  scopes: string;
  /**
   * The claim that carries the user's role. When set, the provider decides roles: a user it
   * vouches for is created on first sign-in and gets the claim's role on every sign-in. When
   * unset, only users that exist in Identdesk may sign in, with the role stored here.
   */
  roleClaim: string | undefined;
  /** Claim value → role; without it the claim's values must be role names. */
  roleMap: Record<string, Role> | undefined;
}

/** Demo accounts of the embedded sandbox; their password is public, so never with live Solaris. */
export const DEMO_USER_PASSWORD = 'identdesk-demo';
export const DEMO_USERS: readonly { email: string; displayName: string; role: Role }[] = [
  { email: 'agent@identdesk.local', displayName: 'Alex Agent', role: 'agent' },
  { email: 'compliance@identdesk.local', displayName: 'Casey Compliance', role: 'compliance' },
  { email: 'lead@identdesk.local', displayName: 'Lee Lead', role: 'team_lead' },
  { email: 'admin@identdesk.local', displayName: 'Ada Admin', role: 'admin' },
];

const positiveNumber = (fallback: number, max: number) => z.coerce.number().positive().max(max).default(fallback);

/**
 * The environment variables of sign-in and sessions. env.ts merges this shape into its schema,
 * so all configuration is still read and checked in one place.
 */
export const authEnvShape = {
  SESSION_IDLE_MINUTES: positiveNumber(30, 24 * 60),
  SESSION_ABSOLUTE_HOURS: positiveNumber(12, 24 * 30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: positiveNumber(15, 24 * 60),
  LOGIN_IP_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100_000).default(30),
  LOGIN_IP_WINDOW_MINUTES: positiveNumber(15, 24 * 60),
  DEMO_USERS: z.enum(['auto', 'true', 'false'], { error: 'must be auto, true or false' }).default('auto'),
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be the issuer URL of the OIDC provider' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_PROVIDER_NAME: z.string().min(1).max(60).default('single sign-on'),
  OIDC_SCOPES: z.string().min(1).default('openid email profile'),
  OIDC_ROLE_CLAIM: z.string().min(1).optional(),
  OIDC_ROLE_MAP: z.string().min(1).optional(),
};

type AuthEnv = z.infer<z.ZodObject<typeof authEnvShape>>;

export interface AuthIssue {
  path: string;
  message: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `groups-value=role,other=role`; null with the problem when a pair or a role is not understood. */
export function parseRoleMap(text: string): { map: Record<string, Role> } | { problem: string } {
  const map: Record<string, Role> = {};
  for (const pair of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const separator = pair.lastIndexOf('=');
    const value = pair.slice(0, separator).trim();
    const role = pair.slice(separator + 1).trim();
    if (separator <= 0 || value === '') return { problem: `"${pair}" is not claim-value=role` };
    if (!(ROLES as readonly string[]).includes(role)) {
      return { problem: `"${role}" is not a role (${ROLES.join(', ')})` };
    }
    map[value] = role as Role;
  }
  return { map };
}

/** Checks what a single field cannot: OIDC comes complete or not at all, demo users never beside live Solaris. */
export function authEnvIssues(values: AuthEnv, context: { solarisMode: string }): AuthIssue[] {
  const issues: AuthIssue[] = [];
  const oidcNames = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
  if (oidcNames.some((name) => values[name] !== undefined)) {
    for (const name of oidcNames) {
      if (values[name] === undefined) issues.push({ path: name, message: 'is required when OIDC sign-in is configured' });
    }
  }
  if (values.OIDC_ISSUER) {
    const issuer = new URL(values.OIDC_ISSUER);
    if (issuer.protocol !== 'https:' && !LOOPBACK_HOSTS.has(issuer.hostname)) {
      issues.push({ path: 'OIDC_ISSUER', message: 'must be https:// (http:// only for a provider on this machine)' });
    }
  }
  if (values.OIDC_ROLE_MAP) {
    const parsed = parseRoleMap(values.OIDC_ROLE_MAP);
    if ('problem' in parsed) issues.push({ path: 'OIDC_ROLE_MAP', message: parsed.problem });
    if (!values.OIDC_ROLE_CLAIM) issues.push({ path: 'OIDC_ROLE_MAP', message: 'needs OIDC_ROLE_CLAIM' });
  }
  if (values.DEMO_USERS === 'true' && context.solarisMode === 'live') {
    issues.push({ path: 'DEMO_USERS', message: 'cannot be true when SOLARIS_MODE=live: their password is public' });
  }
  return issues;
}

export interface AuthConfig {
  settings: AuthSettings;
  oidc: OidcSettings | null;
  /** Create the demo accounts at start (auto: on the embedded default, SOLARIS_MODE=sandbox without DATABASE_URL). */
  demoUsers: boolean;
}

/** The part of Config that env.ts builds from the values `authEnvShape` parsed. */
export function authConfigFrom(
  values: AuthEnv,
  context: { publicUrl: string | undefined; embeddedDefault: boolean },
): AuthConfig {
  const roleMap = values.OIDC_ROLE_MAP ? parseRoleMap(values.OIDC_ROLE_MAP) : undefined;
  const oidc =
    values.OIDC_ISSUER && values.OIDC_CLIENT_ID && values.OIDC_CLIENT_SECRET
      ? {
          issuer: values.OIDC_ISSUER,
          clientId: values.OIDC_CLIENT_ID,
          clientSecret: values.OIDC_CLIENT_SECRET,
          providerName: values.OIDC_PROVIDER_NAME,
          scopes: values.OIDC_SCOPES,
          roleClaim: values.OIDC_ROLE_CLAIM,
          roleMap: roleMap && 'map' in roleMap ? roleMap.map : undefined,
        }
      : null;
  return {
    settings: {
      sessionIdleMs: values.SESSION_IDLE_MINUTES * MINUTE,
      sessionAbsoluteMs: values.SESSION_ABSOLUTE_HOURS * 60 * MINUTE,
      sessionTouchIntervalMs: Math.min(MINUTE, (values.SESSION_IDLE_MINUTES * MINUTE) / 4),
      maxFailedSignIns: values.LOGIN_MAX_FAILURES,
      lockMs: values.LOGIN_LOCK_MINUTES * MINUTE,
      ipMaxAttempts: values.LOGIN_IP_MAX_ATTEMPTS,
      ipWindowMs: values.LOGIN_IP_WINDOW_MINUTES * MINUTE,
      secureCookies: context.publicUrl?.startsWith('https://') ?? false,
    },
    oidc,
    demoUsers: values.DEMO_USERS === 'auto' ? context.embeddedDefault : values.DEMO_USERS === 'true',
  };
}
