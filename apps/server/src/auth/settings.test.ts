import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { authConfigFrom, authEnvIssues, authEnvShape, parseRoleMap } from './settings.ts';

const schema = z.object(authEnvShape);
const parse = (env: Record<string, string>) => schema.parse(env);

describe('auth configuration', () => {
  it('defaults to 30 minutes idle, 12 hours absolute, 5 failures locking for 15 minutes', () => {
    const config = authConfigFrom(parse({}), { publicUrl: undefined, embeddedDefault: true });
    expect(config.settings).toMatchObject({
      sessionIdleMs: 30 * 60_000,
      sessionAbsoluteMs: 12 * 3_600_000,
      maxFailedSignIns: 5,
      lockMs: 15 * 60_000,
      secureCookies: false,
    });
    expect(config.oidc).toBeNull();
    expect(config.demoUsers).toBe(true);
  });

  it('makes cookies Secure when PUBLIC_URL is https, and demo users follow the embedded default unless set', () => {
    const config = authConfigFrom(parse({ DEMO_USERS: 'auto' }), { publicUrl: 'https://identdesk.bank.example', embeddedDefault: false });
    expect(config.settings.secureCookies).toBe(true);
    expect(config.demoUsers).toBe(false);
    expect(authConfigFrom(parse({ DEMO_USERS: 'true' }), { publicUrl: undefined, embeddedDefault: false }).demoUsers).toBe(true);
  });

  it('wants OIDC complete, its issuer https unless on this machine, and never demo users beside live Solaris', () => {
    expect(authEnvIssues(parse({ OIDC_ISSUER: 'https://login.bank.example' }), { solarisMode: 'sandbox' }).map((i) => i.path)).toEqual([
      'OIDC_CLIENT_ID',
      'OIDC_CLIENT_SECRET',
    ]);
    const complete = { OIDC_CLIENT_ID: 'identdesk', OIDC_CLIENT_SECRET: 's3cret' };
    expect(authEnvIssues(parse({ ...complete, OIDC_ISSUER: 'http://login.bank.example' }), { solarisMode: 'sandbox' })).toEqual([
      { path: 'OIDC_ISSUER', message: 'must be https:// (http:// only for a provider on this machine)' },
    ]);
    expect(authEnvIssues(parse({ ...complete, OIDC_ISSUER: 'http://127.0.0.1:4000' }), { solarisMode: 'sandbox' })).toEqual([]);
    expect(authEnvIssues(parse({ DEMO_USERS: 'true' }), { solarisMode: 'live' })[0]?.path).toBe('DEMO_USERS');
  });

  it('reads a role map of claim values to roles', () => {
    expect(parseRoleMap('idd-agents=agent, idd-review=compliance')).toEqual({ map: { 'idd-agents': 'agent', 'idd-review': 'compliance' } });
    expect(parseRoleMap('=admin')).toEqual({ problem: '"=admin" is not claim-value=role' });
    expect(parseRoleMap('idd=root')).toEqual({ problem: '"root" is not a role (agent, compliance, team_lead, admin)' });
  });
});
