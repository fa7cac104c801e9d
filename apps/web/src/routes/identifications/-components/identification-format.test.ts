import { describe, expect, test } from 'vitest';
import { linkExpiryText, supportedDocumentTypeLabel, waitingTimeText } from './identification-format.ts';

describe('identification view wording', () => {
  const now = new Date('2026-11-25T12:00:00Z');

  test('the link expiry reads "expires in 5 days" or "expired 3 days ago"', () => {
    expect(linkExpiryText('2026-11-30T12:00:00Z', false, now)).toBe('Expires in 5 days');
    expect(linkExpiryText('2026-11-22T12:00:00Z', true, now)).toBe('Expired 3 days ago');
    expect(linkExpiryText('2026-11-26T12:00:00Z', false, now)).toBe('Expires tomorrow');
  });

  test('the server decides whether the link has expired, even when the clocks disagree slightly', () => {
    expect(linkExpiryText('2026-11-25T12:00:30Z', true, now)).toBe('Expired');
    expect(linkExpiryText('2026-11-25T11:59:30Z', false, now)).toBe('Expires now');
  });

  test('an identification not requested yet has no link', () => {
    expect(linkExpiryText(null, false, now)).toMatch(/^No link yet/);
  });

  test('the waiting time is told in seconds, minutes or hours', () => {
    expect(waitingTimeText(60)).toBe('About 1 minute');
    expect(waitingTimeText(45)).toBe('About 45 seconds');
    expect(waitingTimeText(600)).toBe('About 10 minutes');
    expect(waitingTimeText(5400)).toBe('About 1.5 hours');
    expect(waitingTimeText(null)).toBe('Not given by IDnow');
  });

  test('IDnow document types read as words', () => {
    expect(supportedDocumentTypeLabel('ID_CARD')).toBe('National ID card');
    expect(supportedDocumentTypeLabel('PASSPORT')).toBe('Passport');
    expect(supportedDocumentTypeLabel('RESIDENCE_CARD')).toBe('Residence card');
  });
});
