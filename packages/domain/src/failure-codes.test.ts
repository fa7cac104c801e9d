import { describe, expect, it } from 'vitest';
import {
  describeFailureCode,
  FAILED_IDENTIFICATION_CUSTOMER_MESSAGE,
  FAILURE_CODE_DETAILS,
  FAILURE_CODE_TABLE,
  FAILURE_CODES,
  failureCodeSchema,
  tellCustomerAbout,
} from './failure-codes.ts';
import { parseSeedFailureCodeRows, readSeedDocument } from './testing/seed-document.ts';

const seedRows = parseSeedFailureCodeRows(readSeedDocument());

const SEED_CATEGORY = { DATA: 'DATA', Technical: 'TECHNICAL', User: 'USER', Other: 'OTHER' } as const;
const SEED_YES_NO: Record<string, boolean> = { yes: true, no: false };
const SEED_CAUSED_BY_USER: Record<string, string> = { yes: 'yes', no: 'no', '-': 'not_stated' };

describe('failure-code table', () => {
  it('has exactly the seed rows, in the seed order', () => {
    expect(seedRows.length).toBeGreaterThanOrEqual(55);
    expect([...FAILURE_CODES]).toEqual(seedRows.map((row) => row.code));
    expect(FAILURE_CODE_TABLE.map((entry) => entry.code)).toEqual(seedRows.map((row) => row.code));
  });

  it.each(seedRows)('matches the seed for $code', (row) => {
    const entry = describeFailureCode(row.code);
    expect(entry.known).toBe(true);
    expect(entry.category).toBe(SEED_CATEGORY[row.category as keyof typeof SEED_CATEGORY]);
    expect(entry.description).toBe(row.description);
    // The seed writes "No" as well as "no".
    expect(entry.permanent).toBe(SEED_YES_NO[row.permanent.toLowerCase()]);
    expect(entry.causedByUser).toBe(SEED_CAUSED_BY_USER[row.causedByUser.toLowerCase()]);
  });

  it('groups the codes as the seed does: Technical from TECH_AUDIO to IDENT_CODE_REPEATEDLY_INCORRECT', () => {
    const categoryOf = (code: string) => describeFailureCode(code).category;
    const technical = FAILURE_CODE_TABLE.filter((entry) => entry.category === 'TECHNICAL').map((entry) => entry.code);
    expect(technical[0]).toBe('TECH_AUDIO');
    expect(technical.at(-1)).toBe('IDENT_CODE_REPEATEDLY_INCORRECT');
    expect(categoryOf('USER_ABORT_WHILE_WAITING')).toBe('USER');
    expect(categoryOf('INDECENT_BEHAVIOUR')).toBe('USER');
    expect(categoryOf('OTHER_ABUSE')).toBe('OTHER');
    expect(categoryOf('NO_ESIGN_FRAUD')).toBe('OTHER');
    expect(categoryOf('DATA_ID_EXPIRED')).toBe('DATA');
  });

  it('keys every entry by its own code', () => {
    for (const code of FAILURE_CODES) expect(FAILURE_CODE_DETAILS[code].code).toBe(code);
  });
});

describe('agent guidance per failure code', () => {
  it.each(FAILURE_CODE_TABLE.map((entry) => [entry.code, entry] as const))(
    '%s tells the customer something polite in one or two sentences',
    (_code, entry) => {
      const sentences = entry.tellCustomer.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.trim() !== '');
      expect(sentences.length).toBeGreaterThanOrEqual(1);
      expect(sentences.length).toBeLessThanOrEqual(2);
      expect(entry.tellCustomer).toMatch(/[.!?]$/);
      expect(entry.newAttemptReason.length).toBeGreaterThan(10);
    },
  );

  it('never discloses fraud, abuse or indecency to the customer', () => {
    for (const entry of FAILURE_CODE_TABLE) {
      expect(entry.tellCustomer).not.toMatch(/fraud|suspic|abuse|misuse|indecen|behavio/i);
    }
  });

  it('never promises success for a permanent code', () => {
    for (const entry of FAILURE_CODE_TABLE.filter((candidate) => candidate.permanent)) {
      expect(entry.newAttemptCanSucceed).toBe(false);
    }
  });

  it('says a new attempt can succeed after temporary technical problems', () => {
    for (const code of ['TECH_AUDIO', 'CONNECTION_LOST', 'TECH_INTERNAL_SERVER_ERROR', 'OTHER_MISCELLANEOUS_TEMPORARY']) {
      expect(describeFailureCode(code).newAttemptCanSucceed).toBe(true);
    }
  });

  it('asks the customer to wait rather than retry while an eSign fraud case is in review', () => {
    const entry = describeFailureCode('NO_ESIGN_FRAUD');
    expect(entry.newAttemptCanSucceed).toBe(false);
    expect(entry.tellCustomer).toMatch(/review/);
  });
});

describe('describeFailureCode', () => {
  it('finds codes regardless of case and surrounding spaces', () => {
    expect(describeFailureCode('  tech_audio ').code).toBe('TECH_AUDIO');
    expect(describeFailureCode('tech_audio').known).toBe(true);
  });

  it('describes an unknown code instead of throwing', () => {
    const entry = describeFailureCode('SOMETHING_NEW');
    expect(entry.known).toBe(false);
    expect(entry.code).toBe('SOMETHING_NEW');
    expect(entry.description).toMatch(/Unknown failure code SOMETHING_NEW/);
    expect(entry.category).toBeNull();
    expect(entry.newAttemptCanSucceed).toBeNull();
    expect(entry.tellCustomer).not.toBe('');
  });

  it('describes an empty code as unknown', () => {
    const entry = describeFailureCode('');
    expect(entry.known).toBe(false);
    expect(entry.description).toMatch(/\(empty\)/);
  });

  it('schema accepts only documented codes', () => {
    expect(failureCodeSchema.safeParse('BAD_AUDIO_ENVIRONMENT').success).toBe(true);
    expect(failureCodeSchema.safeParse('bad_audio_environment').success).toBe(false);
  });
});

describe('tellCustomerAbout', () => {
  it('gives no reason at all for a failed identification, whatever the code', () => {
    expect(tellCustomerAbout('failed', 'TECH_AUDIO')).toBe(FAILED_IDENTIFICATION_CUSTOMER_MESSAGE);
    expect(tellCustomerAbout('failed', null)).toBe(FAILED_IDENTIFICATION_CUSTOMER_MESSAGE);
  });

  it("uses the code's guidance for aborted and canceled identifications", () => {
    expect(tellCustomerAbout('aborted', 'TECH_LIGHTING')).toBe(FAILURE_CODE_DETAILS.TECH_LIGHTING.tellCustomer);
    expect(tellCustomerAbout('canceled', 'DATA_ID_EXPIRED')).toBe(FAILURE_CODE_DETAILS.DATA_ID_EXPIRED.tellCustomer);
  });

  it('falls back to a neutral message when no code is stored', () => {
    expect(tellCustomerAbout('aborted', null)).toMatch(/looking into/);
    expect(tellCustomerAbout('aborted', '  ')).toMatch(/looking into/);
  });
});
