/**
 * Labels for the fields of a Solaris person as Identdesk stores them (camelCase, nested objects
 * flattened: `address.line_1` → `addressLine1`). The person page's history names changed fields
 * with these, so an agent reads "Street" instead of `addressLine1`.
 */
export const PERSON_FIELD_LABELS = {
  salutation: 'Salutation',
  title: 'Title',
  firstName: 'First name',
  lastName: 'Last name',
  addressLine1: 'Street',
  addressLine2: 'House number',
  addressPostalCode: 'Postal code',
  addressCity: 'City',
  addressCountry: 'Country of residence',
  addressState: 'State',
  contactAddressLine1: 'Contact address: street',
  contactAddressLine2: 'Contact address: house number',
  contactAddressPostalCode: 'Contact address: postal code',
  contactAddressCity: 'Contact address: city',
  contactAddressCountry: 'Contact address: country',
  contactAddressState: 'Contact address: state',
  email: 'Email',
  mobileNumber: 'Mobile number',
  birthName: 'Birth name',
  birthDate: 'Date of birth',
  birthCity: 'Place of birth',
  birthCountry: 'Country of birth',
  birthProvince: 'Province of birth',
  birthPostCode: 'Postal code of birth place',
  nationality: 'Nationality',
  employmentStatus: 'Employment status',
  jobTitle: 'Job title',
  taxAssessment: 'Tax assessment',
  maritalStatus: 'Marital status',
  fatcaRelevant: 'FATCA relevant',
  fatcaCrsConfirmedAt: 'FATCA/CRS confirmed at',
  businessPurpose: 'Business purpose',
  industry: 'Industry',
  industryKey: 'Industry key',
  termsConditionsSignedAt: 'Terms and conditions signed at',
  dataTermsSignedAt: 'Data processing terms signed at',
  ownEconomicInterestSignedAt: 'Own economic interest signed at',
  amlFollowUpDate: 'AML follow-up date',
  amlConfirmedOn: 'AML confirmed on',
  flaggedByCompliance: 'Flagged by compliance',
  expectedMonthlyRevenueCents: 'Expected monthly revenue (cents)',
  vatNumber: 'VAT number',
  websiteSocialMedia: 'Website or social media',
  businessTradingName: 'Business trading name',
  naceCode: 'NACE code',
  businessAddressLine1: 'Business address: street',
  businessAddressLine2: 'Business address: house number',
  businessPostalCode: 'Business address: postal code',
  businessCity: 'Business address: city',
  businessCountry: 'Business address: country',
  businessState: 'Business address: state',
  screeningProgress: 'Screening progress',
  riskClassificationStatus: 'Risk classification',
  customerVettingStatus: 'Customer vetting',
  annualIncomeRange: 'Annual income range',
  branch: 'Branch',
  socioprofessionalCategory: 'Socio-professional category',
  purposeOfAccountOpening: 'Purpose of account opening',
  mainIncomeSource: 'Main income source',
  workCountry: 'Country of work',
  workProvince: 'Province of work',
  selfDeclaredAsPep: 'Self-declared PEP',
  internationalOperativityExpectation: 'International operativity expectation',
  registrationNumber: 'Registration number',
  legitimationValidUntil: 'Legitimation valid until',
} as const satisfies Record<string, string>;

export type PersonField = keyof typeof PERSON_FIELD_LABELS;

function isPersonField(field: string): field is PersonField {
  return Object.hasOwn(PERSON_FIELD_LABELS, field);
}

/** The label of a stored person field; a field Identdesk does not know yet shows as its own name. */
export function personFieldLabel(field: string): string {
  return isPersonField(field) ? PERSON_FIELD_LABELS[field] : field;
}

/** The source of a person history entry Identdesk attributes to the IDnow agent's corrections. */
export const IDNOW_AGENT_CHANGE_SOURCE = 'idnow_agent';

const PERSON_CHANGE_SOURCE_LABELS: Record<string, string> = {
  [IDNOW_AGENT_CHANGE_SOURCE]: 'Corrected by the IDnow agent during the video call',
  webhook: 'Reported by Solaris',
  reconciliation: 'Found in reconciliation with Solaris',
  agent_change: 'Changed in Identdesk',
  backfill: 'Backfilled',
};

/** Where a change to a person came from, in words; an unknown source shows as itself. */
export function personChangeSourceLabel(source: string): string {
  return PERSON_CHANGE_SOURCE_LABELS[source] ?? source;
}
