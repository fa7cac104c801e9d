import { describe, expect, it } from 'vitest';
import {
  createIdentificationInputSchema,
  createIdentificationInputSchemaAt,
  identificationResourceSchema,
} from './identification.ts';
import { IDENTIFICATION_LANGUAGES, identificationLanguageSchema } from './identification-language.ts';
import { extractSeedJsonExamples, readSeedDocument } from './testing/seed-document.ts';

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const examples = extractSeedJsonExamples(readSeedDocument());
const identificationResponses = examples
  .flatMap((example) => (Array.isArray(example) ? example : [example]))
  .filter(isObject)
  .filter((example) => typeof example.id === 'string' && example.id.endsWith('cidt'));
const createRequests = examples.filter(isObject).filter((example) => example.method === 'idnow' && !('id' in example));

describe('identificationResourceSchema', () => {
  it('finds the identification responses of the seed', () => {
    expect(identificationResponses).toHaveLength(6);
  });

  it.each(identificationResponses.map((response, index) => [index, response.status, response] as const))(
    'parses seed response #%i (%s) unchanged',
    (_index, _status, response) => {
      expect(identificationResourceSchema.parse(response)).toEqual(response);
    },
  );

  it('covers every field the seed responses use', () => {
    const seedFields = new Set(identificationResponses.flatMap((response) => Object.keys(response)));
    const schemaFields = new Set(Object.keys(identificationResourceSchema.shape));
    for (const field of seedFields) expect(schemaFields).toContain(field);
  });

  it('also reads the fields the notes add', () => {
    const [response] = identificationResponses;
    const parsed = identificationResourceSchema.parse({
      ...response,
      status: 'failed',
      failure_reason: 'TECH_AUDIO',
      provider_status_code: 'ABORTED',
    });
    expect(parsed.failure_reason).toBe('TECH_AUDIO');
    expect(identificationResourceSchema.parse({ ...response, status: 'expired' }).status).toBe('expired');
  });

  it('refuses an unknown status or document type', () => {
    const withDocuments = identificationResponses.find((response) => Array.isArray(response.documents));
    expect(withDocuments).toBeDefined();
    expect(identificationResourceSchema.safeParse({ ...withDocuments, status: 'done' }).success).toBe(false);
    const documents = [{ id: '448b75fa1c57eecda41d91c66c22faa6cdoc', name: 'x', content_type: 'a/b', document_type: 'SELFIE', size: 1 }];
    expect(identificationResourceSchema.safeParse({ ...withDocuments, documents }).success).toBe(false);
  });
});

describe('createIdentificationInputSchema', () => {
  it('accepts both seed request bodies', () => {
    expect(createRequests).toHaveLength(2);
    for (const request of createRequests) expect(createIdentificationInputSchema.safeParse(request).success).toBe(true);
  });

  it('accepts only DE and EN as language', () => {
    expect([...IDENTIFICATION_LANGUAGES]).toEqual(['DE', 'EN']);
    expect(identificationLanguageSchema.safeParse('FR').error?.issues[0]?.message).toMatch(/DE or EN/);
    expect(createIdentificationInputSchema.safeParse({ method: 'idnow', language: 'de' }).success).toBe(false);
  });

  it('accepts only the idnow method', () => {
    expect(createIdentificationInputSchema.safeParse({ method: 'postident' }).error?.issues[0]?.path).toEqual(['method']);
  });

  it('wants proof_of_address_type and proof_of_address_issued_at together', () => {
    const onlyType = createIdentificationInputSchema.safeParse({ method: 'idnow', proof_of_address_type: 'GAS_BILL' });
    expect(onlyType.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['proof_of_address_issued_at']);
    const onlyDate = createIdentificationInputSchema.safeParse({ method: 'idnow', proof_of_address_issued_at: '2022-03-03' });
    expect(onlyDate.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['proof_of_address_type']);
  });

  it('applies the 6-month rule when the creation date is known', () => {
    const schema = createIdentificationInputSchemaAt('2022-09-03');
    const request = { method: 'idnow', language: 'DE', proof_of_address_type: 'GAS_BILL', proof_of_address_issued_at: '2022-03-03' };
    expect(schema.safeParse(request).success).toBe(true);
    const tooOld = createIdentificationInputSchemaAt('2022-09-04').safeParse(request);
    expect(tooOld.error?.issues).toEqual([
      expect.objectContaining({
        path: ['proof_of_address_issued_at'],
        message: 'Proof of address must not be older than 6 months: it expired on 2022-09-04',
      }),
    ]);
  });
});
