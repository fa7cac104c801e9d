import { describe, expect, it } from 'vitest';
import { idDocumentsWithAddressOf } from './id-documents-with-address.ts';
import { proofOfAddressExplanation, proofOfAddressSubmissionFieldsSchema } from './proof-of-address-submission.ts';

const schema = proofOfAddressSubmissionFieldsSchema('2030-06-15');
const messagesOf = (input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
};

describe('proof-of-address submission fields', () => {
  it('accepts a Solaris proof type issued within six months, with an optional note', () => {
    expect(schema.parse({ type: 'GAS_BILL', issuedOn: '2029-12-15', note: '  scanned at the branch ' })).toEqual({
      type: 'GAS_BILL',
      issuedOn: '2029-12-15',
      note: 'scanned at the branch',
      identificationId: undefined,
    });
    expect(schema.parse({ type: 'WATER_BILL', issuedOn: '2030-06-15', note: '' }).note).toBeNull();
  });

  it('refuses a proof older than six months, saying when it expired', () => {
    expect(messagesOf({ type: 'GAS_BILL', issuedOn: '2029-12-14' })).toEqual({
      issuedOn: 'Proof of address must not be older than 6 months: it expired on 2030-06-15',
    });
  });

  it('refuses an issue date in the future, and one that is not a date', () => {
    expect(messagesOf({ type: 'GAS_BILL', issuedOn: '2030-06-16' }).issuedOn).toMatch(/future: today is 2030-06-15/);
    expect(messagesOf({ type: 'GAS_BILL', issuedOn: '15.06.2030' }).issuedOn).toMatch(/YYYY-MM-DD/);
    expect(messagesOf({ type: 'GAS_BILL' }).issuedOn).toMatch(/Give the date/);
  });

  it('names the field of an unknown type, a missing type, a long note and a malformed identification id', () => {
    const messages = messagesOf({ type: 'LOVE_LETTER', issuedOn: '2030-06-01', note: 'x'.repeat(2001), identificationId: 'abc' });
    expect(messages.type).toMatch(/Solaris proof-of-address types: BANK_ACCOUNT_STATEMENT/);
    expect(messages.note).toMatch(/2000 characters/);
    expect(messages.identificationId).toMatch(/identification id/);
    expect(messagesOf({ issuedOn: '2030-06-01' }).type).toBe('Choose the kind of proof of address');
  });
});

describe('proofOfAddressExplanation', () => {
  const german = { nationality: 'DE', documentsWithAddress: idDocumentsWithAddressOf('DE'), addressUnverified: false, identificationProof: null, latestSubmission: null };

  it('explains that a German ID card makes the proof unnecessary, naming the seed documents', () => {
    expect(proofOfAddressExplanation({ ...german, state: 'depends_on_document', identifiedWith: null })).toContain('DEU-BO-01003, DEU-BO-02001');
    expect(proofOfAddressExplanation({ ...german, state: 'not_needed', identifiedWith: { type: 'IDCARD', country: 'DE' } })).toBe(
      'Not needed: the customer identified with an ID card from Germany, which prints the address.',
    );
  });

  it('says why it is needed: a passport without address, or a country whose documents print none', () => {
    expect(proofOfAddressExplanation({ ...german, state: 'outstanding', identifiedWith: { type: 'PASSPORT', country: 'DE' } })).toMatch(
      /^Needed: the customer identified with a passport from Germany, which does not print the address/,
    );
    expect(
      proofOfAddressExplanation({ ...german, nationality: 'AT', documentsWithAddress: [], state: 'outstanding', identifiedWith: null }),
    ).toMatch(/^Needed: no ID document of Austria prints the address/);
  });

  it('repeats why compliance sent the last proof back', () => {
    const text = proofOfAddressExplanation({
      ...german,
      state: 'outstanding',
      addressUnverified: true,
      identifiedWith: null,
      latestSubmission: { status: 'rejected', decisionReason: 'The bill is older than six months' },
    });
    expect(text).toMatch(/nearby one/);
    expect(text).toMatch(/rejected: The bill is older than six months\.$/);
  });
});
