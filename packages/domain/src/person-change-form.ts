import { PERSON_FIELD_LABELS, type PersonField } from './person-field-labels.ts';
import {
  customerSupportOnlyMessage,
  PERSON_UPDATABLE_FIELDS,
  PERSON_UPDATABLE_NESTED_FIELDS,
  type PersonUpdatableField,
} from './person-patch.ts';
import {
  EMPLOYMENT_STATUSES,
  MARITAL_STATUSES,
  personResourceSchema,
  SALUTATION_LABELS,
  SALUTATIONS,
  TAX_ASSESSMENTS,
  TITLES,
} from './person.ts';

/** How the change form edits a field; the PATCH's own shape decides it. */
export type PersonChangeFieldKind =
  | 'text'
  | 'email'
  | 'enum'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | 'country'
  | 'cents'
  | 'address'
  | 'tax'
  | 'string_list';

export interface PersonChangeOption {
  value: string;
  label: string;
}

export interface PersonChangeFieldSpec {
  field: PersonUpdatableField;
  label: string;
  kind: PersonChangeFieldKind;
  /** The known values of an enum field (Solaris may know more; the form offers these). */
  options?: readonly PersonChangeOption[];
  /** Under the control: the rule Solaris applies to the field. */
  hint?: string;
}

export interface PersonChangeFormSection {
  id: string;
  title: string;
  fields: readonly PersonChangeFieldSpec[];
}

/** "SELF_EMPLOYED" → "Self employed": enum values in words, the value itself kept recognisable. */
function enumValueLabel(value: string): string {
  const words = value.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function optionsOf(values: readonly string[], labels: Partial<Record<string, string>> = {}): PersonChangeOption[] {
  return values.map((value) => ({ value, label: labels[value] ?? enumValueLabel(value) }));
}

function camelCase(field: string): string {
  return field.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function isPersonField(field: string): field is PersonField {
  return Object.hasOwn(PERSON_FIELD_LABELS, field);
}

// The nested fields have no flat label of their own; their parts do (addressLine1 → "Street").
const NESTED_FIELD_LABELS: Partial<Record<PersonUpdatableField, string>> = {
  address: 'Residence address',
  contact_address: 'Contact address',
  tax_information: 'Tax information',
};

/** The label the person page uses for a PATCH field (`job_title` → "Job title"). */
export function personChangeFieldLabel(field: string): string {
  const nested = NESTED_FIELD_LABELS[field as PersonUpdatableField];
  if (nested) return nested;
  const camel = camelCase(field);
  return isPersonField(camel) ? PERSON_FIELD_LABELS[camel] : field;
}

export type AddressPart = (typeof PERSON_UPDATABLE_NESTED_FIELDS.address)[number];
export const ADDRESS_PARTS: readonly AddressPart[] = PERSON_UPDATABLE_NESTED_FIELDS.address;

/** Labels of an address's parts, as the person page's history names the residence address's. */
export const ADDRESS_PART_LABELS: Record<AddressPart, string> = {
  line_1: PERSON_FIELD_LABELS.addressLine1,
  line_2: PERSON_FIELD_LABELS.addressLine2,
  postal_code: PERSON_FIELD_LABELS.addressPostalCode,
  city: PERSON_FIELD_LABELS.addressCity,
  state: PERSON_FIELD_LABELS.addressState,
  country: 'Country',
};

export type TaxInformationPart = (typeof PERSON_UPDATABLE_NESTED_FIELDS.tax_information)[number];
export const TAX_INFORMATION_PART_LABELS: Record<TaxInformationPart, string> = {
  tax_assessment: PERSON_FIELD_LABELS.taxAssessment,
  marital_status: PERSON_FIELD_LABELS.maritalStatus,
};
export const TAX_INFORMATION_OPTIONS: Record<TaxInformationPart, readonly PersonChangeOption[]> = {
  tax_assessment: optionsOf(TAX_ASSESSMENTS),
  marital_status: optionsOf(MARITAL_STATUSES),
};

/** A dotted change path (`address.city`, `email`) in words: "Residence address: City", "Email". */
export function personChangePathLabel(path: string): string {
  const [field = path, part] = path.split('.');
  const fieldLabel = personChangeFieldLabel(field);
  if (!part) return fieldLabel;
  const partLabel =
    (ADDRESS_PART_LABELS as Record<string, string>)[part] ?? (TAX_INFORMATION_PART_LABELS as Record<string, string>)[part] ?? part;
  return field === 'tax_information' ? partLabel : `${fieldLabel}: ${partLabel}`;
}

/** Fields whose kind is not plain text; every other allow-listed field is edited as text. */
const FIELD_KINDS: Partial<Record<PersonUpdatableField, Omit<PersonChangeFieldSpec, 'field' | 'label'>>> = {
  title: { kind: 'enum', options: optionsOf(TITLES, { PROF_DR: 'Prof. Dr.', DR: 'Dr.', PROF: 'Prof.' }) },
  salutation: { kind: 'enum', options: optionsOf(SALUTATIONS, SALUTATION_LABELS) },
  address: {
    kind: 'address',
    hint: 'Where the customer lives. Video identification is for residents of Germany only.',
  },
  contact_address: { kind: 'address', hint: 'Only when post should go elsewhere; leave empty otherwise.' },
  employment_status: {
    kind: 'enum',
    options: optionsOf(EMPLOYMENT_STATUSES),
    hint: 'Freelancer or self-employed needs a NACE code, or industry and industry key cleared, in the same change.',
  },
  email: { kind: 'email' },
  tax_information: { kind: 'tax' },
  fatca_relevant: { kind: 'boolean' },
  fatca_crs_confirmed_at: { kind: 'timestamp' },
  own_economic_interest_signed_at: { kind: 'timestamp' },
  aml_confirmed_on: { kind: 'date', hint: 'Solaris accepts only today or tomorrow (Berlin time).' },
  expected_monthly_revenue_cents: { kind: 'cents', hint: 'In euros; Solaris stores it in cents.' },
  business_country: { kind: 'country' },
  data_terms_signed_at: { kind: 'timestamp' },
  work_country: { kind: 'country' },
  self_declared_as_pep: { kind: 'boolean' },
  international_operativity_expectation: { kind: 'string_list', hint: 'Country codes or values, separated by commas.' },
  nace_code: { kind: 'text', hint: 'Required with freelancer or self-employed, unless industry and industry key are cleared.' },
};

// Which section of the form each field sits in; a field missing here is a type error.
const SECTION_OF: Record<PersonUpdatableField, PersonChangeFormSection['id']> = {
  title: 'contact',
  salutation: 'contact',
  email: 'contact',
  address: 'address',
  contact_address: 'address',
  employment_status: 'employment',
  job_title: 'employment',
  nace_code: 'employment',
  industry: 'employment',
  industry_key: 'employment',
  annual_income_range: 'employment',
  socioprofessional_category: 'employment',
  main_income_source: 'employment',
  work_country: 'employment',
  work_province: 'employment',
  tax_information: 'tax',
  fatca_relevant: 'tax',
  fatca_crs_confirmed_at: 'tax',
  self_declared_as_pep: 'compliance',
  aml_confirmed_on: 'compliance',
  own_economic_interest_signed_at: 'compliance',
  data_terms_signed_at: 'compliance',
  purpose_of_account_opening: 'compliance',
  international_operativity_expectation: 'compliance',
  branch: 'compliance',
  birth_province: 'compliance',
  birth_post_code: 'compliance',
  business_purpose: 'business',
  business_trading_name: 'business',
  expected_monthly_revenue_cents: 'business',
  vat_number: 'business',
  registration_number: 'business',
  website_social_media: 'business',
  business_address_line_1: 'business',
  business_address_line_2: 'business',
  business_postal_code: 'business',
  business_city: 'business',
  business_country: 'business',
};

const SECTION_TITLES: [id: string, title: string][] = [
  ['contact', 'Name form and contact'],
  ['address', 'Addresses'],
  ['employment', 'Employment'],
  ['tax', 'Tax'],
  ['compliance', 'Declarations and compliance'],
  ['business', 'Business'],
];

function fieldSpec(field: PersonUpdatableField): PersonChangeFieldSpec {
  return { field, label: personChangeFieldLabel(field), ...(FIELD_KINDS[field] ?? { kind: 'text' }) };
}

/**
 * The change form: every field of the seed's PATCH allow-list, once, grouped as the person page
 * groups them and in the allow-list's order within a section. Generated from
 * PERSON_UPDATABLE_FIELDS, so a field added to the allow-list appears here without more work.
 */
export const PERSON_CHANGE_FORM_SECTIONS: readonly PersonChangeFormSection[] = SECTION_TITLES.map(([id, title]) => ({
  id,
  title,
  fields: PERSON_UPDATABLE_FIELDS.filter((field) => SECTION_OF[field] === id).map(fieldSpec),
}));

export interface PersonReadOnlyField {
  /** As Solaris names it (`first_name`). */
  field: string;
  label: string;
  /** "first_name cannot be changed here: only Solaris customer support can change it" */
  message: string;
}

// Not shown to agents as fields of the customer (ids and Solaris' own bookkeeping).
const NOT_SHOWN_AS_FIELDS = new Set(['id']);
const UPDATABLE = new Set<string>(PERSON_UPDATABLE_FIELDS);

/**
 * The fields of a Solaris person that the PATCH may not change: names, birth data, nationality,
 * mobile number and Solaris' own assessments. Only Solaris customer support can change them.
 */
export const PERSON_READ_ONLY_FIELDS: readonly PersonReadOnlyField[] = Object.keys(personResourceSchema.shape)
  .filter((field) => !UPDATABLE.has(field) && !NOT_SHOWN_AS_FIELDS.has(field))
  .map((field) => ({ field, label: personChangeFieldLabel(field), message: customerSupportOnlyMessage(field) }));
