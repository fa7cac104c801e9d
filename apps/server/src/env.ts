import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { authConfigFrom, authEnvIssues, authEnvShape, type AuthConfig } from './auth/settings.ts';

/** The repository root, so relative defaults do not depend on the directory the server was started from. */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const SOLARIS_MODES = ['sandbox', 'live'] as const;
export type SolarisMode = (typeof SOLARIS_MODES)[number];

/** Where the embedded sandbox is mounted; also the default Solaris URL in sandbox mode. */
export const SANDBOX_MOUNT_PATH = '/sandbox/solaris';
export const WEBHOOK_PATH = '/webhooks/solaris';
export const SANDBOX_DEFAULT_CLIENT_ID = 'identdesk-sandbox';
export const SANDBOX_DEFAULT_CLIENT_SECRET = 'sandbox-secret';

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an absolute http:// or https:// URL' })
  .transform((url) => url.replace(/\/+$/, ''));

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default(fallback)
    .transform((value) => value === 'true');

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('data'),
    WEB_DIST_DIR: z.string().min(1).default('apps/web/dist'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),

    SOLARIS_MODE: z.enum(SOLARIS_MODES, { error: 'must be sandbox or live' }).default('sandbox'),
    SOLARIS_API_URL: httpUrl.optional(),
    SOLARIS_AUTH_URL: httpUrl.optional(),
    SOLARIS_CLIENT_ID: z.string().min(1).optional(),
    SOLARIS_CLIENT_SECRET: z.string().min(1).optional(),
    PUBLIC_URL: httpUrl.optional(),
    SOLARIS_WEBHOOK_SECRET_IDENTIFICATION: z.string().min(1).optional(),
    SOLARIS_WEBHOOK_SECRET_PERSON_CHANGED: z.string().min(1).optional(),

    SANDBOX_TIME_SCALE: z.coerce.number().positive().max(1_000_000).default(1),
    SANDBOX_CONTROL_API: flag('false'),
    SEED_DEMO: flag('true'),

    RECONCILE_INTERVAL_MINUTES: z.coerce.number().min(0).max(7 * 24 * 60).default(15),
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
    WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0).max(3600).default(30),
    WEBHOOK_LEASE_SECONDS: z.coerce.number().min(0.1).max(3600).default(300),

    AUDIT_CHAIN_KEY: z
      .string()
      .min(32, { error: 'must be at least 32 characters: a random secret, e.g. the output of `openssl rand -hex 32`' })
      .optional(),
    AUDIT_ANCHOR_FILE: z.string().min(1).optional(),

    ...authEnvShape,
  })
  .superRefine((values, ctx) => {
    for (const issue of authEnvIssues(values, { solarisMode: values.SOLARIS_MODE })) {
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    }
    if (values.NODE_ENV === 'production' && values.DATABASE_URL !== undefined && values.AUDIT_CHAIN_KEY === undefined) {
      // The audit chain's key must live outside the database; a server would have nowhere to keep one it made up.
      ctx.addIssue({ code: 'custom', path: ['AUDIT_CHAIN_KEY'], message: 'is required with DATABASE_URL when NODE_ENV=production' });
    }
    if (values.SOLARIS_MODE !== 'live') return;
    // A live deployment must never fall back to the sandbox's URL or its published credentials.
    for (const name of ['SOLARIS_API_URL', 'SOLARIS_CLIENT_ID', 'SOLARIS_CLIENT_SECRET'] as const) {
      if (values[name] === undefined) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'is required when SOLARIS_MODE=live' });
      }
    }
  });

export interface SolarisConfig {
  mode: SolarisMode;
  /** Base URL of the Solaris API; undefined means the embedded sandbox of this server (known once it listens). */
  apiUrl: string | undefined;
  /** Where `/oauth2/token` lives; undefined means the API URL. */
  authUrl: string | undefined;
  clientId: string;
  clientSecret: string;
  /** Webhook secrets configured per event type, besides the ones stored with each subscription. */
  webhookSecrets: Partial<Record<'IDENTIFICATION' | 'PERSON_CHANGED', string>>;
}

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** PostgreSQL server; when absent Identdesk runs on embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  webDistDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** How Solaris reaches this server; undefined means http://localhost:<the port it listens on>. */
  publicUrl: string | undefined;
  solaris: SolarisConfig;
  sandbox: { timeScale: number; controlApi: boolean };
  /** The lead's demo traffic on first start of the embedded sandbox. */
  seedDemo: boolean;
  /** 0 turns the periodic reconciliation off. */
  reconcileIntervalMs: number;
  webhooks: { maxAttempts: number; retryBaseMs: number; leaseMs: number };
  /** Sessions, sign-in limits, single sign-on and the sandbox's demo users (auth/settings.ts). */
  auth: AuthConfig;
  audit: AuditChainConfig;
};

/** Where the audit chain's key and anchor live: outside the database (audit/chain-key.ts, audit/anchor.ts). */
export interface AuditChainConfig {
  /** AUDIT_CHAIN_KEY; unset, the key is read from (or generated once into) `keyFile`. */
  key: string | undefined;
  keyFile: string;
  /** Checkpoints of the newest event; null in tests unless AUDIT_ANCHOR_FILE names one. */
  anchorFile: string | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses configuration from the environment once, at start. An invalid variable stops the
 * server with a message naming the variable and the rule, instead of failing later.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const withoutBlanks = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema.safeParse(withoutBlanks);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  const dataDir = path.resolve(REPO_ROOT, values.DATA_DIR);
  const webhookSecrets: SolarisConfig['webhookSecrets'] = {};
  if (values.SOLARIS_WEBHOOK_SECRET_IDENTIFICATION) {
    webhookSecrets.IDENTIFICATION = values.SOLARIS_WEBHOOK_SECRET_IDENTIFICATION;
  }
  if (values.SOLARIS_WEBHOOK_SECRET_PERSON_CHANGED) {
    webhookSecrets.PERSON_CHANGED = values.SOLARIS_WEBHOOK_SECRET_PERSON_CHANGED;
  }
  return {
    nodeEnv: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    databaseUrl: values.DATABASE_URL,
    dataDir,
    webDistDir: path.resolve(REPO_ROOT, values.WEB_DIST_DIR),
    logLevel: values.LOG_LEVEL,
    publicUrl: values.PUBLIC_URL,
    solaris: {
      mode: values.SOLARIS_MODE,
      apiUrl: values.SOLARIS_API_URL,
      authUrl: values.SOLARIS_AUTH_URL,
      clientId: values.SOLARIS_CLIENT_ID ?? SANDBOX_DEFAULT_CLIENT_ID,
      clientSecret: values.SOLARIS_CLIENT_SECRET ?? SANDBOX_DEFAULT_CLIENT_SECRET,
      webhookSecrets,
    },
    sandbox: { timeScale: values.SANDBOX_TIME_SCALE, controlApi: values.SANDBOX_CONTROL_API },
    seedDemo: values.SEED_DEMO,
    reconcileIntervalMs: values.RECONCILE_INTERVAL_MINUTES * 60_000,
    webhooks: {
      maxAttempts: values.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: values.WEBHOOK_RETRY_BASE_SECONDS * 1000,
      leaseMs: values.WEBHOOK_LEASE_SECONDS * 1000,
    },
    auth: authConfigFrom(values, {
      publicUrl: values.PUBLIC_URL,
      embeddedDefault: values.SOLARIS_MODE === 'sandbox' && values.DATABASE_URL === undefined,
    }),
    audit: {
      key: values.AUDIT_CHAIN_KEY,
      keyFile: `${dataDir}.audit-key`,
      anchorFile: values.AUDIT_ANCHOR_FILE
        ? path.resolve(REPO_ROOT, values.AUDIT_ANCHOR_FILE)
        : values.NODE_ENV === 'test'
          ? null
          : `${dataDir}.audit-anchor.json`,
    },
  };
}

export interface ResolvedUrls {
  /** How Solaris (and the customer's browser, for the sandbox's IDnow page) reaches this server. */
  publicUrl: string;
  /** Where Solaris delivers webhooks: PUBLIC_URL + /webhooks/solaris. */
  webhookUrl: string;
  solarisApiUrl: string;
  solarisAuthUrl: string;
  /** The Solaris API is the sandbox mounted in this server (no SOLARIS_API_URL override). */
  embeddedSandbox: boolean;
}

/**
 * The URLs that depend on the port the server actually listens on: with PORT=0 (tests) it is
 * only known after listen, so the defaults cannot be computed when the configuration is read.
 */
export function resolveUrls(config: Config, port: number): ResolvedUrls {
  const publicUrl = config.publicUrl ?? `http://localhost:${port}`;
  const embeddedApiUrl = `http://127.0.0.1:${port}${SANDBOX_MOUNT_PATH}`;
  const solarisApiUrl = config.solaris.apiUrl ?? embeddedApiUrl;
  return {
    publicUrl,
    webhookUrl: `${publicUrl}${WEBHOOK_PATH}`,
    solarisApiUrl,
    solarisAuthUrl: config.solaris.authUrl ?? solarisApiUrl,
    embeddedSandbox: config.solaris.mode === 'sandbox' && config.solaris.apiUrl === undefined,
  };
}
