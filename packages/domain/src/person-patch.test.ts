import { describe, expect, it } from 'vitest';
import {
  allowedAmlConfirmedOnDates,
  createAmlConfirmedOnSchema,
  createPersonPatchSchema,
  NACE_CODE_REQUIRED_MESSAGE,
  PERSON_UPDATABLE_FIELDS,
  PERSON_UPDATABLE_NESTED_FIELDS,
  personPatchSchema,
} from './person-patch.ts';
import { parseSeedPersonUpdatableFields, readSeedDocument } from './testing/seed-document.ts';

const NOW = new Date('2025-01-10T12:00:00Z');
const patchSchema = createPersonPatchSchema(NOW);

function issuesOf(input: unknown) {
  const result = patchSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('PERSON_UPDATABLE_FIELDS', () => {
  const seedFields = parseSeedPersonUpdatableFields(readSeedDocument());

  it('is exactly the seed allow-list, in order', () => {
    expect([...PERSON_UPDATABLE_FIELDS]).toEqual(seedFields.map((entry) => entry.field));
  });

  it('has the seed nested parts for address, contact_address and tax_information', () => {
    const nested = Object.fromEntries(seedFields.filter((entry) => entry.nested.length > 0).map((entry) => [entry.field, entry.nested]));
    expect(nested).toEqual({
      address: [...PERSON_UPDATABLE_NESTED_FIELDS.address],
      contact_address: [...PERSON_UPDATABLE_NESTED_FIELDS.contact_address],
      tax_information: [...PERSON_UPDATABLE_NESTED_FIELDS.tax_information],
    });
  });

  it.each([...PERSON_UPDATABLE_FIELDS])('lets the patch schema accept %s', (field) => {
    expect(issuesOf({ [field]: undefined })).toEqual([]);
  });
});

describe('personPatchSchema', () => {
  it('accepts a patch of allowed fields and keeps them', () => {
    const patch = {
      email: 'jane@example.com',
      address: { line_1: 'Amrumerstrasse', line_2: '14', postal_code: '13353', city: 'Berlin', country: 'DE' },
      tax_information: { marital_status: 'MARRIED' },
      employment_status: 'EMPLOYED',
      aml_confirmed_on: '2025-01-10',
    };
    expect(patchSchema.parse(patch)).toEqual(patch);
  });

  it('accepts an empty patch', () => {
    expect(patchSchema.parse({})).toEqual({});
  });

  it('refuses each field outside the list at its own path, saying only customer support can change it', () => {
    expect(issuesOf({ first_name: 'Janet', birth_date: '1990-01-01', email: 'jane@example.com' })).toEqual([
      { path: 'first_name', message: 'first_name cannot be changed here: only Solaris customer support can change it' },
      { path: 'birth_date', message: 'birth_date cannot be changed here: only Solaris customer support can change it' },
    ]);
  });

  it('refuses business_state and mobile_number, which the seed does not list', () => {
    expect(issuesOf({ business_state: 'BE' }).map((issue) => issue.path)).toEqual(['business_state']);
    expect(issuesOf({ mobile_number: '+49301234567' }).map((issue) => issue.path)).toEqual(['mobile_number']);
  });

  it('refuses unknown nested parts at their nested path', () => {
    expect(issuesOf({ address: { city: 'Berlin', street: 'Amrumer' }, tax_information: { tax_id: '1' } })).toEqual([
      { path: 'address.street', message: 'address.street cannot be changed here: only Solaris customer support can change it' },
      {
        path: 'tax_information.tax_id',
        message: 'tax_information.tax_id cannot be changed here: only Solaris customer support can change it',
      },
    ]);
  });

  it('reports refused fields together with invalid allowed ones', () => {
    const paths = issuesOf({ nationality: 'FR', email: 'not-an-email' }).map((issue) => issue.path);
    expect(paths.sort()).toEqual(['email', 'nationality']);
  });

  it('refuses a body that is not an object', () => {
    expect(issuesOf('first_name=Jane')).toHaveLength(1);
    expect(issuesOf(null)).toHaveLength(1);
  });

  it('holds nested values to their rules', () => {
    expect(issuesOf({ address: { country: 'Germany' } }).map((issue) => issue.path)).toEqual(['address.country']);
    expect(issuesOf({ business_country: 'de' }).map((issue) => issue.path)).toEqual(['business_country']);
    expect(issuesOf({ data_terms_signed_at: '2025-01-10T10:00:00+01:00' }).map((issue) => issue.path)).toEqual([
      'data_terms_signed_at',
    ]);
  });

  it('reads the system clock when used without an injected clock', () => {
    const [today] = allowedAmlConfirmedOnDates(new Date());
    expect(personPatchSchema.safeParse({ aml_confirmed_on: today }).success).toBe(true);
    expect(personPatchSchema.safeParse({ aml_confirmed_on: '2000-01-01' }).success).toBe(false);
  });
});

describe('FREELANCER / SELF_EMPLOYED rule', () => {
  it.each(['FREELANCER', 'SELF_EMPLOYED'])('requires nace_code or cleared industry fields with %s', (status) => {
    expect(issuesOf({ employment_status: status })).toEqual([{ path: 'nace_code', message: NACE_CODE_REQUIRED_MESSAGE }]);
  });

  it('is reported together with the other refused fields, not only once they are fixed', () => {
    const issues = issuesOf({ employment_status: 'FREELANCER', email: 'not an email', first_name: 'Jana' });
    expect(issues.map((issue) => issue.path).sort()).toEqual(['email', 'first_name', 'nace_code']);
  });

  it('is satisfied by a nace_code in the same request', () => {
    expect(issuesOf({ employment_status: 'FREELANCER', nace_code: 'M.69.10' })).toEqual([]);
  });

  it('is satisfied by setting industry and industry_key both to null', () => {
    expect(issuesOf({ employment_status: 'SELF_EMPLOYED', industry: null, industry_key: null })).toEqual([]);
  });

  it('is not satisfied by clearing only one of industry and industry_key', () => {
    expect(issuesOf({ employment_status: 'SELF_EMPLOYED', industry: null })).toHaveLength(1);
    expect(issuesOf({ employment_status: 'SELF_EMPLOYED', industry_key: null })).toHaveLength(1);
  });

  it('is not satisfied by an empty or null nace_code', () => {
    expect(issuesOf({ employment_status: 'FREELANCER', nace_code: '  ' })).toHaveLength(1);
    expect(issuesOf({ employment_status: 'FREELANCER', nace_code: null })).toHaveLength(1);
  });

  it('does not apply to other employment statuses', () => {
    expect(issuesOf({ employment_status: 'EMPLOYED' })).toEqual([]);
    expect(issuesOf({ employment_status: null })).toEqual([]);
  });
});

describe('aml_confirmed_on', () => {
  it('accepts today and tomorrow and refuses yesterday and the day after tomorrow', () => {
    const schema = createAmlConfirmedOnSchema(NOW);
    expect(schema.safeParse('2025-01-10').success).toBe(true);
    expect(schema.safeParse('2025-01-11').success).toBe(true);
    expect(schema.safeParse('2025-01-09').success).toBe(false);
    expect(schema.safeParse('2025-01-12').success).toBe(false);
  });

  it('names the allowed dates in its message', () => {
    expect(issuesOf({ aml_confirmed_on: '2025-01-09' })).toEqual([
      {
        path: 'aml_confirmed_on',
        message: 'aml_confirmed_on must be today or tomorrow (Europe/Berlin): 2025-01-10 or 2025-01-11',
      },
    ]);
  });

  it('uses the Berlin date just after midnight Berlin, while UTC is still on the previous day', () => {
    // 23:30 UTC on 10 January = 00:30 on 11 January in Berlin.
    const schema = createAmlConfirmedOnSchema(new Date('2025-01-10T23:30:00Z'));
    expect(schema.safeParse('2025-01-10').success).toBe(false);
    expect(schema.safeParse('2025-01-11').success).toBe(true);
    expect(schema.safeParse('2025-01-12').success).toBe(true);
  });

  it('uses the Berlin date just before midnight Berlin', () => {
    // 22:59 UTC on 10 January = 23:59 on 10 January in Berlin.
    expect(allowedAmlConfirmedOnDates(new Date('2025-01-10T22:59:00Z'))).toEqual(['2025-01-10', '2025-01-11']);
  });

  it('follows summer time: midnight Berlin is 22:00 UTC in July', () => {
    expect(allowedAmlConfirmedOnDates(new Date('2025-07-10T21:59:59Z'))).toEqual(['2025-07-10', '2025-07-11']);
    expect(allowedAmlConfirmedOnDates(new Date('2025-07-10T22:00:00Z'))).toEqual(['2025-07-11', '2025-07-12']);
  });

  it('crosses the year end', () => {
    expect(allowedAmlConfirmedOnDates(new Date('2025-12-31T12:00:00Z'))).toEqual(['2025-12-31', '2026-01-01']);
  });

  it('reads a clock function at validation time', () => {
    let now = new Date('2025-01-10T12:00:00Z');
    const schema = createAmlConfirmedOnSchema(() => now);
    expect(schema.safeParse('2025-01-10').success).toBe(true);
    now = new Date('2025-01-12T12:00:00Z');
    expect(schema.safeParse('2025-01-10').success).toBe(false);
  });

  it('reports an impossible date as a format problem only', () => {
    expect(issuesOf({ aml_confirmed_on: '2025-02-30' }).map((issue) => issue.message)).toEqual([
      expect.stringMatching(/YYYY-MM-DD/),
    ]);
  });
});
