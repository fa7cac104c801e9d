import { NACE_CODE_REQUIRED_MESSAGE } from '@identdesk/domain';
import { describe, expect, test } from 'vitest';
import { buildPatch, draftChanges, draftFromCurrent, formErrorKey, noteProblem, type AddressDraft } from './person-change-draft.ts';

const NOW = new Date('2026-11-26T10:00:00Z');
const current = {
  salutation: 'MS',
  email: 'jana@example.com',
  employment_status: 'EMPLOYED',
  industry: 'OTHER_SERVICES',
  industry_key: 'OTHER',
  nace_code: null,
  expected_monthly_revenue_cents: 250050,
  address: { line_1: 'Amrumer Straße', line_2: '14', postal_code: '13353', city: 'Berlin', state: null, country: 'DE' },
  contact_address: { line_1: null, line_2: null, postal_code: null, city: null, state: null, country: null },
  tax_information: { tax_assessment: null, marital_status: 'SINGLE' },
  international_operativity_expectation: [],
};

describe('the change form draft', () => {
  const initial = draftFromCurrent(current);

  test('sends nothing when nothing changed', () => {
    expect(buildPatch(initial, initial, NOW)).toEqual({ patch: {}, errors: {} });
  });

  test('sends only the changed fields, the residence address whole', () => {
    const address = { ...(initial.address as AddressDraft), postal_code: '10115' };
    const { patch, errors } = buildPatch(initial, { ...initial, email: 'jana.neu@example.com', address }, NOW);
    expect(errors).toEqual({});
    expect(patch).toEqual({
      email: 'jana.neu@example.com',
      address: { line_1: 'Amrumer Straße', line_2: '14', postal_code: '10115', city: 'Berlin', state: null, country: 'DE' },
    });
    expect(draftChanges(initial, { ...initial, address })).toEqual([
      { field: 'address.postal_code', label: 'Residence address: Postal code', from: '13353', to: '10115' },
    ]);
  });

  test('refuses FREELANCER without a NACE code with the domain rule, and accepts it with one', () => {
    const freelancer = { ...initial, employment_status: 'FREELANCER' };
    expect(buildPatch(initial, freelancer, NOW).errors).toEqual({ nace_code: NACE_CODE_REQUIRED_MESSAGE });
    expect(buildPatch(initial, { ...freelancer, nace_code: '62.01' }, NOW).errors).toEqual({});
    // Also when another field is refused at the same time: every problem shows at once.
    expect(Object.keys(buildPatch(initial, { ...freelancer, aml_confirmed_on: '2020-01-01' }, NOW).errors).sort()).toEqual([
      'aml_confirmed_on',
      'nace_code',
    ]);
  });

  test('accepts aml_confirmed_on only today or tomorrow in Berlin', () => {
    expect(buildPatch(initial, { ...initial, aml_confirmed_on: '2026-11-27' }, NOW).errors).toEqual({});
    expect(buildPatch(initial, { ...initial, aml_confirmed_on: '2026-11-20' }, NOW).errors.aml_confirmed_on).toMatch(
      /today or tomorrow .*2026-11-26 or 2026-11-27/,
    );
  });

  test('reads euros and clears an emptied contact address', () => {
    expect(initial.expected_monthly_revenue_cents).toBe('2500.50');
    const { patch } = buildPatch(initial, { ...initial, expected_monthly_revenue_cents: '3000,5' }, NOW);
    expect(patch).toEqual({ expected_monthly_revenue_cents: 300050 });
    expect(buildPatch(initial, { ...initial, expected_monthly_revenue_cents: 'lots' }, NOW).errors).toEqual({
      expected_monthly_revenue_cents: 'Expected monthly revenue (€): give an amount in euros, e.g. 2500 or 2500.50',
    });
  });

  test('names an emptied required address part and a note that is too short', () => {
    const address = { ...(initial.address as AddressDraft), city: ' ' };
    expect(buildPatch(initial, { ...initial, address }, NOW).errors).toEqual({ 'address.city': 'address.city must not be empty' });
    expect(noteProblem(' a ')).toMatch(/at least 3 characters/);
    expect(noteProblem('Customer moved')).toBeNull();
    expect(formErrorKey('patch.address.postal_code')).toBe('address.postal_code');
  });
});
