import type { CookieOptions, Request, Response } from 'express';

/**
 * With https the cookie gets the `__Host-` prefix: the browser then only accepts it Secure, for
 * Path=/ and without Domain, so no sibling subdomain can plant or overwrite a session.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-identdesk_session' : 'identdesk_session';
}

/**
 * SameSite=Strict: a request started by another site carries no session, so a link or form
 * elsewhere can neither act nor make a view show up in the audit trail under someone's name.
 * The single-page app loads without a session and its own requests are same-site, so nothing
 * is lost. No Max-Age: the browser forgets the session when it closes; the server enforces
 * idle and absolute expiry.
 */
export function sessionCookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, secure, sameSite: 'strict', path: '/' };
}

/** The value of one cookie from the Cookie header, or null. Values are never decoded or logged. */
export function readCookie(req: Pick<Request, 'headers'>, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}

/** Sets or clears the session cookie of one response; tests and scripts use one that only records. */
export interface SessionCookieJar {
  set(token: string): void;
  clear(): void;
}

export function responseCookieJar(res: Response, secure: boolean): SessionCookieJar {
  const name = sessionCookieName(secure);
  const options = sessionCookieOptions(secure);
  return {
    set: (token) => {
      res.cookie(name, token, options);
    },
    clear: () => {
      res.clearCookie(name, options);
    },
  };
}

/** Remembers what was set, for createCaller tests and callers without an HTTP response. */
export function recordingCookieJar(): SessionCookieJar & { token: string | null; cleared: boolean } {
  const jar = {
    token: null as string | null,
    cleared: false,
    set(token: string) {
      jar.token = token;
      jar.cleared = false;
    },
    clear() {
      jar.token = null;
      jar.cleared = true;
    },
  };
  return jar;
}
