import { describe, expect, it } from 'vitest';
import {
  PERSON_CHANGE_FORM_SECTIONS,
  PERSON_READ_ONLY_FIELDS,
  personChangePathLabel,
} from './person-change-form.ts';
import { EMPLOYMENT_STATUSES, personResourceSchema } from './person.ts';
import { createPersonPatchSchema, PERSON_UPDATABLE_FIELDS } from './person-patch.ts';

const formFields = PERSON_CHANGE_FORM_SECTIONS.flatMap((section) => section.fields.map((spec) => spec.field));

describe('PERSON_CHANGE_FORM_SECTIONS', () => {
  it('offers every allow-listed field exactly once', () => {
    expect([...formFields].sort()).toEqual([...PERSON_UPDATABLE_FIELDS].sort());
    expect(new Set(formFields).size).toBe(formFields.length);
  });

  it('has no empty section and a label in words for every field', () => {
    for (const section of PERSON_CHANGE_FORM_SECTIONS) {
      expect(section.fields.length, section.title).toBeGreaterThan(0);
      for (const spec of section.fields) expect(spec.label, spec.field).not.toBe(spec.field);
    }
  });

  it('offers the known employment statuses, which the patch schema accepts', () => {
    const employment = PERSON_CHANGE_FORM_SECTIONS.flatMap((section) => section.fields).find(
      (spec) => spec.field === 'employment_status',
    );
    expect(employment?.kind).toBe('enum');
    expect(employment?.options?.map((option) => option.value)).toEqual([...EMPLOYMENT_STATUSES]);
    const schema = createPersonPatchSchema(new Date('2025-01-10T12:00:00Z'));
    expect(schema.safeParse({ employment_status: 'STUDENT' }).success).toBe(true);
  });

  it('edits the addresses and tax information as their parts', () => {
    const kinds = Object.fromEntries(PERSON_CHANGE_FORM_SECTIONS.flatMap((section) => section.fields).map((spec) => [spec.field, spec.kind]));
    expect(kinds).toMatchObject({ address: 'address', contact_address: 'address', tax_information: 'tax', email: 'email' });
  });
});

describe('PERSON_READ_ONLY_FIELDS', () => {
  const readOnly = PERSON_READ_ONLY_FIELDS.map((entry) => entry.field);

  it('lists the names, birth data, nationality and mobile number as only changeable by Solaris customer support', () => {
    expect(readOnly).toEqual(
      expect.arrayContaining(['first_name', 'last_name', 'birth_date', 'birth_city', 'birth_country', 'birth_name', 'nationality', 'mobile_number']),
    );
    const firstName = PERSON_READ_ONLY_FIELDS.find((entry) => entry.field === 'first_name');
    expect(firstName).toEqual({
      field: 'first_name',
      label: 'First name',
      message: 'first_name cannot be changed here: only Solaris customer support can change it',
    });
  });

  it('together with the form covers every field of the person but its id, with no field in both', () => {
    expect(readOnly.filter((field) => formFields.includes(field as never))).toEqual([]);
    expect([...readOnly, ...formFields].sort()).toEqual(Object.keys(personResourceSchema.shape).filter((field) => field !== 'id').sort());
  });
});

describe('personChangePathLabel', () => {
  it('names dotted change paths in words', () => {
    expect(personChangePathLabel('address.postal_code')).toBe('Residence address: Postal code');
    expect(personChangePathLabel('tax_information.marital_status')).toBe('Marital status');
    expect(personChangePathLabel('email')).toBe('Email');
  });
});
