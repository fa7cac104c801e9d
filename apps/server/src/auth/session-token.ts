import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: what the browser holds in the session cookie. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database holds instead of the token: a leaked sessions table signs nobody in. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Tokens have this shape; anything else is not looked up at all. */
export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
