import type { TestSandbox } from './harness.ts';

/** The seed's POST /v1/persons request body. */
export const SEED_PERSON_REQUEST = {
  salutation: 'MS',
  first_name: 'Jane',
  last_name: 'Doe',
  address: { line_1: 'Amrumerstrasse', line_2: '14', postal_code: '13353', city: 'Berlin', country: 'DE' },
  mobile_number: '+49301234567',
  birth_date: '1992-12-11',
  nationality: 'DE',
  terms_conditions_signed_at: '2022-01-01T00:00:00.000Z',
  data_terms_signed_at: '2022-01-01T00:00:00.000Z',
};

/** The seed's response to that request, field for field. */
export const SEED_PERSON_RESPONSE = {
  id: '7cf09c3c5547b974a664201f24b454eecper',
  salutation: 'MS',
  title: null,
  first_name: 'Jane',
  last_name: 'Doe',
  address: { line_1: 'Amrumerstrasse', line_2: '14', postal_code: '13353', city: 'Berlin', country: 'DE', state: null },
  contact_address: { line_1: null, line_2: null, postal_code: null, city: null, country: null, state: null },
  email: null,
  mobile_number: '+49301234567',
  birth_name: null,
  birth_date: '1992-12-11',
  birth_city: null,
  birth_country: null,
  nationality: 'DE',
  employment_status: null,
  job_title: null,
  tax_information: { tax_assessment: null, marital_status: 'UNKNOWN' },
  fatca_relevant: null,
  fatca_crs_confirmed_at: null,
  business_purpose: null,
  industry: null,
  industry_key: null,
  terms_conditions_signed_at: '2022-01-01T00:00:00.000Z',
  own_economic_interest_signed_at: null,
  aml_follow_up_date: '2029-01-22',
  aml_confirmed_on: '2022-07-22',
  flagged_by_compliance: false,
  expected_monthly_revenue_cents: null,
  vat_number: null,
  website_social_media: null,
  business_trading_name: null,
  nace_code: null,
  business_address_line_1: null,
  business_address_line_2: null,
  business_postal_code: null,
  business_city: null,
  business_country: null,
  business_state: null,
  screening_progress: 'NOT_SCREENED',
  risk_classification_status: 'NOT_SCORED',
  customer_vetting_status: 'NOT_VETTED',
  annual_income_range: null,
  data_terms_signed_at: '2022-01-01T00:00:00.000Z',
  branch: null,
  birth_province: null,
  birth_post_code: null,
  socioprofessional_category: null,
  purpose_of_account_opening: null,
  main_income_source: null,
  work_country: null,
  work_province: null,
  self_declared_as_pep: null,
  international_operativity_expectation: [],
  registration_number: null,
  legitimation_valid_until: null,
};

let uniqueCounter = 0;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A letters-only unique suffix (names may not hold digits). */
export function uniqueName(base: string): string {
  uniqueCounter += 1;
  let n = uniqueCounter + Math.floor(Math.random() * 1e6);
  let suffix = '';
  while (n > 0) {
    suffix += LETTERS[n % 26] ?? 'a';
    n = Math.floor(n / 26);
  }
  return `${base} ${suffix}`;
}

export async function postJson(t: TestSandbox, path: string, body: unknown, method = 'POST') {
  const response = await t.api(path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, headers: response.headers };
}

export interface ErrorEntry {
  id: string;
  status: number;
  code: string;
  title: string;
  detail: string;
  source: { field: string; message: string };
}

export function errorsOf(body: unknown): ErrorEntry[] {
  return (body as { errors: ErrorEntry[] }).errors;
}

export function fieldsOf(body: unknown): string[] {
  return errorsOf(body).map((error) => error.source.field);
}
