export {
  createSandbox,
  DEFAULT_BASE_PATH,
  DEFAULT_BRANCH_RESIDENCY,
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  type CreateSandboxOptions,
  type Sandbox,
} from './create-sandbox.ts';
export { createClock, type SandboxClock } from './core/clock.ts';
export { consoleLogger, errorDetails, silentLogger, type SandboxLogger } from './core/logger.ts';
export type { BranchResidency, SandboxConfig, SandboxContext } from './context.ts';
export { IDENTICAL_PERSON_LIMIT } from './persons/service.ts';
export { DOCUMENT_MAX_BYTES } from './documents/service.ts';
export { MANUAL_TEST_IDENT_CODE, MANUAL_TEST_STATIC_MOBILE_NUMBER } from './idnow/page.ts';
export {
  AUTOTEST_CALL_MS,
  LONG_REVIEW_MS,
  RANDOM_OUTCOME_WEIGHTS,
  TEST_REVIEW_MAX_MS,
  TEST_REVIEW_MIN_MS,
  type PlannedResult,
} from './engine/plan.ts';
export { DEFAULT_WEBHOOK_RETRY_POLICY, type WebhookRetryPolicy } from './webhooks/outbox.ts';
export { countSandboxPersons, generateDemoTraffic, type DemoTrafficOptions } from './demo/demo-traffic.ts';
