import { createPersonInputSchema, createPersonPatchSchema, type CreatePersonInput, type PersonPatch } from '@identdesk/domain';
import { invalidModel, SandboxValidationError } from '../core/errors.ts';
import { parseOrThrow, requireObjectBody } from '../core/validation.ts';
import type { BranchResidency } from '../context.ts';

/**
 * The seed's mandatory data points are not required by the sandbox: its own test tutorial
 * creates a person from first_name and last_name alone. Every field that is given is still held
 * to the domain's rules (names, ISO countries, E.164, UTC timestamps, ...).
 */
const sandboxCreatePersonSchema = createPersonInputSchema.partial({
  salutation: true,
  address: true,
  mobile_number: true,
  birth_date: true,
  nationality: true,
  terms_conditions_signed_at: true,
  data_terms_signed_at: true,
});

export type SandboxCreatePersonInput = Partial<CreatePersonInput> & Pick<CreatePersonInput, 'first_name' | 'last_name'>;

/** Does the body carry every mandatory data point of the seed (a complete retail customer)? */
export function hasMandatoryDataPoints(input: SandboxCreatePersonInput): boolean {
  return (
    input.salutation != null &&
    input.address != null &&
    input.mobile_number != null &&
    input.birth_date != null &&
    input.nationality != null &&
    input.terms_conditions_signed_at != null &&
    input.data_terms_signed_at != null
  );
}

export function parseCreatePerson(body: unknown): SandboxCreatePersonInput {
  return parseOrThrow(sandboxCreatePersonSchema, requireObjectBody(body));
}

export function parsePersonPatch(body: unknown, now: Date): PersonPatch {
  return parseOrThrow(createPersonPatchSchema(now), requireObjectBody(body));
}

/** The residency countries allowed for a branch (`null`: no branch); unlisted branches use the `null` list. */
export function allowedResidencyCountries(residency: BranchResidency, branch: string | null): readonly string[] | null {
  return residency[branch ?? 'null'] ?? residency['null'] ?? null;
}

/** The seed's branch residency error, word for word (its example: branch "null", ["DE", "FR"]). */
export function checkResidency(residency: BranchResidency, branch: string | null, country: string | null): void {
  if (country === null) return;
  const allowed = allowedResidencyCountries(residency, branch);
  if (allowed === null || allowed.includes(country)) return;
  const list = `[${allowed.map((code) => `"${code}"`).join(', ')}]`;
  throw new SandboxValidationError([
    invalidModel(
      'country',
      `Residency Country is not allowed for this branch,allowed residency country values for branch "${branch ?? 'null'}" are ${list}`,
    ),
  ]);
}
