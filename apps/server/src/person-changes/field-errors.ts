import { TRPCError } from '@trpc/server';
import { ZodRealError } from 'zod';

export interface FieldError {
  /** A dotted path of the input: `patch.address.postal_code`. */
  field: string;
  message: string;
}

/**
 * BAD_REQUEST with `error.data.fieldErrors`, for rules checked inside a procedure (against the
 * stored data or Identdesk's clock) rather than by its input schema. The error formatter reads
 * the fields from a ZodError cause, so forms handle both the same way. ZodRealError is the ZodError
 * that is also an Error, which tRPC keeps as the cause (a plain ZodError it would wrap).
 */
export function fieldErrorsError(fieldErrors: readonly FieldError[]): TRPCError {
  const first = fieldErrors[0];
  return new TRPCError({
    code: 'BAD_REQUEST',
    message: first ? `${first.field}: ${first.message}` : 'The input is invalid',
    cause: new ZodRealError(
      fieldErrors.map((error) => ({ code: 'custom' as const, path: error.field.split('.'), message: error.message, input: undefined })),
    ),
  });
}
