import type { CreatePersonInput } from '@identdesk/domain';

// The seed's own examples, so the client is tested against the documented shapes.

export const PERSON_ID = '7cf09c3c5547b974a664201f24b454eecper';
export const IDENTIFICATION_ID = '6dc54352d6793a892e0702850d07b831cidt';
export const DOCUMENT_ID = '448b75fa1c57eecda41d91c66c22faa6cdoc';

export const CREATE_PERSON_INPUT: CreatePersonInput = {
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

export const PERSON = {
  id: PERSON_ID,
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

export const IDENTIFICATION = {
  id: IDENTIFICATION_ID,
  reference: 'TST-KCCEY',
  url: `https://go.test.idnow.de/solarisbankvideoidentsandbox/identifications/${IDENTIFICATION_ID}`,
  status: 'pending',
  completed_at: null,
  method: 'idnow',
  proof_of_address_type: 'GAS_BILL',
  proof_of_address_issued_at: '2022-03-03',
  language: 'DE',
  iban: null,
  terms_and_conditions_signed_at: null,
  authorization_expires_at: null,
  confirmation_expires_at: null,
  estimated_waiting_time: 60,
};

export const DOCUMENT = {
  id: DOCUMENT_ID,
  name: 'file1.pdf',
  content_type: 'application/pdf',
  document_type: 'KYC_REPORT',
  size: 803580,
};

export const SEED_ERROR_BODY = {
  errors: [
    {
      id: '24b0e02a-341d-40bc-9e52-0d9f8cc8c6eb',
      status: 400,
      code: 'invalid_model',
      title: 'Invalid Model',
      detail: 'country Residency Country is not allowed for this branch',
      source: { field: 'country', message: 'Residency Country is not allowed for this branch' },
    },
  ],
};
