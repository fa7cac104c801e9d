import { TRPCClientError } from '@trpc/client';

export interface MutationProblem {
  /** The server's refusal in its own words (it names the rule), or what went wrong on the way. */
  message: string;
  /** Messages per input field, from the server's fieldErrors (`reason`, `note`). */
  fieldErrors: Record<string, string>;
  /** The tRPC code: FORBIDDEN (own submission), CONFLICT (someone was faster), … */
  code: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** What a refused decision or acknowledgement says, ready for the dialog that sent it. */
export function mutationProblem(error: unknown): MutationProblem {
  if (!(error instanceof TRPCClientError)) {
    return { message: error instanceof Error ? error.message : String(error), fieldErrors: {}, code: null };
  }
  const data: unknown = error.data;
  const code = isRecord(data) && typeof data.code === 'string' ? data.code : null;
  const fieldErrors: Record<string, string> = {};
  if (isRecord(data) && Array.isArray(data.fieldErrors)) {
    for (const entry of data.fieldErrors as unknown[]) {
      if (isRecord(entry) && typeof entry.field === 'string' && typeof entry.message === 'string') {
        fieldErrors[entry.field] ??= entry.message;
      }
    }
  }
  if (!isRecord(data)) {
    return {
      message: 'The server could not be reached. Check your connection and try again; nothing was saved.',
      fieldErrors,
      code: null,
    };
  }
  // A validation error's message is zod's JSON; the field messages say it better.
  const message = Object.keys(fieldErrors).length > 0 ? Object.values(fieldErrors).join(' ') : error.message;
  return { message, fieldErrors, code };
}
