import { describe, expect, it } from 'vitest';
import { IDNOW_RESULT_MEANINGS } from './idnow-results.ts';
import {
  parseTestScenario,
  TEST_SCENARIO_CASE_DETAILS,
  TEST_SCENARIO_CASES,
  TEST_SCENARIO_PREFIX_DESCRIPTIONS,
  TEST_SCENARIO_PREFIXES,
} from './test-scenarios.ts';
import { parseSeedTestCaseRows, parseSeedTestPrefixRows, readSeedDocument } from './testing/seed-document.ts';

describe('test scenario catalogue', () => {
  const seed = readSeedDocument();

  it("has the seed's prefixes with the seed's descriptions", () => {
    const rows = parseSeedTestPrefixRows(seed);
    expect([...TEST_SCENARIO_PREFIXES]).toEqual(rows.map((row) => row.name));
    for (const row of rows) {
      expect(TEST_SCENARIO_PREFIX_DESCRIPTIONS[row.name as (typeof TEST_SCENARIO_PREFIXES)[number]]).toBe(row.description);
    }
  });

  it("has the seed's nine cases with their descriptions, plus FRAUDREVIEW from the notes", () => {
    const rows = parseSeedTestCaseRows(seed);
    expect([...TEST_SCENARIO_CASES]).toEqual([...rows.map((row) => row.name), 'FRAUDREVIEW']);
    for (const row of rows) {
      expect(TEST_SCENARIO_CASE_DETAILS[row.name as (typeof TEST_SCENARIO_CASES)[number]].description).toBe(
        row.description,
      );
    }
  });

  it('scripts results that end in a final one, after at most one preliminary', () => {
    for (const testCase of TEST_SCENARIO_CASES) {
      const results = TEST_SCENARIO_CASE_DETAILS[testCase].idnowResults;
      const last = results.at(-1);
      expect(last && IDNOW_RESULT_MEANINGS[last].stage).toBe('final');
      for (const earlier of results.slice(0, -1)) expect(IDNOW_RESULT_MEANINGS[earlier].stage).toBe('preliminary');
    }
    expect(TEST_SCENARIO_CASE_DETAILS.FRAUDIDENT.idnowResults).toEqual([
      'FRAUD_SUSPICION_PENDING',
      'FRAUD_SUSPICION_CONFIRMED',
    ]);
  });
});

describe('parseTestScenario', () => {
  it('finds the scenario at the start of first_name', () => {
    expect(parseTestScenario('X-MANUALTEST-HAPPYPATH', 'Doe')).toEqual({ prefix: 'X-MANUALTEST', case: 'HAPPYPATH' });
  });

  it('finds the scenario in last_name when first_name has none', () => {
    expect(parseTestScenario('Jane', 'X-AUTOTEST-FRAUDIDENT')).toEqual({ prefix: 'X-AUTOTEST', case: 'FRAUDIDENT' });
  });

  it('prefers first_name when both names carry a scenario', () => {
    expect(parseTestScenario('X-AUTOTEST-ABORTIDENT', 'X-MANUALTEST-HAPPYPATH')).toEqual({
      prefix: 'X-AUTOTEST',
      case: 'ABORTIDENT',
    });
  });

  it('tells CHANGEALLREVIEW from CHANGEALL', () => {
    expect(parseTestScenario('X-AUTOTEST-CHANGEALLREVIEW', 'Doe')?.case).toBe('CHANGEALLREVIEW');
    expect(parseTestScenario('X-AUTOTEST-CHANGEALL', 'Doe')?.case).toBe('CHANGEALL');
  });

  it('accepts anything after the case, since the name only has to start with it', () => {
    expect(parseTestScenario('X-AUTOTEST-LONGREVIEW-42 Jane', 'Doe')?.case).toBe('LONGREVIEW');
  });

  it('ignores names that merely contain a scenario or use another case', () => {
    expect(parseTestScenario('Jane X-AUTOTEST-HAPPYPATH', 'Doe')).toBeNull();
    expect(parseTestScenario('x-autotest-happypath', 'Doe')).toBeNull();
    expect(parseTestScenario('X-AUTOTEST-UNKNOWN', 'Doe')).toBeNull();
    expect(parseTestScenario('X-AUTOTEST', 'Doe')).toBeNull();
  });

  it('returns null for real customers and missing names', () => {
    expect(parseTestScenario('Jane', 'Doe')).toBeNull();
    expect(parseTestScenario(null, undefined)).toBeNull();
  });

  it('reads FRAUDREVIEW from the notes', () => {
    expect(parseTestScenario('X-MANUALTEST-FRAUDREVIEW', 'Doe')?.case).toBe('FRAUDREVIEW');
  });
});
