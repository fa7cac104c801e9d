import { describe, expect, it } from 'vitest';
import { FAILED_IDENTIFICATION_CUSTOMER_MESSAGE, FAILURE_CODE_DETAILS } from './failure-codes.ts';
import { identificationGuidance, NEVER_SHARE_REFERENCE } from './identification-guidance.ts';
import { IDENTIFICATION_STATUSES } from './identification-status.ts';

const open = { urlExpired: false, latestFailureCode: null };

describe('identificationGuidance', () => {
  it('offers services only where the seed allows them: pending_successful and successful', () => {
    const offering = IDENTIFICATION_STATUSES.filter((status) => identificationGuidance({ ...open, status }).canOfferServices);
    expect(offering).toEqual(['pending_successful', 'successful']);
  });

  it('always warns never to give the customer the IDnow reference', () => {
    for (const status of IDENTIFICATION_STATUSES) {
      expect(identificationGuidance({ ...open, status }).cautions).toContain(NEVER_SHARE_REFERENCE);
    }
  });

  it('sends an aborted customer back to the same link, telling them what the failure code asks', () => {
    const guidance = identificationGuidance({ status: 'aborted', urlExpired: false, latestFailureCode: 'TECH_LIGHTING' });
    expect(guidance).toMatchObject({ retrySameLink: true, newIdentificationNeeded: false, canOfferServices: false, mayDiscloseOutcome: true });
    expect(guidance.summary).toContain('TECH_LIGHTING');
    expect(guidance.tellCustomer).toBe(FAILURE_CODE_DETAILS.TECH_LIGHTING.tellCustomer);
  });

  it('does not send the customer back to a link that cannot work: a permanent data mismatch needs a new identification', () => {
    const guidance = identificationGuidance({ status: 'aborted', urlExpired: false, latestFailureCode: 'DATA_APPLICATION_ADDRESS' });
    expect(guidance).toMatchObject({ retrySameLink: false, newIdentificationNeeded: true });
    expect(guidance.summary).toContain(FAILURE_CODE_DETAILS.DATA_APPLICATION_ADDRESS.newAttemptReason);
    const language = identificationGuidance({ status: 'canceled', urlExpired: false, latestFailureCode: 'USER_LANGUAGE' });
    expect(language).toMatchObject({ retrySameLink: false, newIdentificationNeeded: false });
  });

  it('needs a new identification once the 14-day link has run out', () => {
    expect(identificationGuidance({ status: 'pending', urlExpired: true, latestFailureCode: null })).toMatchObject({
      retrySameLink: false,
      newIdentificationNeeded: true,
    });
    expect(identificationGuidance({ status: 'aborted', urlExpired: true, latestFailureCode: 'TECH_AUDIO' })).toMatchObject({
      retrySameLink: false,
      newIdentificationNeeded: true,
    });
    expect(identificationGuidance({ status: 'pending', urlExpired: false, latestFailureCode: null }).retrySameLink).toBe(true);
  });

  it('gives no reason for a failed identification, whatever the failure code', () => {
    const guidance = identificationGuidance({ status: 'failed', urlExpired: false, latestFailureCode: 'TECH_AUDIO' });
    expect(guidance).toMatchObject({ mayDiscloseOutcome: false, canOfferServices: false, retrySameLink: false });
    expect(guidance.tellCustomer).toBe(FAILED_IDENTIFICATION_CUSTOMER_MESSAGE);
  });

  it('keeps a review after a doubtful call from the customer', () => {
    const guidance = identificationGuidance({ status: 'pending_failed', urlExpired: false, latestFailureCode: null });
    expect(guidance.mayDiscloseOutcome).toBe(false);
    expect(guidance.tellCustomer).not.toMatch(/fraud|suspici/i);
    expect(guidance.cautions.join(' ')).toMatch(/suspicion/);
  });
});
