import { z } from 'zod';
import { validateAddress } from '../../address/validate-address.ts';
import { roleProcedure, router } from '../init.ts';

const MAX_PART_LENGTH = 200;
const part = (name: string) =>
  z
    .string({ error: `${name} must be text` })
    .max(MAX_PART_LENGTH, { error: `${name} must be at most ${MAX_PART_LENGTH} characters` })
    .nullish();

export const addressRouter = router({
  /**
   * Checks an address while the agent types: required parts, the ISO 3166-1 country, the
   * postcode's format for the country, and in Germany postcode and city against each other
   * with suggestions. Names no customer, so it is not audited.
   */
  validate: roleProcedure('agent', 'compliance')
    .input(
      z.strictObject({
        address: z.strictObject({
          line_1: part('line_1'),
          line_2: part('line_2'),
          postal_code: part('postal_code'),
          city: part('city'),
          state: part('state'),
          country: part('country'),
        }),
      }),
    )
    .query(({ input }) => validateAddress(input.address)),
});
