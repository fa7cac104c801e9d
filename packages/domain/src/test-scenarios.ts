import { z } from 'zod';
import type { IdnowResult } from './idnow-results.ts';

/**
 * IDnow's sandbox test scenarios: a person whose first_name or last_name starts with
 * `<PREFIX>-<CASE>` (e.g. X-MANUALTEST-HAPPYPATH) gets the scripted outcome.
 */
export const TEST_SCENARIO_PREFIXES = ['X-MANUALTEST', 'X-AUTOTEST'] as const;
export const testScenarioPrefixSchema = z.enum(TEST_SCENARIO_PREFIXES);
export type TestScenarioPrefix = z.infer<typeof testScenarioPrefixSchema>;

/** The seed's descriptions, verbatim. */
export const TEST_SCENARIO_PREFIX_DESCRIPTIONS: Record<TestScenarioPrefix, string> = {
  'X-MANUALTEST': 'Performs a test where you can use the web or app, but the agent is automated.',
  'X-AUTOTEST': 'Both the user and the agent are automated. No user interaction required',
};

/** The seed's nine cases plus FRAUDREVIEW from solaris-api-notes.md. */
export const TEST_SCENARIO_CASES = [
  'HAPPYPATH',
  'CHANGEALL',
  'CHANGEALLREVIEW',
  'ABORTIDENT',
  'FRAUDOK',
  'CANCELED',
  'LONGREVIEW',
  'HOLDCERTIFICATE',
  'FRAUDIDENT',
  'FRAUDREVIEW',
] as const;
export const testScenarioCaseSchema = z.enum(TEST_SCENARIO_CASES);
export type TestScenarioCase = z.infer<typeof testScenarioCaseSchema>;

export interface TestScenarioCaseDetails {
  /** The seed's description, verbatim (FRAUDREVIEW: the notes' wording). */
  description: string;
  /**
   * The IDnow results the scenario produces, in order. Derived by Identdesk from the
   * descriptions (a preliminary result, then the review's final one) for the sandbox.
   */
  idnowResults: readonly IdnowResult[];
  /** Only performable with an eSigning identification. */
  eSigningOnly: boolean;
}

export const TEST_SCENARIO_CASE_DETAILS: Record<TestScenarioCase, TestScenarioCaseDetails> = {
  HAPPYPATH: {
    description:
      'Performs a happy path test. The identification is finished successfully and no changes are made.',
    idnowResults: ['SUCCESS'],
    eSigningOnly: false,
  },
  CHANGEALL: {
    description:
      'Performs a successful identification, but changes all fields to new values. In addition, all allowed UTF-8 characters supported by IDnow are returned.',
    idnowResults: ['SUCCESS_DATA_CHANGED'],
    eSigningOnly: false,
  },
  CHANGEALLREVIEW: {
    description:
      'Performs a successful identification, but changes all fields during review (and not during the identification like CHANGEALL ).',
    idnowResults: ['REVIEW_PENDING', 'SUCCESS_DATA_CHANGED'],
    eSigningOnly: false,
  },
  ABORTIDENT: {
    description: 'The agent aborts during the identification (e.g. the video quality is not good enough).',
    idnowResults: ['ABORTED'],
    eSigningOnly: false,
  },
  FRAUDOK: {
    description:
      'The agent reports fraud suspicion during the identification, but during the review the identification is marked as legit.',
    idnowResults: ['FRAUD_SUSPICION_PENDING', 'SUCCESS'],
    eSigningOnly: false,
  },
  CANCELED: {
    description:
      'The agent performs a successful identification, but during the review it is detected that the ident was not performed correctly (e.g. the picture quality is not good enough).',
    idnowResults: ['REVIEW_PENDING', 'CANCELED'],
    eSigningOnly: false,
  },
  LONGREVIEW: {
    description:
      'Normally, the review of the test scenarios is performed right away (~1-2 Minutes delay). Using the LONGREVIEW scenario, the review is performed 24 hours later.',
    idnowResults: ['REVIEW_PENDING', 'SUCCESS'],
    eSigningOnly: false,
  },
  HOLDCERTIFICATE: {
    description:
      'The agent performs a successful identification, but the system sends out the signed documents and the results after 10 minutes. This test is only performable with an eSigning identification.',
    idnowResults: ['SUCCESS'],
    eSigningOnly: true,
  },
  FRAUDIDENT: {
    description:
      'The agent reports fraud suspicion during the identification and the fraud is confirmed in the review.This test case is not supported for eSigning.',
    idnowResults: ['FRAUD_SUSPICION_PENDING', 'FRAUD_SUSPICION_CONFIRMED'],
    eSigningOnly: false,
  },
  FRAUDREVIEW: {
    description: 'Success in the call, fraud found in review.',
    idnowResults: ['REVIEW_PENDING', 'FRAUD_SUSPICION_CONFIRMED'],
    eSigningOnly: false,
  },
};

export interface TestScenario {
  prefix: TestScenarioPrefix;
  case: TestScenarioCase;
}

// Longest first, so X-AUTOTEST-CHANGEALLREVIEW is not read as CHANGEALL.
const CASES_LONGEST_FIRST = [...TEST_SCENARIO_CASES].sort((a, b) => b.length - a.length);

function scenarioAtStartOf(name: string): TestScenario | null {
  for (const prefix of TEST_SCENARIO_PREFIXES) {
    if (!name.startsWith(`${prefix}-`)) continue;
    const rest = name.slice(prefix.length + 1);
    const testCase = CASES_LONGEST_FIRST.find((candidate) => rest.startsWith(candidate));
    if (testCase) return { prefix, case: testCase };
  }
  return null;
}

/**
 * The test scenario a person triggers, or null for a real customer. The name must START with
 * `X-AUTOTEST-<CASE>` or `X-MANUALTEST-<CASE>` (upper case, as IDnow writes it); anything may
 * follow. first_name is checked before last_name.
 */
export function parseTestScenario(
  firstName: string | null | undefined,
  lastName: string | null | undefined,
): TestScenario | null {
  for (const name of [firstName, lastName]) {
    if (typeof name !== 'string') continue;
    const scenario = scenarioAtStartOf(name);
    if (scenario) return scenario;
  }
  return null;
}
