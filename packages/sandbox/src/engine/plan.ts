import {
  FAILURE_CODE_DETAILS,
  FAILURE_CODES,
  TEST_SCENARIO_CASE_DETAILS,
  type FailureCode,
  type IdnowResult,
  type TestScenario,
  type TestScenarioCase,
} from '@identdesk/domain';
import { DAY, HOUR, MINUTE, SECOND } from '../core/clock.ts';
import type { Random } from '../core/random.ts';

export type IdnowChannel = 'WEB' | 'APP';

/** How an IDnow agent changes the person's data with a SUCCESS_DATA_CHANGED result. */
export type DataChange = 'all' | 'minor';

/** One IDnow result at an offset from the scenario's start (sandbox time). */
export interface PlannedResult {
  afterMs: number;
  result: IdnowResult;
  reason: FailureCode | null;
  dataChange: DataChange | null;
  channel: IdnowChannel;
}

/** An AUTOTEST call is held by automated user and agent; it ends this long after the request. */
export const AUTOTEST_CALL_MS = 60 * SECOND;
/** Seed: "the review of the test scenarios is performed right away (~1-2 Minutes delay)". */
export const TEST_REVIEW_MIN_MS = 60 * SECOND;
export const TEST_REVIEW_MAX_MS = 120 * SECOND;
/** Seed: LONGREVIEW "the review is performed 24 hours later". */
export const LONG_REVIEW_MS = 24 * HOUR;
/** Seed: HOLDCERTIFICATE sends the results after 10 minutes. */
export const HOLD_CERTIFICATE_MS = 10 * MINUTE;

/** The reasons a test case gives: ABORTIDENT's example is poor video, CANCELED's poor picture quality (seed). */
export const TEST_CASE_REASONS: Partial<Record<IdnowResult, FailureCode>> = {
  ABORTED: 'TECH_VIDEO',
  CANCELED: 'BAD_PHOTO_QUALITY',
};

/** The IDnow results of a test case (domain), laid out in time. Manual tests start once the ident code is confirmed. */
export function planTestCase(scenario: TestScenario, random: Random): PlannedResult[] {
  const results = TEST_SCENARIO_CASE_DETAILS[scenario.case].idnowResults;
  const callEnds = scenario.prefix === 'X-AUTOTEST' ? AUTOTEST_CALL_MS : 0;
  const first = scenario.case === 'HOLDCERTIFICATE' ? callEnds + HOLD_CERTIFICATE_MS : callEnds;
  const review = reviewDelay(scenario.case, random);
  const channel: IdnowChannel = scenario.prefix === 'X-MANUALTEST' ? 'WEB' : 'APP';
  return results.map((result, index) => ({
    afterMs: index === 0 ? first : first + review * index,
    result,
    reason: TEST_CASE_REASONS[result] ?? null,
    dataChange: result === 'SUCCESS_DATA_CHANGED' ? 'all' : null,
    channel,
  }));
}

function reviewDelay(testCase: TestScenarioCase, random: Random): number {
  if (testCase === 'LONGREVIEW') return LONG_REVIEW_MS;
  return random.int(TEST_REVIEW_MIN_MS / SECOND, TEST_REVIEW_MAX_MS / SECOND) * SECOND;
}

const ESIGNING_ONLY_CODES: readonly FailureCode[] = ['INCORRECT_NAME_IN_QES', 'WRONG_PHONE_NUMBER', 'NO_ESIGN_FRAUD'];
const REVIEW_ONLY_CODES: readonly FailureCode[] = [
  'NO_SECURITY_QUESTION_ASKED',
  'SECURITY_QUESTION_NOT_CORRECT_ANSWERED',
  'SECURITY_QUESTION',
  'STALLED_TIMEOUT',
];

/** Temporary, customer-side reasons for an aborted call (TECH_*, USER_*, audio/video/connection ...). */
export const RETRYABLE_ABORT_REASONS: readonly FailureCode[] = FAILURE_CODES.filter((code) => {
  const details = FAILURE_CODE_DETAILS[code];
  return (
    !details.permanent &&
    (details.category === 'TECHNICAL' || details.category === 'USER') &&
    !ESIGNING_ONLY_CODES.includes(code) &&
    !REVIEW_ONLY_CODES.includes(code)
  );
});

/** Reasons after which the same application cannot succeed. */
export const PERMANENT_ABORT_REASONS: readonly FailureCode[] = FAILURE_CODES.filter(
  (code) => FAILURE_CODE_DETAILS[code].permanent,
);

/** Reasons a reviewer cancels a preliminary success with. */
export const REVIEW_CANCEL_REASONS: readonly FailureCode[] = [
  'BAD_PHOTO_QUALITY',
  'TECH_PHOTO',
  'TECH_HOLOGRAM',
  'NO_SECURITY_QUESTION_ASKED',
  'SECURITY_QUESTION_NOT_CORRECT_ANSWERED',
];

/**
 * Outcomes for persons without a test prefix, with their weights (per 1000). Most succeed at the
 * first call; some abort and retry; a few go through a review; cancellations are rare (IDnow:
 * about 0.1 %); some customers never finish and the identification expires after 14 days.
 */
export const RANDOM_OUTCOME_WEIGHTS = {
  success: 660,
  successDataChanged: 40,
  abortThenSuccess: 120,
  abortTwiceThenSuccess: 20,
  abortThenAbandon: 20,
  abortPermanent: 15,
  reviewThenSuccess: 50,
  reviewThenCanceledThenSuccess: 5,
  reviewThenFraud: 5,
  fraudPendingThenFailed: 15,
  fraudPendingThenSuccess: 10,
  neverStarted: 40,
} as const;

export type RandomOutcome = keyof typeof RANDOM_OUTCOME_WEIGHTS;

export function pickRandomOutcome(random: Random): RandomOutcome {
  const entries = Object.entries(RANDOM_OUTCOME_WEIGHTS) as [RandomOutcome, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [outcome, weight] of entries) {
    roll -= weight;
    if (roll < 0) return outcome;
  }
  return 'success';
}

/** When a customer opens the link: mostly within the hour, some the same day, a few days later. */
function startDelay(random: Random): number {
  const roll = random.next();
  if (roll < 0.7) return random.int(2 * 60, 60 * 60) * SECOND;
  if (roll < 0.92) return random.int(1 * 60, 24 * 60) * MINUTE;
  return random.int(24, 6 * 24) * HOUR;
}

/** A retry after an aborted or canceled call: minutes to a couple of days. */
function retryDelay(random: Random): number {
  return random.chance(0.6) ? random.int(5, 120) * MINUTE : random.int(3, 48) * HOUR;
}

function reviewTime(random: Random): number {
  return random.chance(0.8) ? random.int(5, 90) * MINUTE : random.int(2, 24) * HOUR;
}

/** The whole timeline of a person without a test prefix; an empty plan never finishes (expires). */
export function planRandom(random: Random): { outcome: RandomOutcome; results: PlannedResult[] } {
  const outcome = pickRandomOutcome(random);
  const channel: IdnowChannel = random.chance(0.65) ? 'APP' : 'WEB';
  const results: PlannedResult[] = [];
  let at = startDelay(random) + random.int(4, 20) * MINUTE;
  const add = (result: IdnowResult, reason: FailureCode | null = null, dataChange: DataChange | null = null) =>
    results.push({ afterMs: at, result, reason, dataChange, channel });
  const abort = () => {
    add('ABORTED', random.pick(RETRYABLE_ABORT_REASONS));
    at += retryDelay(random);
  };

  switch (outcome) {
    case 'success':
      add('SUCCESS');
      break;
    case 'successDataChanged':
      add('SUCCESS_DATA_CHANGED', null, 'minor');
      break;
    case 'abortThenSuccess':
      abort();
      add('SUCCESS');
      break;
    case 'abortTwiceThenSuccess':
      abort();
      abort();
      add('SUCCESS');
      break;
    case 'abortThenAbandon':
      add('ABORTED', random.pick(RETRYABLE_ABORT_REASONS));
      break;
    case 'abortPermanent':
      add('ABORTED', random.pick(PERMANENT_ABORT_REASONS));
      break;
    case 'reviewThenSuccess':
      add('REVIEW_PENDING');
      at += reviewTime(random);
      add('SUCCESS');
      break;
    case 'reviewThenCanceledThenSuccess':
      add('REVIEW_PENDING');
      at += reviewTime(random);
      add('CANCELED', random.pick(REVIEW_CANCEL_REASONS));
      at += retryDelay(random);
      add('SUCCESS');
      break;
    case 'reviewThenFraud':
      add('REVIEW_PENDING');
      at += reviewTime(random);
      add('FRAUD_SUSPICION_CONFIRMED');
      break;
    case 'fraudPendingThenFailed':
      add('FRAUD_SUSPICION_PENDING');
      at += reviewTime(random);
      add('FRAUD_SUSPICION_CONFIRMED');
      break;
    case 'fraudPendingThenSuccess':
      add('FRAUD_SUSPICION_PENDING');
      at += reviewTime(random);
      add('SUCCESS');
      break;
    case 'neverStarted':
      break;
  }
  // Everything happens while the link is valid (14 days).
  const lastAllowed = 13 * DAY;
  return { outcome, results: results.filter((step) => step.afterMs <= lastAllowed) };
}
