import { describe } from 'vitest';
import { startOidcProvider, type RunningOidcProvider } from '../../server/src/testing/oidc-provider.ts';
import { DEMO_ACCOUNTS, expect, inject, screenshot, test, visible } from './fixtures.ts';
import { startServer, type RunningServer } from './server-process.ts';

/**
 * Single sign-on on the sign-in page, in Chromium, on a server of this file's own that is
 * configured for a real OpenID Connect provider (panva's oidc-provider with its development login
 * form, apps/server/src/testing/oidc-provider.ts): the "Sign in with …" button appears, and
 * following it signs a known user in. The shared server has no OIDC_* set and shows no button.
 */

const PROVIDER_NAME = 'Bank Login';

interface SsoServer extends RunningServer {
  provider: RunningOidcProvider;
}

const ssoTest = test
  // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from the destructuring
  .extend('server', { scope: 'file' }, async ({}, { onCleanup }): Promise<SsoServer> => {
    let provider: RunningOidcProvider | undefined;
    const server = await startServer({
      // A busy machine (two cores, several servers) can take minutes to migrate a fresh database.
      readyTimeoutMs: 180_000,
      prepare: async (env) => {
        // The callback must be the address the browser uses, so PUBLIC_URL is that address.
        const publicUrl = `http://127.0.0.1:${env.PORT ?? ''}`;
        provider = await startOidcProvider({
          redirectUri: `${publicUrl}/auth/oidc/callback`,
          // Without a role claim only users Identdesk knows may sign in: the demo agent, by email.
          identities: { 'alex.agent': { email: DEMO_ACCOUNTS.agent.email, name: DEMO_ACCOUNTS.agent.name } },
        });
        Object.assign(env, {
          PUBLIC_URL: publicUrl,
          OIDC_ISSUER: provider.issuer,
          OIDC_CLIENT_ID: provider.clientId,
          OIDC_CLIENT_SECRET: provider.clientSecret,
          OIDC_PROVIDER_NAME: PROVIDER_NAME,
        });
      },
    }).catch(async (error: unknown) => {
      await provider?.stop();
      throw error;
    });
    const running = provider;
    if (!running) throw new Error('The OIDC provider did not start.');
    onCleanup(async () => {
      await server.stop();
      await running.stop();
    });
    return { ...server, provider: running };
  });

describe('single sign-on', () => {
  ssoTest(
    'the sign-in page offers "Sign in with …" when OIDC is configured, and it signs a known user in',
    { timeout: 240_000 },
    async ({ page, server, expectedConsoleErrors }) => {
      // The provider's development login page loads its styles from the internet, which this
      // machine does not reach, and asks for a favicon it does not have; Identdesk's own pages
      // load nothing from elsewhere.
      expectedConsoleErrors.push(/ERR_NAME_NOT_RESOLVED/, /status of 404/);
      await page.goto(`${server.baseURL}/login`);
      await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }));
      const sso = page.getByRole('link', { name: `Sign in with ${PROVIDER_NAME}` });
      await visible(sso);
      await screenshot(page, 'login-single-sign-on');

      // Keyboard: the button is reachable and follows with Enter.
      await sso.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.origin === server.provider.issuer, { timeout: 20_000 });
      // The provider's own development login and consent forms.
      await page.locator('input[name="login"]').fill('alex.agent');
      await page.locator('input[name="password"]').fill('any password');
      await page.locator('button[type="submit"]').click();
      await page.locator('button[type="submit"]').filter({ hasText: /continue/i }).click();

      await page.waitForURL((url) => url.origin === server.baseURL, { timeout: 20_000 });
      await visible(page.getByRole('heading', { level: 1, name: 'Search' }), 20_000);
      const user = page.getByRole('region', { name: 'Signed-in user' });
      expect(await user.textContent()).toContain(DEMO_ACCOUNTS.agent.name);
    },
  );

  test('without OIDC configured the sign-in page offers the password form only', async ({ page }) => {
    // The button depends on what the server says it offers: wait for that answer, then look.
    const offered = page.waitForResponse((response) => response.url().includes('auth.providers'));
    await page.goto(`${inject('baseURL')}/login`);
    await offered;
    await visible(page.getByRole('button', { name: 'Sign in', exact: true }));
    // The demo accounts come with the same answer, in the same render as a "Sign in with …" link
    // would: once they show, the answer is on the page (the form above is there before it).
    await visible(page.getByRole('heading', { level: 2, name: 'Demo accounts of the sandbox' }));
    expect(await page.getByRole('link', { name: /^Sign in with/ }).count()).toBe(0);
  });
});
