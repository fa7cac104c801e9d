import { describe } from 'vitest';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  expect,
  inject,
  navigationLinks,
  screenshot,
  signInThroughForm,
  test,
  visible,
  type DemoRole,
} from './fixtures.ts';

/** What each role finds in the main navigation: exactly its sections. */
const NAVIGATION: Record<DemoRole, { home: string; heading: string; links: string[] }> = {
  agent: { home: '/', heading: 'Search', links: ['Search'] },
  compliance: { home: '/', heading: 'Search', links: ['Search', 'Compliance', 'Audit'] },
  team_lead: { home: '/metrics', heading: 'Metrics', links: ['Metrics'] },
  admin: { home: '/', heading: 'Search', links: ['Search', 'Metrics', 'Audit', 'System status', 'Webhooks'] },
};

describe('sign-in', () => {
  test('a visitor without a session is sent to sign in, and the page says what to do', async ({ page }) => {
    await page.goto('/audit?action=auth.login_failed');
    await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }));
    const url = new URL(page.url());
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('redirect')).toBe('/audit?action=auth.login_failed');
    await expect.poll(() => page.title()).toBe('Sign in · Identdesk');
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await visible(page.getByText('Demo accounts of the sandbox'));
    await screenshot(page, 'login');
  });

  for (const role of Object.keys(NAVIGATION) as DemoRole[]) {
    test(`${role}: signs in through the form and sees only the sections of the role, and who is signed in`, async ({ page }) => {
      await page.goto('/login');
      await signInThroughForm(page, DEMO_ACCOUNTS[role].email, DEMO_PASSWORD);
      const expected = NAVIGATION[role];
      await visible(page.getByRole('heading', { level: 1, name: expected.heading, exact: true }));
      expect(new URL(page.url()).pathname).toBe(expected.home);
      expect(await navigationLinks(page)).toEqual(expected.links);

      const userBox = page.getByRole('region', { name: 'Signed-in user' });
      await visible(userBox.getByText(DEMO_ACCOUNTS[role].name, { exact: true }));
      await visible(userBox.getByText(DEMO_ACCOUNTS[role].roleLabel, { exact: true }));
      await visible(userBox.getByRole('button', { name: 'Sign out', exact: true }));
      await visible(userBox.getByRole('button', { name: 'Sign out everywhere' }));
      await screenshot(page, `shell-${role}`);
    });
  }

  test('after signing in, the user is back on the page they asked for', async ({ page }) => {
    await page.goto('/audit?action=auth.login_succeeded');
    await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }));
    await signInThroughForm(page, DEMO_ACCOUNTS.compliance.email, DEMO_PASSWORD);
    await visible(page.getByRole('heading', { level: 1, name: 'Audit' }));
    const url = new URL(page.url());
    expect(url.pathname).toBe('/audit');
    expect(url.searchParams.get('action')).toBe('auth.login_succeeded');
  });

  test('a wrong password is refused in words, and the form can be used again', async ({ page, expectedConsoleErrors }) => {
    expectedConsoleErrors.push(/status of 401/);
    await page.goto('/login');
    await signInThroughForm(page, DEMO_ACCOUNTS.agent.email, 'not the password');
    const alert = await visible(page.getByRole('alert'));
    expect(await alert.textContent()).toBe('The email or password is not right. Check both and try again.');
    // The refusal empties the field in a render of its own, which may come just after the alert's.
    await expect.poll(() => page.getByLabel('Password').inputValue()).toBe('');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  test('an account is locked after five failures, and the page says for how long', async ({ page, expectedConsoleErrors }) => {
    expectedConsoleErrors.push(/status of 401/, /status of 429/);
    const email = inject('lockoutEmail');
    await page.goto('/login');
    for (let attempt = 1; attempt <= 4; attempt++) {
      await signInThroughForm(page, email, `wrong password ${attempt}`);
      await visible(page.getByRole('alert').getByText('The email or password is not right.', { exact: false }));
      // The refusal empties the password field. From the second attempt on, the alert above is the
      // previous one's, so wait for this attempt's answer before typing the next password.
      await expect.poll(() => page.getByLabel('Password').inputValue()).toBe('');
    }
    await signInThroughForm(page, email, 'wrong password 5');
    await visible(page.getByRole('alert').getByText(/this account is locked for 15 more minutes/));
    await screenshot(page, 'login-locked');
    // The right password does not open a locked account either. The alert above still says so from
    // the fifth attempt: wait for this attempt's refusal (it empties the password field) first.
    await signInThroughForm(page, email, inject('lockoutPassword'));
    await expect.poll(() => page.getByLabel('Password').inputValue()).toBe('');
    await visible(page.getByRole('alert').getByText(/this account is locked for 1[45] more minutes/));
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  test('"Sign out" ends the session: the console asks to sign in again', async ({ page, signIn }) => {
    await signIn('agent');
    await page.goto('/');
    const userBox = page.getByRole('region', { name: 'Signed-in user' });
    await userBox.getByRole('button', { name: 'Sign out', exact: true }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }));
    await page.goto('/');
    await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }));
  });

  test('"Sign out everywhere" also ends the sessions on other devices', async ({ page, browser, baseURL, signIn }) => {
    await signIn('team_lead');
    const otherDevice = await browser.newContext({ baseURL });
    try {
      const otherPage = await otherDevice.newPage();
      await signIn('team_lead', otherPage);
      await otherPage.goto('/metrics');
      await visible(otherPage.getByRole('heading', { level: 1, name: 'Metrics' }));

      await page.goto('/metrics');
      await page.getByRole('region', { name: 'Signed-in user' }).getByRole('button', { name: 'Sign out everywhere' }).click();
      await visible(page.getByRole('heading', { level: 1, name: 'Sign in' }));

      await otherPage.reload();
      await visible(otherPage.getByRole('heading', { level: 1, name: 'Sign in' }));
    } finally {
      await otherDevice.close();
    }
  });

  test('an agent is refused the audit trail with a clear message and a way back', async ({ page, signIn }) => {
    await signIn('agent');
    await page.goto('/audit');
    await visible(page.getByRole('heading', { level: 1, name: 'Audit' }));
    await visible(page.getByText('Audit is not available to your role'));
    await visible(page.getByText(/This section is for: Compliance, Administrator/));
    await screenshot(page, 'audit-refused-agent');
    await page.getByRole('link', { name: 'Go to your start page' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Search' }));
  });
});
