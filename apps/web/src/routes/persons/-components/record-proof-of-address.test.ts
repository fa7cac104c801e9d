import { describe, expect, it } from 'vitest';
import { draftProblems, fileProblem, issuedOnCheck } from './record-proof-of-address.ts';

const TODAY = '2026-11-25';
const pdf = (size = 1_000, name = 'bill.pdf', type = 'application/pdf') => new File([new Uint8Array(size)], name, { type });

describe('proof of address: the file', () => {
  it('accepts a PDF, JPEG or PNG up to 10 MB', () => {
    expect(fileProblem(pdf())).toBeNull();
    expect(fileProblem(pdf(10 * 1024 * 1024))).toBeNull();
    expect(fileProblem(pdf(2_000, 'photo.JPG', ''))).toBeNull();
  });

  it('names the refused type, an empty file and the size limit', () => {
    expect(fileProblem(pdf(10, 'notes.txt', 'text/plain'))).toBe('Choose a PDF, JPEG or PNG file: “notes.txt” is of type text/plain');
    expect(fileProblem(pdf(0))).toBe('“bill.pdf” is empty: choose the scan or photo again');
    expect(fileProblem(pdf(10 * 1024 * 1024 + 1))).toBe('“bill.pdf” is larger than 10 MB: choose a smaller scan or photo');
    expect(fileProblem(null)).toBe('Choose the scan or photo of the proof of address');
  });
});

describe('proof of address: the issue date while it is typed', () => {
  it('says until when a recent document counts', () => {
    expect(issuedOnCheck('2026-10-01', TODAY)).toEqual({ error: null, validUntil: '2027-04-01' });
    expect(issuedOnCheck('', TODAY)).toEqual({ error: null, validUntil: null });
  });

  it('refuses a document older than six months with the day it expired, and one from the future', () => {
    expect(issuedOnCheck('2026-05-01', TODAY).error).toBe(
      'Proof of address must not be older than 6 months: it expired on 2026-11-02',
    );
    expect(issuedOnCheck('2026-12-01', TODAY).error).toBe('Proof of address cannot be issued in the future: today is 2026-11-25');
  });
});

describe('proof of address: the whole form', () => {
  it('names every missing field', () => {
    expect(draftProblems({ type: '', issuedOn: '', identificationId: '', note: '', file: null }, TODAY)).toEqual({
      type: 'Choose the kind of proof of address',
      issuedOn: 'Give the date the proof of address was issued',
      file: 'Choose the scan or photo of the proof of address',
    });
  });

  it('passes a complete, recent proof', () => {
    expect(draftProblems({ type: 'GAS_BILL', issuedOn: '2026-11-01', identificationId: '', note: 'by post', file: pdf() }, TODAY)).toEqual({});
  });

  it('holds the note to 2000 characters', () => {
    const problems = draftProblems({ type: 'GAS_BILL', issuedOn: '2026-11-01', identificationId: '', note: 'x'.repeat(2001), file: pdf() }, TODAY);
    expect(problems).toEqual({ note: 'Keep the note to 2000 characters or fewer' });
  });
});
