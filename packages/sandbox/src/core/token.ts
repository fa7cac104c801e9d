import { createHmac, timingSafeEqual } from 'node:crypto';

/** Solaris access tokens live one hour; `expires_in` is 3599 as in the public docs. */
export const TOKEN_LIFETIME_SECONDS = 3599;

/**
 * Stateless access tokens: `<base64url payload>.<base64url HMAC>`. The HMAC key derives from the
 * client secret, so tokens survive a restart and die when the secret changes. Expiry is wall-clock
 * time, never sandbox time: a sped-up sandbox must not expire a client's cached token.
 */
export interface TokenIssuer {
  issue(clientId: string, nowMs: number): { token: string; expiresIn: number };
  verify(token: string, nowMs: number): { clientId: string } | null;
}

export function createTokenIssuer(clientSecret: string): TokenIssuer {
  const key = createHmac('sha256', 'identdesk-sandbox-token').update(clientSecret).digest();
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest();

  return {
    issue(clientId, nowMs) {
      const payload = Buffer.from(
        JSON.stringify({ cid: clientId, exp: Math.floor(nowMs / 1000) + TOKEN_LIFETIME_SECONDS + 1 }),
      ).toString('base64url');
      return { token: `${payload}.${sign(payload).toString('base64url')}`, expiresIn: TOKEN_LIFETIME_SECONDS };
    },
    verify(token, nowMs) {
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined) return null;
      const expected = sign(payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null) return null;
        const { cid, exp } = parsed as { cid?: unknown; exp?: unknown };
        if (typeof cid !== 'string' || typeof exp !== 'number') return null;
        if (exp * 1000 <= nowMs) return null;
        return { clientId: cid };
      } catch {
        return null;
      }
    },
  };
}
