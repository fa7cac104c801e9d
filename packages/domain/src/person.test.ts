import { describe, expect, it } from 'vitest';
import { createPersonInputSchema, EMPLOYMENT_STATUSES, personResourceSchema } from './person.ts';
import { extractSeedJsonExamples, readSeedDocument } from './testing/seed-document.ts';
import { SEED_CREATE_PERSON_REQUEST } from './testing/seed-examples.ts';

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const examples = extractSeedJsonExamples(readSeedDocument()).filter(isObject);
const personResponses = examples.filter((example) => typeof example.id === 'string' && example.id.endsWith('cper'));
const createPersonRequest = examples.find((example) => example.salutation === 'MS' && !('id' in example));

const validInput = SEED_CREATE_PERSON_REQUEST;

describe('personResourceSchema', () => {
  it('finds both person responses in the seed', () => {
    expect(personResponses).toHaveLength(2);
  });

  it.each(personResponses.map((response) => [response.id, response] as const))(
    'parses the seed response %s',
    (_id, response) => {
      expect(personResourceSchema.parse(response)).toEqual(response);
    },
  );

  it('covers every field of the seed response and no other', () => {
    const [response] = personResponses;
    expect(Object.keys(personResourceSchema.shape).sort()).toEqual(Object.keys(response ?? {}).sort());
    expect(Object.keys(personResourceSchema.shape.address.shape).sort()).toEqual(
      Object.keys((response?.address as JsonObject | undefined) ?? {}).sort(),
    );
    expect(Object.keys(personResourceSchema.shape.tax_information.shape).sort()).toEqual([
      'marital_status',
      'tax_assessment',
    ]);
  });

  it('reads enum values Solaris may add later', () => {
    const [response] = personResponses;
    const parsed = personResourceSchema.parse({ ...response, employment_status: 'SOMETHING_NEW', screening_progress: 'SCREENED' });
    expect(parsed.employment_status).toBe('SOMETHING_NEW');
  });

  it('refuses a malformed person id', () => {
    const [response] = personResponses;
    expect(personResourceSchema.safeParse({ ...response, id: 'not-an-id' }).success).toBe(false);
  });
});

describe('createPersonInputSchema', () => {
  it("accepts the seed's POST /v1/persons body", () => {
    expect(createPersonRequest).toBeDefined();
    expect(createPersonInputSchema.safeParse(createPersonRequest).success).toBe(true);
  });

  it('names the known employment statuses, FREELANCER and SELF_EMPLOYED among them', () => {
    expect(EMPLOYMENT_STATUSES).toContain('FREELANCER');
    expect(EMPLOYMENT_STATUSES).toContain('SELF_EMPLOYED');
    expect(createPersonInputSchema.safeParse({ ...validInput, employment_status: 'STUDENT' }).success).toBe(true);
  });

  it.each([
    'salutation',
    'first_name',
    'last_name',
    'address',
    'mobile_number',
    'birth_date',
    'nationality',
    'terms_conditions_signed_at',
    'data_terms_signed_at',
  ])('requires %s', (field) => {
    const input: JsonObject = { ...validInput };
    delete input[field];
    const result = createPersonInputSchema.safeParse(input);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([field]);
  });

  it('reports each broken rule at its field', () => {
    const result = createPersonInputSchema.safeParse({
      ...validInput,
      first_name: ' Jane',
      last_name: 'Doe😀',
      mobile_number: '0301234567',
      birth_date: '1992-02-30',
      nationality: 'Germany',
      terms_conditions_signed_at: '2022-01-01T01:00:00+01:00',
      address: { ...validInput.address, country: 'de', city: ' ' },
    });
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'first_name',
        'last_name',
        'mobile_number',
        'birth_date',
        'nationality',
        'terms_conditions_signed_at',
        'address.country',
        'address.city',
      ]),
    );
  });

  it('refuses fields that are not part of a person', () => {
    const result = createPersonInputSchema.safeParse({ ...validInput, firstname: 'Jane' });
    expect(result.success).toBe(false);
  });

  it('accepts the optional fields of the person resource', () => {
    const result = createPersonInputSchema.safeParse({
      ...validInput,
      title: 'DR',
      email: 'jane@example.com',
      birth_city: 'Berlin',
      birth_country: 'DE',
      tax_information: { marital_status: 'SINGLE' },
      contact_address: { city: 'Hamburg' },
      expected_monthly_revenue_cents: 100000,
      international_operativity_expectation: ['DE'],
    });
    expect(result.success).toBe(true);
  });
});
