import type { SessionUser } from '../auth/service.ts';
import { TEST_PASSWORD } from './auth.ts';

const JSON_WITH_CSRF = { 'content-type': 'application/json', 'x-identdesk-csrf': '1' };

export interface TrpcHttpAnswer<T> {
  status: number;
  data: T | undefined;
  error: { message: string; code: string; fieldErrors: { field: string; message: string }[] | null } | undefined;
}

/**
 * Signs `user` in over HTTP and returns a caller of tRPC procedures by path, as the web app
 * calls them (POST, decision 0002), so tests see the HTTP status and `error.data.fieldErrors`.
 */
export async function signInOverHttp(baseUrl: string, user: SessionUser) {
  const login = await fetch(`${baseUrl}/trpc/auth.login`, {
    method: 'POST',
    headers: JSON_WITH_CSRF,
    body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
  });
  if (!login.ok) throw new Error(`sign-in of ${user.email} failed with ${login.status}`);
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  return async function call<T = unknown>(path: string, input: unknown): Promise<TrpcHttpAnswer<T>> {
    const response = await fetch(`${baseUrl}/trpc/${path}`, {
      method: 'POST',
      headers: { ...JSON_WITH_CSRF, cookie },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as {
      result?: { data: T };
      error?: { message: string; data: { code: string; fieldErrors: { field: string; message: string }[] | null } };
    };
    return {
      status: response.status,
      data: body.result?.data,
      error: body.error ? { message: body.error.message, code: body.error.data.code, fieldErrors: body.error.data.fieldErrors } : undefined,
    };
  };
}
