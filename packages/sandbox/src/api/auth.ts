import express, { type RequestHandler, type Router } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { unauthorized } from '../core/errors.ts';
import type { TokenIssuer } from '../core/token.ts';
import type { SandboxConfig } from '../context.ts';
import { sendErrors } from './http.ts';

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** RFC 6749 §2.3.1 form-encodes id and secret inside Basic auth; most clients send them plain. Both count. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function matches(given: string, expected: string): boolean {
  return safeEqual(given, expected) || safeEqual(formDecode(given), expected);
}

/** OAuth2 errors keep the RFC 6749 shape (`{ error, error_description }`), as the token endpoint answers. */
function oauthError(res: express.Response, status: number, error: string, description: string) {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="solaris-sandbox"');
  res.status(status).json({ error, error_description: description });
}

/** `POST /oauth2/token`: client credentials, Basic auth (or client_secret_post), form body. */
export function oauthRouter(config: SandboxConfig, tokens: TokenIssuer): Router {
  const router = express.Router();
  router
    .route('/oauth2/token')
    .post(express.urlencoded({ extended: false, limit: '16kb' }), express.json({ limit: '16kb' }), (req, res) => {
      const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
      const fromHeader = basicCredentials(req.headers.authorization);
      const credentials =
        fromHeader ??
        (typeof body['client_id'] === 'string' && typeof body['client_secret'] === 'string'
          ? { id: body['client_id'], secret: body['client_secret'] }
          : null);
      if (!credentials) return oauthError(res, 401, 'invalid_client', 'client authentication required (HTTP Basic)');
      if (!matches(credentials.id, config.clientId) || !matches(credentials.secret, config.clientSecret)) {
        return oauthError(res, 401, 'invalid_client', 'unknown client or wrong secret');
      }
      const grantType = body['grant_type'];
      if (grantType === undefined) return oauthError(res, 400, 'invalid_request', 'grant_type is required');
      if (grantType !== 'client_credentials') {
        return oauthError(res, 400, 'unsupported_grant_type', 'only client_credentials is supported');
      }
      const { token, expiresIn } = tokens.issue(credentials.id, Date.now());
      res.setHeader('Cache-Control', 'no-store');
      res.json({ access_token: token, expires_in: expiresIn, scope: 'partners', token_type: 'bearer' });
    })
    .all((req, res) => {
      res.setHeader('Allow', 'POST');
      oauthError(res, 405, 'invalid_request', `${req.method} is not allowed; use POST`);
    });
  return router;
}

/** Every `/v1` call needs a valid bearer token. */
export function requireBearer(tokens: TokenIssuer): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization;
    if (!header) return sendErrors(res, [unauthorized('is missing: send Authorization: Bearer <access token>')]);
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return sendErrors(res, [unauthorized('must be a Bearer access token')]);
    if (!tokens.verify(match[1], Date.now())) {
      return sendErrors(res, [unauthorized('carries an invalid or expired access token')]);
    }
    next();
  };
}
