import { addMonthsClamped, berlinCalendarDate, type PersonResource } from '@identdesk/domain';

/** The person resource without its id, as stored in `sandbox.persons.data`. */
export type PersonData = Omit<PersonResource, 'id'>;

/** Months from `aml_confirmed_on` to `aml_follow_up_date`, as in the seed (2022-07-22 → 2029-01-22). */
export const AML_FOLLOW_UP_MONTHS = 78;

const ADDRESS_KEYS = ['line_1', 'line_2', 'postal_code', 'city', 'country', 'state'] as const;

type Address = PersonResource['address'];

export function emptyAddress(): Address {
  return { line_1: null, line_2: null, postal_code: null, city: null, country: null, state: null };
}

export function toAddress(input: Record<string, unknown> | null | undefined, base: Address = emptyAddress()): Address {
  const address = { ...base };
  if (!input) return address;
  for (const key of ADDRESS_KEYS) {
    if (key in input) (address as Record<string, unknown>)[key] = input[key] ?? null;
  }
  return address;
}

/** Every field of the seed's person response, in the seed's order, with the seed's defaults. */
export function newPersonData(at: Date): PersonData {
  const today = berlinCalendarDate(at);
  return {
    salutation: null,
    title: null,
    first_name: '',
    last_name: '',
    address: emptyAddress(),
    contact_address: emptyAddress(),
    email: null,
    mobile_number: null,
    birth_name: null,
    birth_date: null,
    birth_city: null,
    birth_country: null,
    nationality: null,
    employment_status: null,
    job_title: null,
    tax_information: { tax_assessment: null, marital_status: null },
    fatca_relevant: null,
    fatca_crs_confirmed_at: null,
    business_purpose: null,
    industry: null,
    industry_key: null,
    terms_conditions_signed_at: null,
    own_economic_interest_signed_at: null,
    aml_follow_up_date: addMonthsClamped(today, AML_FOLLOW_UP_MONTHS),
    aml_confirmed_on: today,
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
    data_terms_signed_at: null,
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
}

/** The API form: `id` first, then every field in the seed's order (stored JSON loses key order). */
export function toPersonResource(id: string, data: Record<string, unknown>, at?: Date): PersonResource {
  const template = newPersonData(at ?? new Date(0));
  const resource: Record<string, unknown> = { id };
  for (const key of Object.keys(template) as (keyof PersonData)[]) {
    const value = key in data ? data[key] : template[key];
    if (key === 'address' || key === 'contact_address') {
      resource[key] = toAddress(value as Record<string, unknown> | null);
    } else if (key === 'tax_information') {
      const tax = (value ?? {}) as Record<string, unknown>;
      resource[key] = { tax_assessment: tax['tax_assessment'] ?? null, marital_status: tax['marital_status'] ?? null };
    } else {
      resource[key] = value;
    }
  }
  return resource as PersonResource;
}
