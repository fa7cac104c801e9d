import { describe, expect, it } from 'vitest';
import {
  IDENTIFICATION_STATUS_MEANINGS,
  IDENTIFICATION_STATUSES,
  IDENTIFICATION_URL_VALIDITY_DAYS,
  identificationStatusSchema,
  REVIEW_MAX_HOURS,
} from './identification-status.ts';
import { parseSeedIdentificationStatusRows, readSeedDocument } from './testing/seed-document.ts';

const meaning = IDENTIFICATION_STATUS_MEANINGS;

describe('identification statuses', () => {
  it('are the seed status table plus expired from the public docs', () => {
    const seedStatuses = parseSeedIdentificationStatusRows(readSeedDocument()).map((row) => row.name);
    expect(seedStatuses).toHaveLength(8);
    expect([...IDENTIFICATION_STATUSES]).toEqual([...seedStatuses, 'expired']);
  });

  it('describe every status under its own key', () => {
    for (const status of IDENTIFICATION_STATUSES) {
      expect(meaning[status].status).toBe(status);
      expect(meaning[status].label).not.toBe('');
      expect(meaning[status].description).not.toBe('');
    }
  });

  it('allow banking services only in pending_successful and successful', () => {
    const allowed = IDENTIFICATION_STATUSES.filter((status) => meaning[status].servicesAllowed);
    expect(allowed).toEqual(['pending_successful', 'successful']);
  });

  it('let the customer retry with the same URL only after aborted or canceled', () => {
    const retry = IDENTIFICATION_STATUSES.filter((status) => meaning[status].retryWithSameUrl);
    expect(retry).toEqual(['aborted', 'canceled']);
  });

  it('give a reason for aborted and canceled and never for failed', () => {
    expect(meaning.aborted.reason).toBe('given');
    expect(meaning.canceled.reason).toBe('given');
    expect(meaning.failed.reason).toBe('never');
    const others = IDENTIFICATION_STATUSES.filter((status) => !['aborted', 'canceled', 'failed'].includes(status));
    for (const status of others) expect(meaning[status].reason).toBe('none');
  });

  it('treat successful, failed and expired as final and everything else as open', () => {
    const final = IDENTIFICATION_STATUSES.filter((status) => meaning[status].final);
    expect(final).toEqual(['successful', 'failed', 'expired']);
  });

  it('mark the two review statuses as in review', () => {
    const inReview = IDENTIFICATION_STATUSES.filter((status) => meaning[status].inReview);
    expect(inReview).toEqual(['pending_successful', 'pending_failed']);
  });

  it('require a new identification only once the link expired', () => {
    const needNew = IDENTIFICATION_STATUSES.filter((status) => meaning[status].newIdentificationNeeded);
    expect(needNew).toEqual(['expired']);
  });

  it('never allow services in a final status that cannot be retried other than successful', () => {
    for (const status of IDENTIFICATION_STATUSES) {
      if (meaning[status].final && status !== 'successful') expect(meaning[status].servicesAllowed).toBe(false);
    }
  });

  it('keep the 14-day URL and the 24-hour review from the seed', () => {
    expect(IDENTIFICATION_URL_VALIDITY_DAYS).toBe(14);
    expect(REVIEW_MAX_HOURS).toBe(24);
  });

  it('schema refuses statuses that Solaris does not have', () => {
    expect(identificationStatusSchema.safeParse('pending_successful').success).toBe(true);
    expect(identificationStatusSchema.safeParse('SUCCESSFUL').success).toBe(false);
    expect(identificationStatusSchema.safeParse('cancelled').success).toBe(false);
  });
});
