import { z } from 'zod';
import { calendarDateSchema } from './calendar-date.ts';
import { countryCodeSchema } from './countries.ts';
import { mobileNumberSchema } from './mobile-number.ts';
import { firstNameSchema, lastNameSchema } from './person-name.ts';
import { personIdSchema } from './solaris-ids.ts';
import { solarisValueSchema } from './solaris-value.ts';
import { isoTimestampSchema, utcTimestampSchema } from './utc-timestamp.ts';

// Known values of person enums the seed leaves open, as public Solaris documentation and
// client libraries list them. The schemas accept other upper-case values (see solarisValueSchema).

export const SALUTATIONS = ['MR', 'MS'] as const;
export type Salutation = (typeof SALUTATIONS)[number];
export const salutationSchema = solarisValueSchema('salutation', SALUTATIONS);
export const SALUTATION_LABELS: Record<Salutation, string> = { MR: 'Mr', MS: 'Ms' };

export const TITLES = ['DR', 'PROF', 'PROF_DR', 'MAGISTER'] as const;
export const titleSchema = solarisValueSchema('title', TITLES);

export const EMPLOYMENT_STATUSES = [
  'EMPLOYED',
  'UNEMPLOYED',
  'PUBLIC_SECTOR_EMPLOYEE',
  'PROFESSIONAL_SOLDIER',
  'FREELANCER',
  'HOUSEWORK',
  'APPRENTICE',
  'MANAGEMENT',
  'RETIRED',
  'STUDENT',
  'SELF_EMPLOYED',
  'MILITARY_OR_COMMUNITY_SERVICE',
] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];
export const employmentStatusSchema = solarisValueSchema('employment_status', EMPLOYMENT_STATUSES);

export const MARITAL_STATUSES = ['SINGLE', 'MARRIED', 'DIVORCED', 'WIDOWED', 'UNKNOWN'] as const;
export const maritalStatusSchema = solarisValueSchema('marital_status', MARITAL_STATUSES);

export const TAX_ASSESSMENTS = ['NONE', 'SEPARATE', 'JOINT'] as const;
export const taxAssessmentSchema = solarisValueSchema('tax_assessment', TAX_ASSESSMENTS);

export const SCREENING_PROGRESS_VALUES = [
  'NOT_SCREENED',
  'POTENTIAL_MATCH',
  'SCREENED_ACCEPTED',
  'SCREENED_DECLINED',
] as const;
export const screeningProgressSchema = solarisValueSchema('screening_progress', SCREENING_PROGRESS_VALUES);

export const RISK_CLASSIFICATION_STATUSES = [
  'NOT_SCORED',
  'POTENTIAL_RISK',
  'NORMAL_RISK',
  'HIGH_RISK',
  'CUSTOMER_UNACCEPTABLE',
] as const;
export const riskClassificationStatusSchema = solarisValueSchema(
  'risk_classification_status',
  RISK_CLASSIFICATION_STATUSES,
);

export const CUSTOMER_VETTING_STATUSES = [
  'NOT_VETTED',
  'NO_MATCH',
  'POTENTIAL_MATCH',
  'INFORMATION_REQUESTED',
  'INFORMATION_RECEIVED',
  'RISK_ACCEPTED',
  'RISK_REJECTED',
  'CUSTOMER_UNRESPONSIVE',
  'VETTING_NOT_REQUIRED',
] as const;
export const customerVettingStatusSchema = solarisValueSchema('customer_vetting_status', CUSTOMER_VETTING_STATUSES);

/** `address` and `contact_address` as Solaris returns them: every part may be null. */
export const personAddressSchema = z.object({
  line_1: z.string().nullable(),
  line_2: z.string().nullable(),
  postal_code: z.string().nullable(),
  city: z.string().nullable(),
  country: countryCodeSchema.nullable(),
  state: z.string().nullable(),
});
export type PersonAddress = z.infer<typeof personAddressSchema>;

export const taxInformationSchema = z.object({
  tax_assessment: taxAssessmentSchema.nullable(),
  marital_status: maritalStatusSchema.nullable(),
});
export type TaxInformation = z.infer<typeof taxInformationSchema>;

/**
 * The Solaris person resource: every field of the seed's response examples. Fields that are
 * null in any example are nullable; the rest are required as the examples show them. Unknown
 * extra fields are dropped rather than refused, as Solaris may add fields.
 */
export const personResourceSchema = z.object({
  id: personIdSchema,
  salutation: salutationSchema.nullable(),
  title: titleSchema.nullable(),
  first_name: z.string(),
  last_name: z.string(),
  address: personAddressSchema,
  contact_address: personAddressSchema,
  email: z.string().nullable(),
  mobile_number: z.string().nullable(),
  birth_name: z.string().nullable(),
  birth_date: calendarDateSchema.nullable(),
  birth_city: z.string().nullable(),
  birth_country: countryCodeSchema.nullable(),
  nationality: countryCodeSchema.nullable(),
  employment_status: employmentStatusSchema.nullable(),
  job_title: z.string().nullable(),
  tax_information: taxInformationSchema,
  fatca_relevant: z.boolean().nullable(),
  fatca_crs_confirmed_at: isoTimestampSchema.nullable(),
  business_purpose: z.string().nullable(),
  industry: z.string().nullable(),
  industry_key: z.string().nullable(),
  terms_conditions_signed_at: isoTimestampSchema.nullable(),
  own_economic_interest_signed_at: isoTimestampSchema.nullable(),
  aml_follow_up_date: calendarDateSchema,
  aml_confirmed_on: calendarDateSchema,
  flagged_by_compliance: z.boolean(),
  expected_monthly_revenue_cents: z.number().int().nullable(),
  vat_number: z.string().nullable(),
  website_social_media: z.string().nullable(),
  business_trading_name: z.string().nullable(),
  nace_code: z.string().nullable(),
  business_address_line_1: z.string().nullable(),
  business_address_line_2: z.string().nullable(),
  business_postal_code: z.string().nullable(),
  business_city: z.string().nullable(),
  business_country: countryCodeSchema.nullable(),
  business_state: z.string().nullable(),
  screening_progress: screeningProgressSchema,
  risk_classification_status: riskClassificationStatusSchema,
  customer_vetting_status: customerVettingStatusSchema,
  annual_income_range: z.string().nullable(),
  data_terms_signed_at: isoTimestampSchema.nullable(),
  branch: z.string().nullable(),
  birth_province: z.string().nullable(),
  birth_post_code: z.string().nullable(),
  socioprofessional_category: z.string().nullable(),
  purpose_of_account_opening: z.string().nullable(),
  main_income_source: z.string().nullable(),
  work_country: countryCodeSchema.nullable(),
  work_province: z.string().nullable(),
  self_declared_as_pep: z.boolean().nullable(),
  international_operativity_expectation: z.array(z.string()),
  registration_number: z.string().nullable(),
  legitimation_valid_until: z.string().nullable(),
});
export type PersonResource = z.infer<typeof personResourceSchema>;

const requiredText = (field: string) => z.string().trim().min(1, { error: `${field} must not be empty` });

/** The residence address a new person must give (seed: street, number, city, post code, country, state). */
export const addressInputSchema = z.strictObject({
  line_1: requiredText('address.line_1'),
  line_2: z.string().trim().nullish(),
  postal_code: requiredText('address.postal_code'),
  city: requiredText('address.city'),
  country: countryCodeSchema,
  state: z.string().trim().nullish(),
});
export type AddressInput = z.infer<typeof addressInputSchema>;

/** A contact address may be partial or empty. */
export const contactAddressInputSchema = z.strictObject({
  line_1: z.string().trim().nullish(),
  line_2: z.string().trim().nullish(),
  postal_code: z.string().trim().nullish(),
  city: z.string().trim().nullish(),
  country: countryCodeSchema.nullish(),
  state: z.string().trim().nullish(),
});

export const taxInformationInputSchema = z.strictObject({
  tax_assessment: taxAssessmentSchema.nullish(),
  marital_status: maritalStatusSchema.nullish(),
});

/**
 * `POST /v1/persons`. The seed's mandatory data points are required; the other fields of
 * the person resource that a partner may send are optional. Unknown fields are refused so a
 * typo does not silently drop data.
 */
export const createPersonInputSchema = z.strictObject({
  salutation: salutationSchema,
  first_name: firstNameSchema,
  last_name: lastNameSchema,
  address: addressInputSchema,
  mobile_number: mobileNumberSchema,
  birth_date: calendarDateSchema,
  nationality: countryCodeSchema,
  terms_conditions_signed_at: utcTimestampSchema,
  data_terms_signed_at: utcTimestampSchema,
  title: titleSchema.nullish(),
  email: z.email({ error: 'email must be a valid email address' }).nullish(),
  birth_name: z.string().nullish(),
  birth_city: z.string().nullish(),
  birth_country: countryCodeSchema.nullish(),
  contact_address: contactAddressInputSchema.nullish(),
  employment_status: employmentStatusSchema.nullish(),
  job_title: z.string().nullish(),
  tax_information: taxInformationInputSchema.nullish(),
  fatca_relevant: z.boolean().nullish(),
  fatca_crs_confirmed_at: utcTimestampSchema.nullish(),
  business_purpose: z.string().nullish(),
  industry: z.string().nullish(),
  industry_key: z.string().nullish(),
  own_economic_interest_signed_at: utcTimestampSchema.nullish(),
  expected_monthly_revenue_cents: z.number().int().nonnegative().nullish(),
  vat_number: z.string().nullish(),
  website_social_media: z.string().nullish(),
  business_trading_name: z.string().nullish(),
  nace_code: z.string().nullish(),
  business_address_line_1: z.string().nullish(),
  business_address_line_2: z.string().nullish(),
  business_postal_code: z.string().nullish(),
  business_city: z.string().nullish(),
  business_country: countryCodeSchema.nullish(),
  business_state: z.string().nullish(),
  annual_income_range: z.string().nullish(),
  branch: z.string().nullish(),
  birth_province: z.string().nullish(),
  birth_post_code: z.string().nullish(),
  socioprofessional_category: z.string().nullish(),
  purpose_of_account_opening: z.string().nullish(),
  main_income_source: z.string().nullish(),
  work_country: countryCodeSchema.nullish(),
  work_province: z.string().nullish(),
  self_declared_as_pep: z.boolean().nullish(),
  international_operativity_expectation: z.array(z.string()).nullish(),
  registration_number: z.string().nullish(),
});
export type CreatePersonInput = z.infer<typeof createPersonInputSchema>;
