import { z } from 'zod';
import { addDays, berlinCalendarDate, calendarDateSchema, isValidCalendarDate } from './calendar-date.ts';
import { countryCodeSchema } from './countries.ts';
import {
  employmentStatusSchema,
  maritalStatusSchema,
  salutationSchema,
  taxAssessmentSchema,
  titleSchema,
} from './person.ts';
import { utcTimestampSchema } from './utc-timestamp.ts';

/**
 * The only person fields `PATCH /v1/persons/{id}` may change, in the seed's order. Everything
 * else (names, birth data, nationality, mobile number, ...) only Solaris customer support can change.
 */
export const PERSON_UPDATABLE_FIELDS = [
  'title',
  'salutation',
  'address',
  'contact_address',
  'employment_status',
  'job_title',
  'email',
  'tax_information',
  'fatca_relevant',
  'fatca_crs_confirmed_at',
  'business_purpose',
  'industry',
  'industry_key',
  'own_economic_interest_signed_at',
  'aml_confirmed_on',
  'expected_monthly_revenue_cents',
  'vat_number',
  'website_social_media',
  'business_trading_name',
  'nace_code',
  'business_address_line_1',
  'business_address_line_2',
  'business_postal_code',
  'business_city',
  'business_country',
  'annual_income_range',
  'data_terms_signed_at',
  'branch',
  'birth_province',
  'birth_post_code',
  'socioprofessional_category',
  'purpose_of_account_opening',
  'main_income_source',
  'work_country',
  'work_province',
  'self_declared_as_pep',
  'international_operativity_expectation',
  'registration_number',
] as const;
export type PersonUpdatableField = (typeof PERSON_UPDATABLE_FIELDS)[number];

const ADDRESS_PARTS = ['line_1', 'line_2', 'postal_code', 'city', 'state', 'country'] as const;

/** The parts of the nested fields that may be changed (seed). */
export const PERSON_UPDATABLE_NESTED_FIELDS = {
  address: ADDRESS_PARTS,
  contact_address: ADDRESS_PARTS,
  tax_information: ['tax_assessment', 'marital_status'],
} as const satisfies Partial<Record<PersonUpdatableField, readonly string[]>>;

export function customerSupportOnlyMessage(fieldPath: string): string {
  return `${fieldPath} cannot be changed here: only Solaris customer support can change it`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An object schema that names every field outside its allow-list in its own issue (path = the
 * field), instead of zod's single "unrecognized keys" issue, so forms can mark the field.
 * The allow-list check runs even when other fields are invalid, so all problems show at once.
 */
function allowListedObject<Shape extends z.ZodRawShape>(
  shape: Shape,
  pathPrefix: string,
  /** A rule across fields, run like the allow-list even when single fields are refused. */
  crossFieldRule?: (value: Record<string, unknown>, context: z.core.$RefinementCtx) => void,
) {
  const allowed = new Set(Object.keys(shape));
  return z
    .looseObject(shape)
    .superRefine(
      (value, context) => {
        for (const key of Object.keys(value)) {
          if (!allowed.has(key)) {
            context.addIssue({ code: 'custom', path: [key], message: customerSupportOnlyMessage(`${pathPrefix}${key}`) });
          }
        }
        crossFieldRule?.(value, context);
      },
      { when: (payload) => isPlainObject(payload.value) },
    )
    .transform((value) => {
      const known: Record<string, unknown> = {};
      for (const [key, fieldValue] of Object.entries(value)) {
        if (allowed.has(key)) known[key] = fieldValue;
      }
      // The refinement refused every other key and the loose object parsed these, so `known`
      // is exactly the strict object's output; TypeScript cannot follow that through generics.
      return known as z.output<z.ZodObject<Shape>>;
    });
}

const addressPatchSchema = allowListedObject(
  {
    line_1: z.string().trim().min(1, { error: 'address.line_1 must not be empty' }).optional(),
    line_2: z.string().trim().nullable().optional(),
    postal_code: z.string().trim().min(1, { error: 'address.postal_code must not be empty' }).optional(),
    city: z.string().trim().min(1, { error: 'address.city must not be empty' }).optional(),
    state: z.string().trim().nullable().optional(),
    country: countryCodeSchema.optional(),
  },
  'address.',
);

const contactAddressPatchSchema = allowListedObject(
  {
    line_1: z.string().trim().nullable().optional(),
    line_2: z.string().trim().nullable().optional(),
    postal_code: z.string().trim().nullable().optional(),
    city: z.string().trim().nullable().optional(),
    state: z.string().trim().nullable().optional(),
    country: countryCodeSchema.nullable().optional(),
  },
  'contact_address.',
);

const taxInformationPatchSchema = allowListedObject(
  {
    tax_assessment: taxAssessmentSchema.nullable().optional(),
    marital_status: maritalStatusSchema.nullable().optional(),
  },
  'tax_information.',
);

/** Solaris accepts `aml_confirmed_on` only with today's or tomorrow's date (in Berlin). */
export function allowedAmlConfirmedOnDates(now: Date): [today: string, tomorrow: string] {
  const today = berlinCalendarDate(now);
  return [today, addDays(today, 1)];
}

/**
 * `aml_confirmed_on` at `now` (a clock read when the request is validated). "Today" is the
 * date in Europe/Berlin, Solaris's time zone: at 23:30 UTC on 1 March it is already 2 March there.
 */
export function createAmlConfirmedOnSchema(now: Date | (() => Date)) {
  const readClock = typeof now === 'function' ? now : () => now;
  return calendarDateSchema.superRefine((value, context) => {
    if (!isValidCalendarDate(value)) return;
    const [today, tomorrow] = allowedAmlConfirmedOnDates(readClock());
    if (value !== today && value !== tomorrow) {
      context.addIssue({
        code: 'custom',
        message: `aml_confirmed_on must be today or tomorrow (Europe/Berlin): ${today} or ${tomorrow}`,
      });
    }
  });
}

/** Setting one of these requires a NACE code, or clearing industry and industry_key (B2C rule, seed). */
export const EMPLOYMENT_STATUSES_REQUIRING_NACE_CODE = ['FREELANCER', 'SELF_EMPLOYED'] as const;

export const NACE_CODE_REQUIRED_MESSAGE =
  'When employment_status is set to FREELANCER or SELF_EMPLOYED, the same request must carry nace_code or set both industry and industry_key to null';

const optionalText = () => z.string().trim().nullable().optional();

function buildPersonPatchSchema(now: Date | (() => Date)) {
  return allowListedObject(
    {
      title: titleSchema.nullable().optional(),
      salutation: salutationSchema.optional(),
      address: addressPatchSchema.optional(),
      contact_address: contactAddressPatchSchema.nullable().optional(),
      employment_status: employmentStatusSchema.nullable().optional(),
      job_title: optionalText(),
      email: z.email({ error: 'email must be a valid email address' }).nullable().optional(),
      tax_information: taxInformationPatchSchema.optional(),
      fatca_relevant: z.boolean().nullable().optional(),
      fatca_crs_confirmed_at: utcTimestampSchema.nullable().optional(),
      business_purpose: optionalText(),
      industry: optionalText(),
      industry_key: optionalText(),
      own_economic_interest_signed_at: utcTimestampSchema.nullable().optional(),
      aml_confirmed_on: createAmlConfirmedOnSchema(now).optional(),
      expected_monthly_revenue_cents: z.number().int().nonnegative().nullable().optional(),
      vat_number: optionalText(),
      website_social_media: optionalText(),
      business_trading_name: optionalText(),
      nace_code: optionalText(),
      business_address_line_1: optionalText(),
      business_address_line_2: optionalText(),
      business_postal_code: optionalText(),
      business_city: optionalText(),
      business_country: countryCodeSchema.nullable().optional(),
      annual_income_range: optionalText(),
      data_terms_signed_at: utcTimestampSchema.optional(),
      branch: optionalText(),
      birth_province: optionalText(),
      birth_post_code: optionalText(),
      socioprofessional_category: optionalText(),
      purpose_of_account_opening: optionalText(),
      main_income_source: optionalText(),
      work_country: countryCodeSchema.nullable().optional(),
      work_province: optionalText(),
      self_declared_as_pep: z.boolean().nullable().optional(),
      international_operativity_expectation: z.array(z.string()).optional(),
      registration_number: optionalText(),
    } satisfies Record<PersonUpdatableField, z.ZodType>,
    '',
    freelancerNeedsNaceCode,
  );
}

/** Seed (B2C): FREELANCER or SELF_EMPLOYED needs a nace_code, or industry and industry_key set to null, in the same request. */
function freelancerNeedsNaceCode(patch: Record<string, unknown>, context: z.core.$RefinementCtx) {
  const status = patch['employment_status'];
  if (status !== 'FREELANCER' && status !== 'SELF_EMPLOYED') return;
  const naceCode = patch['nace_code'];
  const carriesNaceCode = typeof naceCode === 'string' && naceCode.trim() !== '';
  const clearsIndustry = patch['industry'] === null && patch['industry_key'] === null;
  if (!carriesNaceCode && !clearsIndustry) {
    context.addIssue({ code: 'custom', path: ['nace_code'], message: NACE_CODE_REQUIRED_MESSAGE });
  }
}

/**
 * `PATCH /v1/persons/{id}` body, validated against `now` (or a clock). Absent fields stay as
 * they are; null clears a field. The FREELANCER / SELF_EMPLOYED rule is applied to every
 * patch: the console cannot always tell a B2C person from others, and the rule is harmless
 * for them.
 */
export function createPersonPatchSchema(now: Date | (() => Date)) {
  return buildPersonPatchSchema(now);
}

/** The same, reading the system clock at validation time. Servers should prefer their injected clock. */
export const personPatchSchema = buildPersonPatchSchema(() => new Date());
export type PersonPatch = z.infer<typeof personPatchSchema>;
export type PersonPatchInput = z.input<typeof personPatchSchema>;
