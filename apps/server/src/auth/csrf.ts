import type { RequestHandler } from 'express';

/** The header the web client sends with every request; a page on another site cannot. */
export const CSRF_HEADER = 'x-identdesk-csrf';

/** Prefixes of the cookie-authenticated surfaces that the guard covers. */
export const CSRF_GUARDED_PATHS = ['/trpc', '/api', '/auth'];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request that a page on another site could have made with the user's
 * cookie. Every request other than GET/HEAD/OPTIONS to /trpc, /api and /auth must:
 *
 * - carry `x-identdesk-csrf: 1`: a cross-origin page can only add a custom header after a CORS
 *   preflight, which this server never grants;
 * - be JSON (`content-type: application/json`): an HTML form cannot send that;
 * - not come from another site, where the browser says so (`Sec-Fetch-Site`).
 *
 * The session cookie is SameSite=Strict besides. GET stays open for the few public queries
 * (system.overview for monitoring); the OIDC callback is a GET by design and checks `state`.
 */
export function csrfGuard(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const site = req.get('sec-fetch-site');
    const problem =
      site && site !== 'same-origin' && site !== 'none'
        ? 'Requests from other sites are refused.'
        : req.get(CSRF_HEADER) !== '1'
          ? `Add the header "${CSRF_HEADER}: 1" to requests that change something (the web app does).`
          : !req.is('application/json')
            ? 'Send the request body as JSON (content-type: application/json).'
            : null;
    if (problem) {
      res.status(403).json({ error: { code: 'FORBIDDEN', message: problem } });
      return;
    }
    next();
  };
}
