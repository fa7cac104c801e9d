import type { IdentificationStatus } from '@identdesk/domain';
import type { IdentificationSnapshot } from './queries/identifications.ts';
import type { PersonSnapshot } from './queries/persons.ts';

type Maybe<T> = T | null | undefined;

export interface SolarisAddress {
  line_1?: Maybe<string>;
  line_2?: Maybe<string>;
  postal_code?: Maybe<string>;
  city?: Maybe<string>;
  country?: Maybe<string>;
  state?: Maybe<string>;
}

/** The Solaris person resource (GET /v1/persons/{id}), as in the seed's responses. */
export interface SolarisPerson {
  id: string;
  salutation?: Maybe<string>;
  title?: Maybe<string>;
  first_name?: Maybe<string>;
  last_name?: Maybe<string>;
  address?: Maybe<SolarisAddress>;
  contact_address?: Maybe<SolarisAddress>;
  email?: Maybe<string>;
  mobile_number?: Maybe<string>;
  birth_name?: Maybe<string>;
  birth_date?: Maybe<string>;
  birth_city?: Maybe<string>;
  birth_country?: Maybe<string>;
  nationality?: Maybe<string>;
  employment_status?: Maybe<string>;
  job_title?: Maybe<string>;
  tax_information?: Maybe<{ tax_assessment?: Maybe<string>; marital_status?: Maybe<string> }>;
  fatca_relevant?: Maybe<boolean>;
  fatca_crs_confirmed_at?: Maybe<string>;
  business_purpose?: Maybe<string>;
  industry?: Maybe<string>;
  industry_key?: Maybe<string>;
  terms_conditions_signed_at?: Maybe<string>;
  own_economic_interest_signed_at?: Maybe<string>;
  aml_follow_up_date?: Maybe<string>;
  aml_confirmed_on?: Maybe<string>;
  flagged_by_compliance?: Maybe<boolean>;
  expected_monthly_revenue_cents?: Maybe<number>;
  vat_number?: Maybe<string>;
  website_social_media?: Maybe<string>;
  business_trading_name?: Maybe<string>;
  nace_code?: Maybe<string>;
  business_address_line_1?: Maybe<string>;
  business_address_line_2?: Maybe<string>;
  business_postal_code?: Maybe<string>;
  business_city?: Maybe<string>;
  business_country?: Maybe<string>;
  business_state?: Maybe<string>;
  screening_progress?: Maybe<string>;
  risk_classification_status?: Maybe<string>;
  customer_vetting_status?: Maybe<string>;
  annual_income_range?: Maybe<string>;
  data_terms_signed_at?: Maybe<string>;
  branch?: Maybe<string>;
  birth_province?: Maybe<string>;
  birth_post_code?: Maybe<string>;
  socioprofessional_category?: Maybe<string>;
  purpose_of_account_opening?: Maybe<string>;
  main_income_source?: Maybe<string>;
  work_country?: Maybe<string>;
  work_province?: Maybe<string>;
  self_declared_as_pep?: Maybe<boolean>;
  international_operativity_expectation?: Maybe<string[]>;
  registration_number?: Maybe<string>;
  legitimation_valid_until?: Maybe<string>;
}

/** The Solaris identification resource (method idnow), as in the seed's responses. */
export interface SolarisIdentification {
  id: string;
  reference?: Maybe<string>;
  url?: Maybe<string>;
  status: IdentificationStatus;
  completed_at?: Maybe<string>;
  method?: Maybe<string>;
  proof_of_address_type?: Maybe<string>;
  proof_of_address_issued_at?: Maybe<string>;
  language?: Maybe<string>;
  iban?: Maybe<string>;
  terms_and_conditions_signed_at?: Maybe<string>;
  authorization_expires_at?: Maybe<string>;
  confirmation_expires_at?: Maybe<string>;
  estimated_waiting_time?: Maybe<number>;
  failure_reason?: Maybe<string>;
  provider_status_code?: Maybe<string>;
  person_id?: Maybe<string>;
  address?: Maybe<SolarisAddress>;
  created_at?: Maybe<string>;
}

/** An ISO instant to a Date; null and undefined (field absent) pass through. */
function instant(value: Maybe<string>, field: string): Date | null | undefined {
  if (value === undefined || value === null) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`Solaris field ${field} is not a timestamp: ${value}`);
  return date;
}

/** A nested object's field: absent object → absent field; null object → null field. */
function nested<T extends object, K extends keyof T>(object: Maybe<T>, key: K): T[K] | null | undefined {
  if (object === undefined) return undefined;
  if (object === null) return null;
  return object[key];
}

/**
 * Flattens a Solaris person into the `persons` columns. Fields missing from the JSON stay
 * undefined, so `upsertPersonSnapshot` leaves them as stored.
 */
export function personSnapshotFromSolaris(person: SolarisPerson): PersonSnapshot {
  const snapshot: PersonSnapshot = {
    id: person.id,
    salutation: person.salutation,
    title: person.title,
    firstName: person.first_name,
    lastName: person.last_name,
    addressLine1: nested(person.address, 'line_1'),
    addressLine2: nested(person.address, 'line_2'),
    addressPostalCode: nested(person.address, 'postal_code'),
    addressCity: nested(person.address, 'city'),
    addressCountry: nested(person.address, 'country'),
    addressState: nested(person.address, 'state'),
    contactAddressLine1: nested(person.contact_address, 'line_1'),
    contactAddressLine2: nested(person.contact_address, 'line_2'),
    contactAddressPostalCode: nested(person.contact_address, 'postal_code'),
    contactAddressCity: nested(person.contact_address, 'city'),
    contactAddressCountry: nested(person.contact_address, 'country'),
    contactAddressState: nested(person.contact_address, 'state'),
    email: person.email,
    mobileNumber: person.mobile_number,
    birthName: person.birth_name,
    birthDate: person.birth_date,
    birthCity: person.birth_city,
    birthCountry: person.birth_country,
    nationality: person.nationality,
    employmentStatus: person.employment_status,
    jobTitle: person.job_title,
    taxAssessment: nested(person.tax_information, 'tax_assessment'),
    maritalStatus: nested(person.tax_information, 'marital_status'),
    fatcaRelevant: person.fatca_relevant,
    fatcaCrsConfirmedAt: instant(person.fatca_crs_confirmed_at, 'fatca_crs_confirmed_at'),
    businessPurpose: person.business_purpose,
    industry: person.industry,
    industryKey: person.industry_key,
    termsConditionsSignedAt: instant(person.terms_conditions_signed_at, 'terms_conditions_signed_at'),
    ownEconomicInterestSignedAt: instant(person.own_economic_interest_signed_at, 'own_economic_interest_signed_at'),
    amlFollowUpDate: person.aml_follow_up_date,
    amlConfirmedOn: person.aml_confirmed_on,
    flaggedByCompliance: person.flagged_by_compliance,
    expectedMonthlyRevenueCents: person.expected_monthly_revenue_cents,
    vatNumber: person.vat_number,
    websiteSocialMedia: person.website_social_media,
    businessTradingName: person.business_trading_name,
    naceCode: person.nace_code,
    businessAddressLine1: person.business_address_line_1,
    businessAddressLine2: person.business_address_line_2,
    businessPostalCode: person.business_postal_code,
    businessCity: person.business_city,
    businessCountry: person.business_country,
    businessState: person.business_state,
    screeningProgress: person.screening_progress,
    riskClassificationStatus: person.risk_classification_status,
    customerVettingStatus: person.customer_vetting_status,
    annualIncomeRange: person.annual_income_range,
    dataTermsSignedAt: instant(person.data_terms_signed_at, 'data_terms_signed_at'),
    branch: person.branch,
    birthProvince: person.birth_province,
    birthPostCode: person.birth_post_code,
    socioprofessionalCategory: person.socioprofessional_category,
    purposeOfAccountOpening: person.purpose_of_account_opening,
    mainIncomeSource: person.main_income_source,
    workCountry: person.work_country,
    workProvince: person.work_province,
    selfDeclaredAsPep: person.self_declared_as_pep,
    // NOT NULL with default []: Solaris' null means "none".
    internationalOperativityExpectation:
      person.international_operativity_expectation === null ? [] : person.international_operativity_expectation,
    registrationNumber: person.registration_number,
    legitimationValidUntil: person.legitimation_valid_until,
  };
  return snapshot;
}

/**
 * Flattens a Solaris identification into the `identifications` columns. `personId` comes from
 * the URL the identification was fetched from when the body does not carry `person_id`.
 */
export function identificationSnapshotFromSolaris(
  identification: SolarisIdentification,
  personId: string,
): IdentificationSnapshot {
  if (identification.person_id && identification.person_id !== personId) {
    throw new Error(`identification ${identification.id} belongs to ${identification.person_id}, not ${personId}`);
  }
  return {
    id: identification.id,
    personId,
    reference: identification.reference,
    url: identification.url,
    status: identification.status,
    completedAt: instant(identification.completed_at, 'completed_at'),
    method: identification.method,
    proofOfAddressType: identification.proof_of_address_type,
    proofOfAddressIssuedAt: identification.proof_of_address_issued_at,
    language: identification.language,
    iban: identification.iban,
    termsAndConditionsSignedAt: instant(identification.terms_and_conditions_signed_at, 'terms_and_conditions_signed_at'),
    authorizationExpiresAt: instant(identification.authorization_expires_at, 'authorization_expires_at'),
    confirmationExpiresAt: instant(identification.confirmation_expires_at, 'confirmation_expires_at'),
    estimatedWaitingTime: identification.estimated_waiting_time,
    failureReason: identification.failure_reason,
    providerStatusCode: identification.provider_status_code,
    addressLine1: nested(identification.address, 'line_1'),
    addressLine2: nested(identification.address, 'line_2'),
    addressPostalCode: nested(identification.address, 'postal_code'),
    addressCity: nested(identification.address, 'city'),
    addressCountry: nested(identification.address, 'country'),
    addressState: nested(identification.address, 'state'),
    createdAt: instant(identification.created_at, 'created_at'),
  };
}
