import { sql } from 'drizzle-orm';
import { PROOF_OF_ADDRESS_STATES } from '@identdesk/domain';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { isOneOf, timestamptz } from './columns.ts';
import { identificationStatus } from './enums.ts';

/**
 * A Solaris person, one column per field of the person resource (nested objects flattened:
 * `address.line_1` → `address_line_1`, `tax_information.marital_status` → `marital_status`),
 * plus the columns Identdesk maintains for search and sync.
 */
export const persons = pgTable(
  'persons',
  {
    id: text('id').primaryKey(),
    salutation: text('salutation'),
    title: text('title'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    addressLine1: text('address_line_1'),
    addressLine2: text('address_line_2'),
    addressPostalCode: text('address_postal_code'),
    addressCity: text('address_city'),
    addressCountry: text('address_country'),
    addressState: text('address_state'),
    contactAddressLine1: text('contact_address_line_1'),
    contactAddressLine2: text('contact_address_line_2'),
    contactAddressPostalCode: text('contact_address_postal_code'),
    contactAddressCity: text('contact_address_city'),
    contactAddressCountry: text('contact_address_country'),
    contactAddressState: text('contact_address_state'),
    email: text('email'),
    mobileNumber: text('mobile_number'),
    birthName: text('birth_name'),
    birthDate: date('birth_date', { mode: 'string' }),
    birthCity: text('birth_city'),
    birthCountry: text('birth_country'),
    nationality: text('nationality'),
    employmentStatus: text('employment_status'),
    jobTitle: text('job_title'),
    taxAssessment: text('tax_assessment'),
    maritalStatus: text('marital_status'),
    fatcaRelevant: boolean('fatca_relevant'),
    fatcaCrsConfirmedAt: timestamptz('fatca_crs_confirmed_at'),
    businessPurpose: text('business_purpose'),
    industry: text('industry'),
    industryKey: text('industry_key'),
    termsConditionsSignedAt: timestamptz('terms_conditions_signed_at'),
    ownEconomicInterestSignedAt: timestamptz('own_economic_interest_signed_at'),
    amlFollowUpDate: date('aml_follow_up_date', { mode: 'string' }),
    amlConfirmedOn: date('aml_confirmed_on', { mode: 'string' }),
    flaggedByCompliance: boolean('flagged_by_compliance'),
    expectedMonthlyRevenueCents: bigint('expected_monthly_revenue_cents', { mode: 'number' }),
    vatNumber: text('vat_number'),
    websiteSocialMedia: text('website_social_media'),
    businessTradingName: text('business_trading_name'),
    naceCode: text('nace_code'),
    businessAddressLine1: text('business_address_line_1'),
    businessAddressLine2: text('business_address_line_2'),
    businessPostalCode: text('business_postal_code'),
    businessCity: text('business_city'),
    businessCountry: text('business_country'),
    businessState: text('business_state'),
    screeningProgress: text('screening_progress'),
    riskClassificationStatus: text('risk_classification_status'),
    customerVettingStatus: text('customer_vetting_status'),
    annualIncomeRange: text('annual_income_range'),
    dataTermsSignedAt: timestamptz('data_terms_signed_at'),
    branch: text('branch'),
    birthProvince: text('birth_province'),
    birthPostCode: text('birth_post_code'),
    socioprofessionalCategory: text('socioprofessional_category'),
    purposeOfAccountOpening: text('purpose_of_account_opening'),
    mainIncomeSource: text('main_income_source'),
    workCountry: text('work_country'),
    workProvince: text('work_province'),
    selfDeclaredAsPep: boolean('self_declared_as_pep'),
    internationalOperativityExpectation: jsonb('international_operativity_expectation')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    registrationNumber: text('registration_number'),
    legitimationValidUntil: date('legitimation_valid_until', { mode: 'string' }),

    searchName: text('search_name').notNull().default(''),
    /** The words of search_name, for exact and typo-tolerant word matches (see person_name_words). */
    searchWords: text('search_words').array().notNull().default(sql`'{}'::text[]`),
    mobileDigits: text('mobile_digits'),
    emailNormalized: text('email_normalized'),
    proofOfAddressRequired: boolean('proof_of_address_required').notNull().default(false),
    /**
     * Where the person stands on proof of address (a PROOF_OF_ADDRESS_STATES value), kept current
     * whenever the person, an identification or a submission changes; search filters on it.
     */
    proofOfAddressState: text('proof_of_address_state', { enum: PROOF_OF_ADDRESS_STATES })
      .notNull()
      .default('depends_on_document'),
    /** Latest identification (by creation), copied here so search can filter and show it without a join. */
    latestIdentificationId: text('latest_identification_id'),
    latestIdentificationStatus: identificationStatus('latest_identification_status'),
    latestIdentificationLanguage: text('latest_identification_language'),
    latestIdentificationCreatedAt: timestamptz('latest_identification_created_at'),
    solarisCreatedAt: timestamptz('solaris_created_at'),
    firstSeenAt: timestamptz('first_seen_at').notNull(),
    lastSyncedAt: timestamptz('last_synced_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('persons_search_name_trgm_idx').using('gin', t.searchName.op('gin_trgm_ops')),
    index('persons_email_normalized_idx').on(t.emailNormalized),
    index('persons_mobile_digits_idx').on(t.mobileDigits),
    index('persons_birth_date_idx').on(t.birthDate),
    index('persons_solaris_created_at_idx').on(t.solarisCreatedAt),
    index('persons_first_seen_at_idx').on(t.firstSeenAt),
    index('persons_last_name_first_name_idx').on(t.lastName, t.firstName),
    // One GIN over the name words and the filters search offers beside a name (btree_gin): a
    // common name with a language, status or proof-of-address filter reads only the persons
    // both select, not every Müller (see person-search.ts, shareKeptByNameIndex).
    index('persons_search_words_filters_idx').using(
      'gin',
      t.searchWords,
      t.latestIdentificationLanguage,
      t.latestIdentificationStatus,
      t.proofOfAddressState,
    ),
    index('persons_latest_identification_status_idx').on(t.latestIdentificationStatus, t.firstSeenAt),
    index('persons_proof_of_address_outstanding_idx')
      .on(t.firstSeenAt)
      .where(sql`${t.proofOfAddressState} = 'outstanding'`),
    check('persons_proof_of_address_state_known', isOneOf(t.proofOfAddressState, PROOF_OF_ADDRESS_STATES)),
  ],
);

export type PersonRow = typeof persons.$inferSelect;
export type NewPersonRow = typeof persons.$inferInsert;
