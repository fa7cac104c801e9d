import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personResourceSchema } from '@identdesk/domain';
import { SolarisApiError } from '@identdesk/solaris';
import { sql } from 'drizzle-orm';
import { newId } from '../core/ids.ts';
import { newPersonData } from '../persons/resource.ts';
import { IDENTICAL_PERSON_LIMIT } from '../persons/service.ts';
import { startTestSandbox, type TestSandbox } from '../testing/harness.ts';
import {
  errorsOf,
  fieldsOf,
  postJson,
  SEED_PERSON_REQUEST,
  SEED_PERSON_RESPONSE,
  uniqueName,
} from '../testing/fixtures.ts';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t?.close();
});

async function setClock(iso: string) {
  const response = await fetch(`${t.baseUrl}/_control/clock/set`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: iso }),
  });
  expect(response.status).toBe(200);
}

function person(overrides: Record<string, unknown> = {}) {
  return { ...SEED_PERSON_REQUEST, first_name: uniqueName('Jane'), ...overrides };
}

async function createValidPerson(overrides: Record<string, unknown> = {}) {
  const created = await postJson(t, '/v1/persons', person(overrides));
  expect(created.status).toBe(201);
  return created.body as { id: string } & Record<string, unknown>;
}

describe('POST /v1/persons', () => {
  it('answers the seed request with the seed response, field for field', async () => {
    await setClock('2022-07-22T09:00:00.000Z');
    const created = await postJson(t, '/v1/persons', SEED_PERSON_REQUEST);
    expect(created.status).toBe(201);
    const body = created.body as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(Object.keys(SEED_PERSON_RESPONSE));
    expect(body['id']).toMatch(/^[0-9a-f]{32}cper$/);
    expect({ ...body, id: SEED_PERSON_RESPONSE.id }).toEqual(SEED_PERSON_RESPONSE);
    expect(personResourceSchema.parse(body)).toBeTruthy();
  });

  it('answers the tutorial test person (names only) as the seed shows it', async () => {
    const created = await postJson(t, '/v1/persons', { first_name: 'X-MANUALTEST-HAPPYPATH', last_name: '{{random_name}}'.replace(/[{}_]/g, '') });
    expect(created.status).toBe(201);
    const body = created.body as Record<string, unknown>;
    expect(body['tax_information']).toEqual({ tax_assessment: null, marital_status: null });
    expect(body['address']).toEqual({ line_1: null, line_2: null, postal_code: null, city: null, country: null, state: null });
    expect(body['salutation']).toBeNull();
    expect(body['aml_confirmed_on']).toBe('2022-07-22');
    expect(body['aml_follow_up_date']).toBe('2029-01-22');
    expect(body['screening_progress']).toBe('NOT_SCREENED');
    expect(body['international_operativity_expectation']).toEqual([]);
  });

  it('is readable through GET and through the Solaris client', async () => {
    const created = await createValidPerson();
    const fetched = await t.client.getPerson(created.id);
    expect(fetched).toEqual(created);
  });

  it.each([
    ['50 characters', 'A'.repeat(50), 201],
    ['51 characters', 'A'.repeat(51), 400],
    ['a leading space', ' Jane', 400],
    ['an emoji', 'Jane 😀', 400],
    ['a symbol', 'Jane$', 400],
    ['umlauts and a hyphen', 'Jörg-Ünal', 201],
  ])('first_name with %s answers %s', async (_label, firstName, status) => {
    const created = await postJson(t, '/v1/persons', { ...SEED_PERSON_REQUEST, first_name: firstName, last_name: uniqueName('Doe') });
    expect(created.status).toBe(status);
    if (status === 400) {
      const [error] = errorsOf(created.body);
      expect(error).toMatchObject({ status: 400, code: 'invalid_model', title: 'Invalid Model', source: { field: 'first_name' } });
      expect(error?.detail).toBe(`first_name ${error?.source.message}`);
      expect(error?.id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('applies the name rules to last_name as well (51 characters)', async () => {
    const created = await postJson(t, '/v1/persons', person({ last_name: 'B'.repeat(51) }));
    expect(created.status).toBe(400);
    expect(fieldsOf(created.body)).toEqual(['last_name']);
  });

  it.each([
    ['an offset', '2022-01-01T01:00:00+01:00'],
    ['no zone', '2022-01-01T00:00:00'],
    ['a date only', '2022-01-01'],
  ])('refuses a consent timestamp with %s', async (_label, timestamp) => {
    const created = await postJson(t, '/v1/persons', person({ terms_conditions_signed_at: timestamp }));
    expect(created.status).toBe(400);
    expect(fieldsOf(created.body)).toEqual(['terms_conditions_signed_at']);
  });

  it('accepts a UTC timestamp without fractional seconds', async () => {
    await createValidPerson({ data_terms_signed_at: '2019-01-01T00:00:00Z' });
  });

  it('refuses a nationality and an address country that are not ISO 3166-1 alpha-2', async () => {
    const created = await postJson(
      t,
      '/v1/persons',
      person({ nationality: 'GER', address: { ...SEED_PERSON_REQUEST.address, country: 'XX' } }),
    );
    expect(created.status).toBe(400);
    expect(fieldsOf(created.body).sort()).toEqual(['address.country', 'nationality']);
  });

  it('refuses a residency country the branch does not allow, with the seed error body', async () => {
    const created = await postJson(t, '/v1/persons', person({ address: { ...SEED_PERSON_REQUEST.address, country: 'AT' } }));
    expect(created.status).toBe(400);
    const errors = errorsOf(created.body);
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 400,
      code: 'invalid_model',
      title: 'Invalid Model',
      detail:
        'country Residency Country is not allowed for this branch,allowed residency country values for branch "null" are ["DE", "FR"]',
      source: {
        field: 'country',
        message:
          'Residency Country is not allowed for this branch,allowed residency country values for branch "null" are ["DE", "FR"]',
      },
    });
  });

  it('accepts FR, the second country the seed example allows', async () => {
    await createValidPerson({ address: { ...SEED_PERSON_REQUEST.address, country: 'FR' } });
  });

  it('refuses the 1001st identical person and accepts the 1000th', async () => {
    const identity = { first_name: 'Klon', last_name: uniqueName('Zwilling'), birth_city: 'Berlin', birth_date: '1990-01-01' };
    const data = { ...newPersonData(new Date()), ...identity };
    // One statement for the 999 earlier persons: fast on PGlite and PostgreSQL alike.
    await t.sandbox.context.db.execute(sql`
      insert into sandbox.persons (id, first_name, last_name, birth_city, birth_date, data, created_at, updated_at)
      select md5(random()::text || g::text) || 'cper', ${identity.first_name}, ${identity.last_name},
             ${identity.birth_city}, ${identity.birth_date}, ${JSON.stringify(data)}::jsonb, now(), now()
      from generate_series(1, ${IDENTICAL_PERSON_LIMIT - 1}) as g`);
    const thousandth = await postJson(t, '/v1/persons', { ...SEED_PERSON_REQUEST, ...identity });
    expect(thousandth.status).toBe(201);
    const refused = await postJson(t, '/v1/persons', { ...SEED_PERSON_REQUEST, ...identity });
    expect(refused.status).toBe(400);
    expect(errorsOf(refused.body)[0]).toMatchObject({ code: 'invalid_model', source: { field: 'first_name' } });
    // A different birth city is a different person.
    const other = await postJson(t, '/v1/persons', { ...SEED_PERSON_REQUEST, ...identity, birth_city: 'Hamburg' });
    expect(other.status).toBe(201);
  });

  it('refuses malformed JSON with 400 naming the body', async () => {
    const created = await postJson(t, '/v1/persons', '{"first_name": "Jane",');
    expect(created.status).toBe(400);
    expect(errorsOf(created.body)[0]).toMatchObject({ code: 'bad_request', source: { field: 'body' } });
  });

  it('refuses a body that is not a JSON object, and a non-JSON content type', async () => {
    const array = await postJson(t, '/v1/persons', '[1, 2]');
    expect(array.status).toBe(400);
    expect(fieldsOf(array.body)).toEqual(['body']);
    const form = await t.api('/v1/persons', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'first_name=Jane',
    });
    expect(form.status).toBe(415);
  });

  it('names every missing name field', async () => {
    const created = await postJson(t, '/v1/persons', {});
    expect(created.status).toBe(400);
    expect(fieldsOf(created.body).sort()).toEqual(['first_name', 'last_name']);
    expect(errorsOf(created.body)[0]?.source.message).toBe('is required');
  });

  it('refuses unknown fields', async () => {
    const created = await postJson(t, '/v1/persons', person({ favourite_colour: 'blue' }));
    expect(created.status).toBe(400);
    expect(fieldsOf(created.body)).toEqual(['favourite_colour']);
  });

  it('refuses a mobile number that is not E.164', async () => {
    const created = await postJson(t, '/v1/persons', person({ mobile_number: '030 1234567' }));
    expect(created.status).toBe(400);
    expect(fieldsOf(created.body)).toEqual(['mobile_number']);
  });
});

describe('GET /v1/persons', () => {
  it('answers 404 naming the id for an unknown person', async () => {
    const response = await t.api(`/v1/persons/${newId('person')}`);
    expect(response.status).toBe(404);
    expect(errorsOf(await response.json())[0]).toMatchObject({ status: 404, code: 'not_found', source: { field: 'person_id' } });
  });

  it('pages through all persons with page[number] and page[size]', async () => {
    const first = (await (await t.api('/v1/persons?page[number]=1&page[size]=2')).json()) as { id: string }[];
    const second = (await (await t.api('/v1/persons?page%5Bnumber%5D=2&page%5Bsize%5D=2')).json()) as { id: string }[];
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(2);
    expect(first.map((p) => p.id)).not.toContain(second[0]?.id);
    const invalid = await t.api('/v1/persons?page[size]=0');
    expect(invalid.status).toBe(400);
    expect(fieldsOf(await invalid.json())).toEqual(['page[size]']);
  });

  it('answers 405 for a method the path does not serve', async () => {
    const response = await t.api('/v1/persons', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect(errorsOf(await response.json())[0]).toMatchObject({ code: 'method_not_allowed' });
  });

  it('answers 404 in the error format for an unknown path', async () => {
    const response = await t.api('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(errorsOf(await response.json())[0]).toMatchObject({ code: 'not_found', source: { field: 'path' } });
  });
});

describe('PATCH /v1/persons/{id}', () => {
  it('updates allowed fields and merges a partial address', async () => {
    const created = await createValidPerson();
    const updated = await t.client.updatePerson(created.id, {
      email: 'jane@example.com',
      address: { line_2: '15' },
      tax_information: { marital_status: 'SINGLE' },
    });
    expect(updated['email']).toBe('jane@example.com');
    expect(updated.address).toEqual({ ...SEED_PERSON_RESPONSE.address, line_2: '15' });
    expect(updated.tax_information).toEqual({ tax_assessment: null, marital_status: 'SINGLE' });
    expect(await t.client.getPerson(created.id)).toEqual(updated);
  });

  it.each(['first_name', 'birth_date', 'nationality', 'mobile_number'])('refuses %s, naming the field', async (field) => {
    const created = await createValidPerson();
    const patched = await postJson(t, `/v1/persons/${created.id}`, { [field]: 'X' }, 'PATCH');
    expect(patched.status).toBe(400);
    const [error] = errorsOf(patched.body);
    expect(error?.source.field).toBe(field);
    expect(error?.detail).toContain('customer support');
  });

  it('refuses a nested field outside the allow-list', async () => {
    const created = await createValidPerson();
    const patched = await postJson(t, `/v1/persons/${created.id}`, { tax_information: { church_tax: true } }, 'PATCH');
    expect(patched.status).toBe(400);
    expect(fieldsOf(patched.body)).toEqual(['tax_information.church_tax']);
  });

  it('requires nace_code (or cleared industry fields) for FREELANCER and SELF_EMPLOYED', async () => {
    const created = await createValidPerson();
    const refused = await postJson(t, `/v1/persons/${created.id}`, { employment_status: 'FREELANCER' }, 'PATCH');
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body)).toEqual(['nace_code']);
    const selfEmployed = await postJson(t, `/v1/persons/${created.id}`, { employment_status: 'SELF_EMPLOYED' }, 'PATCH');
    expect(selfEmployed.status).toBe(400);
    const withNace = await postJson(t, `/v1/persons/${created.id}`, { employment_status: 'FREELANCER', nace_code: 'M.69.1' }, 'PATCH');
    expect(withNace.status).toBe(200);
    const cleared = await postJson(
      t,
      `/v1/persons/${created.id}`,
      { employment_status: 'SELF_EMPLOYED', industry: null, industry_key: null },
      'PATCH',
    );
    expect(cleared.status).toBe(200);
    const employed = await postJson(t, `/v1/persons/${created.id}`, { employment_status: 'EMPLOYED' }, 'PATCH');
    expect(employed.status).toBe(200);
  });

  it('accepts aml_confirmed_on only today or tomorrow (Berlin)', async () => {
    await setClock('2024-03-10T12:00:00.000Z');
    const created = await createValidPerson();
    const patch = (date: string) => postJson(t, `/v1/persons/${created.id}`, { aml_confirmed_on: date }, 'PATCH');
    expect((await patch('2024-03-09')).status).toBe(400);
    const today = await patch('2024-03-10');
    expect(today.status).toBe(200);
    expect(today.body).toMatchObject({ aml_confirmed_on: '2024-03-10', aml_follow_up_date: '2030-09-10' });
    expect((await patch('2024-03-11')).status).toBe(200);
    const dayAfter = await patch('2024-03-12');
    expect(dayAfter.status).toBe(400);
    expect(fieldsOf(dayAfter.body)).toEqual(['aml_confirmed_on']);
  });

  it('holds a changed residency country to the branch rule', async () => {
    const created = await createValidPerson();
    const patched = await postJson(t, `/v1/persons/${created.id}`, { address: { country: 'ES' } }, 'PATCH');
    expect(patched.status).toBe(400);
    expect(fieldsOf(patched.body)).toEqual(['country']);
  });

  it('answers 404 for an unknown person through the client', async () => {
    const error = await t.client.updatePerson(newId('person'), { email: 'a@b.de' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SolarisApiError);
    expect((error as SolarisApiError).status).toBe(404);
  });
});
