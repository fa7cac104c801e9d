import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestIdentity {
  email?: string;
  email_verified?: boolean;
  name?: string;
  /** Goes out as the `identdesk_roles` claim. */
  roles?: string[];
}

export interface RunningOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (panva's oidc-provider, the certified implementation) on a free
 * port of this machine, with its development login form: any login name signs in as the
 * identity of that name in `identities`. oidc-provider 9 warns that it wants Node 22; on Node 20
 * every flow these tests use works, and it is a test dependency only.
 */
export async function startOidcProvider(options: {
  redirectUri: string;
  identities: Record<string, TestIdentity>;
}): Promise<RunningOidcProvider> {
  const clientId = 'identdesk-test';
  const clientSecret = 'identdesk-test-secret-that-is-long-enough';
  const http = await import('node:http');
  const placeholder = http.createServer();
  await new Promise<void>((resolve) => placeholder.listen(0, '127.0.0.1', resolve));
  const port = (placeholder.address() as AddressInfo).port;
  await new Promise<void>((resolve) => placeholder.close(() => resolve()));
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'identdesk_roles'] },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      const identity = options.identities[id];
      if (!identity) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          ...(identity.email === undefined ? {} : { email: identity.email, email_verified: identity.email_verified ?? true }),
          ...(identity.name === undefined ? {} : { name: identity.name }),
          ...(identity.roles === undefined ? {} : { identdesk_roles: identity.roles }),
        }),
      };
    },
    cookies: { keys: ['identdesk-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  // Keeps the test output free of the provider's "development interactions" warnings.
  provider.on('server_error', () => {});
  const server: Server = provider.listen(port);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Cookies per origin, as a browser would keep them (enough for redirects between two local servers). */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  header(url: string): string {
    const jar = this.cookies.get(new URL(url).host);
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  }

  get(url: string, name: string): string | undefined {
    return this.cookies.get(new URL(url).host)?.get(name);
  }

  store(url: string, response: Response) {
    const host = new URL(url).host;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    this.cookies.set(host, jar);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', attributeValue = ''] = attribute.split('=');
        const lower = key.trim().toLowerCase();
        return (lower === 'max-age' && Number(attributeValue) <= 0) || (lower === 'expires' && new Date(attributeValue) < new Date());
      });
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  /** One request without following redirects; cookies sent and kept. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(url, response);
    return response;
  }
}
