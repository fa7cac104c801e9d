import type { PersonRow } from '@identdesk/db';
import { createPersonPatchSchema } from '@identdesk/domain';
import { validateAddress, type AddressFinding, type AddressInput } from '../address/validate-address.ts';
import type { FieldError } from './field-errors.ts';
import { changedPatch, currentPatchValues, fieldsCarryingMask } from './fields.ts';


export type CheckedProposal =
  | { ok: true; patch: Record<string, unknown>; previous: Record<string, unknown>; addressFindings: AddressFinding[] | null }
  | { ok: false; fieldErrors: FieldError[] };

/**
 * A proposed patch checked before anything is stored: the seed's allow-list and rules (the
 * domain's schema, on Identdesk's clock), masked values sent back, unchanged fields dropped, and
 * the address validation. An address with an error finding is refused field by field unless the
 * agent saves it as the customer's nearby address.
 */
export function checkProposal(params: {
  person: PersonRow;
  patch: unknown;
  nearbyAddress: boolean;
  now: Date;
}): CheckedProposal {
  const parsed = createPersonPatchSchema(params.now).safeParse(params.patch);
  if (!parsed.success) {
    return {
      ok: false,
      fieldErrors: parsed.error.issues.map((issue) => ({ field: ['patch', ...issue.path].join('.'), message: issue.message })),
    };
  }
  const validated = parsed.data as Record<string, unknown>;
  const masked = fieldsCarryingMask(validated);
  if (masked.length > 0) {
    return {
      ok: false,
      fieldErrors: masked.map((field) => ({
        field: `patch.${field}`,
        message: `${field} is shown masked: type the complete new value to change it, or leave it out`,
      })),
    };
  }
  const { patch, previous } = changedPatch(validated, currentPatchValues(params.person, false));
  if (Object.keys(patch).length === 0) {
    return { ok: false, fieldErrors: [{ field: 'patch', message: 'Change at least one field: every value given equals the customer’s present data' }] };
  }
  if (params.nearbyAddress && patch.address === undefined) {
    return {
      ok: false,
      fieldErrors: [{ field: 'nearbyAddress', message: 'A nearby address needs a changed address (patch.address) to save' }],
    };
  }

  // The address as it will stand after the change: the changed parts over the present ones.
  let addressFindings: AddressFinding[] | null = null;
  const errors: FieldError[] = [];
  const current = currentPatchValues(params.person, false);
  for (const field of ['address', 'contact_address'] as const) {
    const changed = patch[field];
    if (changed === undefined || changed === null) continue;
    const merged = { ...current[field], ...(changed as AddressInput) };
    const validation = validateAddress(merged);
    if (field === 'address') addressFindings = validation.findings;
    const nearby = field === 'address' && params.nearbyAddress;
    if (!nearby) {
      for (const finding of validation.findings) {
        if (finding.severity === 'error') errors.push({ field: `patch.${field}.${finding.field}`, message: finding.message });
      }
    }
  }
  if (errors.length > 0) return { ok: false, fieldErrors: errors };
  return { ok: true, patch, previous, addressFindings };
}
