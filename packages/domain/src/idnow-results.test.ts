import { describe, expect, it } from 'vitest';
import { IDENTIFICATION_STATUS_MEANINGS } from './identification-status.ts';
import {
  IDNOW_FIELD_STATUSES,
  IDNOW_RESULT_MEANINGS,
  IDNOW_RESULTS,
  identificationStatusForIdnowResult,
  idnowAttemptSchema,
  idnowFieldStatusSchema,
  idnowPayloadSchema,
} from './idnow-results.ts';

describe('IDnow results', () => {
  it('map to the identification statuses of the notes', () => {
    expect(Object.fromEntries(IDNOW_RESULTS.map((result) => [result, identificationStatusForIdnowResult(result)]))).toEqual({
      SUCCESS: 'successful',
      SUCCESS_DATA_CHANGED: 'successful',
      FRAUD_SUSPICION_CONFIRMED: 'failed',
      REVIEW_PENDING: 'pending_successful',
      FRAUD_SUSPICION_PENDING: 'pending_failed',
      ABORTED: 'aborted',
      CANCELED: 'canceled',
    });
  });

  it('are preliminary only for REVIEW_PENDING and FRAUD_SUSPICION_PENDING', () => {
    const preliminary = IDNOW_RESULTS.filter((result) => IDNOW_RESULT_MEANINGS[result].stage === 'preliminary');
    expect(preliminary).toEqual(['REVIEW_PENDING', 'FRAUD_SUSPICION_PENDING']);
  });

  it('signal fraud suspicion only for the two fraud results', () => {
    const fraud = IDNOW_RESULTS.filter((result) => IDNOW_RESULT_MEANINGS[result].fraudSuspicion);
    expect(fraud).toEqual(['FRAUD_SUSPICION_CONFIRMED', 'FRAUD_SUSPICION_PENDING']);
  });

  it('report changed data only for SUCCESS_DATA_CHANGED', () => {
    const changed = IDNOW_RESULTS.filter((result) => IDNOW_RESULT_MEANINGS[result].dataChanged);
    expect(changed).toEqual(['SUCCESS_DATA_CHANGED']);
  });

  it('carry a reason exactly when the mapped status gives one', () => {
    for (const result of IDNOW_RESULTS) {
      const meaning = IDNOW_RESULT_MEANINGS[result];
      expect(meaning.result).toBe(result);
      expect(meaning.reasonGiven).toBe(IDENTIFICATION_STATUS_MEANINGS[meaning.identificationStatus].reason === 'given');
    }
  });

  it('treat a preliminary success as allowing services, as the notes say', () => {
    expect(IDENTIFICATION_STATUS_MEANINGS[identificationStatusForIdnowResult('REVIEW_PENDING')].servicesAllowed).toBe(true);
    expect(IDENTIFICATION_STATUS_MEANINGS[identificationStatusForIdnowResult('FRAUD_SUSPICION_PENDING')].servicesAllowed).toBe(
      false,
    );
  });

  it('has the four per-field statuses', () => {
    expect([...IDNOW_FIELD_STATUSES]).toEqual(['MATCH', 'CHANGE', 'NEW', 'REDACTION']);
    expect(idnowFieldStatusSchema.safeParse('CHANGED').success).toBe(false);
  });
});

describe('IDnow attempt and payload schemas', () => {
  const payload = {
    identificationprocess: {
      result: 'ABORTED',
      reason: 'TECH_LIGHTING',
      agentname: 'TAGENT',
      identificationtime: '2022-07-22T09:28:13+02:00',
      id: 'TST-KCCEY',
      type: 'APP',
      transactionnumber: '6dc54352d6793a892e0702850d07b831cidt',
      companyid: 'solarisbankvideoidentsandbox',
      somethingElse: 1,
    },
    userdata: { firstname: { status: 'MATCH', value: 'Jane' } },
    contactdata: { mobilephone: '+49301234567' },
  };

  it('reads an attempt with its failure code and raw payload', () => {
    const attempt = idnowAttemptSchema.parse({ id: 'a1', result: 'ABORTED', reason: 'TECH_LIGHTING', payload });
    expect(attempt.reason).toBe('TECH_LIGHTING');
  });

  it('keeps payload fields it does not type, since the payload is evidence', () => {
    const parsed = idnowPayloadSchema.parse(payload);
    expect(parsed.identificationprocess.somethingElse).toBe(1);
    expect(parsed.contactdata).toEqual({ mobilephone: '+49301234567' });
  });

  it('refuses a payload with an unknown result', () => {
    const broken = { identificationprocess: { ...payload.identificationprocess, result: 'MAYBE' } };
    expect(idnowPayloadSchema.safeParse(broken).success).toBe(false);
  });
});
