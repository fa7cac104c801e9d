import type { Database } from '@identdesk/db';
import { safeReturnPath } from '@identdesk/domain';
import type { Request, Response } from 'express';
import * as oidc from 'openid-client';
import { z } from 'zod';
import { access, route, type HttpRoute } from '../access/http-routes.ts';
import { audit } from '../audit/audit.ts';
import type { Logger } from '../logger.ts';
import type { RequestOrigin } from '../trpc/init.ts';
import { readCookie, sessionCookieName, sessionCookieOptions } from './cookies.ts';
import { resolveOidcUser, type OidcClaims } from './oidc-users.ts';
import type { AuthService } from './service.ts';
import type { OidcSettings } from './settings.ts';

export const OIDC_LOGIN_PATH = '/auth/oidc/login';
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';
const TRANSACTION_COOKIE = 'identdesk_oidc';
const TRANSACTION_MAX_AGE_MS = 10 * 60_000;

/** What must survive the trip to the provider and back: PKCE verifier, state, nonce, where to return. */
const transactionSchema = z.object({ v: z.string().min(43), s: z.string().min(1), n: z.string().min(1), r: z.string() });
type Transaction = z.infer<typeof transactionSchema>;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface OidcClient {
  authorizationUrl(redirectUri: string, returnTo: string): Promise<{ url: URL; transaction: Transaction }>;
  /** Exchanges the code (PKCE, state and nonce checked) and returns the ID token's claims, merged with userinfo. */
  finish(callbackUrl: URL, transaction: Transaction): Promise<OidcClaims>;
}

export function createOidcClient(settings: OidcSettings): OidcClient {
  const issuer = new URL(settings.issuer);
  // http:// is accepted only for a provider on this machine (settings.ts refuses others).
  const insecure = issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname);
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= oidc
      .discovery(issuer, settings.clientId, settings.clientSecret, undefined, insecure ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        // The provider may be down at start; ask again on the next sign-in.
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    async authorizationUrl(redirectUri, returnTo) {
      const config = await configuration();
      const transaction: Transaction = {
        v: oidc.randomPKCECodeVerifier(),
        s: oidc.randomState(),
        n: oidc.randomNonce(),
        r: returnTo,
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(transaction.v),
        code_challenge_method: 'S256',
        state: transaction.s,
        nonce: transaction.n,
      });
      return { url, transaction };
    },
    async finish(callbackUrl, transaction) {
      const config = await configuration();
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: transaction.v,
        expectedState: transaction.s,
        expectedNonce: transaction.n,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('the provider returned no ID token');
      // Providers put email, name and group claims in the ID token or only in userinfo.
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub).catch(() => ({}));
      return { ...userinfo, ...claims, sub: claims.sub };
    },
  };
}

function encodeTransaction(transaction: Transaction): string {
  return Buffer.from(JSON.stringify(transaction)).toString('base64url');
}

function decodeTransaction(value: string | null): Transaction | null {
  if (!value) return null;
  try {
    const parsed = transactionSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface OidcRouteDeps {
  db: Database;
  auth: AuthService;
  settings: OidcSettings;
  /** Where browsers reach Identdesk (PUBLIC_URL, or http://localhost:<port>); the redirect URI hangs off it. */
  publicUrl: () => string;
  logger: Logger;
  client?: OidcClient;
}

function originOf(req: Request): RequestOrigin {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
}

/** Errors travel as a code: the sign-in page puts them into words, and no personal data enters the URL. */
function backToLogin(res: Response, error: string) {
  res.redirect(302, `/login?error=${encodeURIComponent(error)}`);
}

/** GET /auth/oidc/login and GET /auth/oidc/callback: authorization code flow with PKCE, state and nonce. */
export function oidcRoutes(deps: OidcRouteDeps): HttpRoute[] {
  const client = deps.client ?? createOidcClient(deps.settings);
  const secure = deps.auth.settings.secureCookies;
  const redirectUri = () => `${deps.publicUrl()}${OIDC_CALLBACK_PATH}`;
  // Lax, not Strict: the provider sends the browser back from its own site, and this cookie must come along.
  const transactionCookie = { httpOnly: true, secure, sameSite: 'lax', path: '/auth/oidc' } as const;

  const refuse = async (req: Request, res: Response, problem: string, actor: { id: string; role: 'agent' | 'compliance' | 'team_lead' | 'admin' } | null) => {
    await audit(
      { db: deps.db, user: null, origin: originOf(req), auth: { clock: deps.auth.clock } },
      { action: 'auth.login_failed', subject: actor ? { type: 'user', id: actor.id } : null, actor, details: { method: 'oidc', problem } },
    );
    backToLogin(res, problem);
  };

  return [
    route(
      { method: 'get', path: OIDC_LOGIN_PATH, access: access.public, summary: 'Sends the browser to the OIDC provider to sign in' },
      async ({ req, res }) => {
        let started: Awaited<ReturnType<OidcClient['authorizationUrl']>>;
        try {
          started = await client.authorizationUrl(redirectUri(), safeReturnPath(req.query.redirect));
        } catch (error) {
          deps.logger.warn({ problem: error instanceof Error ? error.message : 'unknown' }, 'OIDC provider not reachable');
          backToLogin(res, 'oidc_unavailable');
          return;
        }
        res.cookie(TRANSACTION_COOKIE, encodeTransaction(started.transaction), { ...transactionCookie, maxAge: TRANSACTION_MAX_AGE_MS });
        res.redirect(302, started.url.href);
      },
    ),
    route(
      { method: 'get', path: OIDC_CALLBACK_PATH, access: access.public, summary: 'Finishes OIDC sign-in and opens a session' },
      async ({ req, res }) => {
        const transaction = decodeTransaction(readCookie(req, TRANSACTION_COOKIE));
        res.clearCookie(TRANSACTION_COOKIE, transactionCookie);
        if (!transaction) {
          backToLogin(res, 'oidc_expired');
          return;
        }
        let claims: OidcClaims;
        try {
          claims = await client.finish(new URL(req.originalUrl, deps.publicUrl()), transaction);
        } catch (error) {
          // The message names the failed check; never the code or tokens.
          deps.logger.warn({ problem: error instanceof Error ? error.message : 'unknown' }, 'OIDC sign-in failed');
          await refuse(req, res, 'oidc_failed', null);
          return;
        }
        const resolution = await resolveOidcUser(deps.db, claims, deps.settings);
        if (!resolution.ok) {
          await refuse(req, res, resolution.refusal, null);
          return;
        }
        const { user } = resolution;
        const auditContext = { db: deps.db, user: { id: user.id, role: user.role }, origin: originOf(req), auth: { clock: deps.auth.clock } };
        if (resolution.provisioned) {
          await audit(auditContext, { action: 'user.provisioned', subject: { type: 'user', id: user.id }, details: { role: user.role } });
        }
        const token = await deps.auth.startSession(
          { id: user.id, email: user.email, displayName: user.displayName, role: user.role },
          originOf(req),
          'oidc',
        );
        res.cookie(sessionCookieName(secure), token, sessionCookieOptions(secure));
        res.redirect(302, transaction.r);
      },
    ),
  ];
}
