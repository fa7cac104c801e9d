import type { SandboxClock } from './core/clock.ts';
import type { SandboxLogger } from './core/logger.ts';
import type { SandboxDb } from './db/client.ts';
import type { WebhookRetryPolicy } from './webhooks/outbox.ts';

/** Residency countries allowed per branch; the key `null` is for persons without a branch. */
export type BranchResidency = Readonly<Record<string, readonly string[]>>;

export interface SandboxConfig {
  /** e.g. `http://localhost:3000`: the identification URLs point at `<publicBaseUrl><basePath>/idnow/…`. */
  publicBaseUrl: string;
  /** Where the router is mounted; default `/sandbox/solaris`. */
  basePath: string;
  clientId: string;
  clientSecret: string;
  branchResidency: BranchResidency;
  /** More identical persons than this are refused (seed: 1000). */
  identicalPersonLimit: number;
  /** Seed of the random outcome mix for persons without a test prefix. */
  randomSeed: string;
  webhookPolicy: WebhookRetryPolicy;
  documentMaxBytes: number;
  controlApi: boolean;
}

/** What every service function of the sandbox works with. */
export interface SandboxContext {
  db: SandboxDb;
  clock: SandboxClock;
  logger: SandboxLogger;
  config: SandboxConfig;
  /** Something was scheduled or queued: let the loop look now instead of at its next tick. */
  wake(): void;
}
