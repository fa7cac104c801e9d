import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, REPO_ROOT, resolveUrls } from './env.ts';

describe('loadConfig', () => {
  it('defaults to port 3000 and embedded PGlite in ./data of the repository', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.join(REPO_ROOT, 'data'));
    expect(config.webDistDir).toBe(path.join(REPO_ROOT, 'apps/web/dist'));
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).databaseUrl).toBeUndefined();
  });

  it('uses a PostgreSQL server when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/identdesk' });
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/identdesk');
  });

  it('refuses an invalid PORT, naming the variable and the rule', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
  });

  it('refuses a DATABASE_URL that is not a postgres URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
  });
});

describe('Solaris configuration', () => {
  it('defaults to the built-in sandbox with its published credentials', () => {
    const config = loadConfig({});
    expect(config.solaris).toEqual({
      mode: 'sandbox',
      apiUrl: undefined,
      authUrl: undefined,
      clientId: 'identdesk-sandbox',
      clientSecret: 'sandbox-secret',
      webhookSecrets: {},
    });
    expect(config.sandbox).toEqual({ timeScale: 1, controlApi: false });
    expect(config.seedDemo).toBe(true);
    expect(config.reconcileIntervalMs).toBe(15 * 60_000);
    expect(config.webhooks).toEqual({ maxAttempts: 8, retryBaseMs: 30_000, leaseMs: 300_000 });
  });

  it('points the sandbox defaults at the port the server actually listens on', () => {
    const urls = resolveUrls(loadConfig({ PORT: '0' }), 41234);
    expect(urls).toEqual({
      publicUrl: 'http://localhost:41234',
      webhookUrl: 'http://localhost:41234/webhooks/solaris',
      solarisApiUrl: 'http://127.0.0.1:41234/sandbox/solaris',
      solarisAuthUrl: 'http://127.0.0.1:41234/sandbox/solaris',
      embeddedSandbox: true,
    });
  });

  it('takes PUBLIC_URL and the Solaris URLs as given, without a trailing slash', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://identdesk.bank.example/',
      SOLARIS_API_URL: 'https://api.solaris.example',
      SOLARIS_AUTH_URL: 'https://auth.solaris.example/',
    });
    expect(resolveUrls(config, 3000)).toEqual({
      publicUrl: 'https://identdesk.bank.example',
      webhookUrl: 'https://identdesk.bank.example/webhooks/solaris',
      solarisApiUrl: 'https://api.solaris.example',
      solarisAuthUrl: 'https://auth.solaris.example',
      embeddedSandbox: false,
    });
  });

  it('requires the API URL and credentials in live mode, naming each missing variable', () => {
    let message = '';
    try {
      loadConfig({ SOLARIS_MODE: 'live', SOLARIS_CLIENT_ID: 'partner' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain('SOLARIS_API_URL: is required when SOLARIS_MODE=live');
    expect(message).toContain('SOLARIS_CLIENT_SECRET: is required when SOLARIS_MODE=live');
    expect(message).not.toContain('SOLARIS_CLIENT_ID:');

    const live = loadConfig({
      SOLARIS_MODE: 'live',
      SOLARIS_API_URL: 'https://api.solaris.example',
      SOLARIS_CLIENT_ID: 'partner',
      SOLARIS_CLIENT_SECRET: 'secret',
      SOLARIS_WEBHOOK_SECRET_IDENTIFICATION: 'whsec-identification',
    });
    expect(live.solaris).toMatchObject({
      mode: 'live',
      clientId: 'partner',
      webhookSecrets: { IDENTIFICATION: 'whsec-identification' },
    });
    expect(resolveUrls(live, 3000).embeddedSandbox).toBe(false);
  });

  it('refuses values out of range, naming the variable', () => {
    expect(() => loadConfig({ SOLARIS_MODE: 'production' })).toThrow(/SOLARIS_MODE: must be sandbox or live/);
    expect(() => loadConfig({ SOLARIS_API_URL: 'ftp://solaris' })).toThrow(/SOLARIS_API_URL: must be an absolute http/);
    expect(() => loadConfig({ PUBLIC_URL: 'localhost:3000' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ SANDBOX_TIME_SCALE: '0' })).toThrow(/SANDBOX_TIME_SCALE/);
    expect(() => loadConfig({ RECONCILE_INTERVAL_MINUTES: '-1' })).toThrow(/RECONCILE_INTERVAL_MINUTES/);
    expect(() => loadConfig({ WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(/WEBHOOK_MAX_ATTEMPTS/);
    expect(() => loadConfig({ SEED_DEMO: 'no' })).toThrow(/SEED_DEMO: must be true or false/);
  });

  it('turns reconciliation off with 0 and reads fractions of seconds for retries', () => {
    const config = loadConfig({ RECONCILE_INTERVAL_MINUTES: '0', WEBHOOK_RETRY_BASE_SECONDS: '0.5', SEED_DEMO: 'false' });
    expect(config.reconcileIntervalMs).toBe(0);
    expect(config.webhooks.retryBaseMs).toBe(500);
    expect(config.seedDemo).toBe(false);
  });
});

describe('audit chain configuration', () => {
  it('keeps the key file and the anchor next to the data directory, and the anchor where AUDIT_ANCHOR_FILE says', () => {
    const config = loadConfig({ DATA_DIR: 'var/identdesk' });
    expect(config.audit).toEqual({
      key: undefined,
      keyFile: path.join(REPO_ROOT, 'var/identdesk.audit-key'),
      anchorFile: path.join(REPO_ROOT, 'var/identdesk.audit-anchor.json'),
    });
    expect(loadConfig({ AUDIT_ANCHOR_FILE: '/srv/anchors/identdesk.json' }).audit.anchorFile).toBe('/srv/anchors/identdesk.json');
    // Test servers share one database directory name: they anchor only where a test asks them to.
    expect(loadConfig({ NODE_ENV: 'test' }).audit.anchorFile).toBeNull();
  });
});
