import type { z } from 'zod';
import type { SandboxApiError} from './errors.ts';
import { invalidModel, SandboxValidationError } from './errors.ts';

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** `"first_name must not …"` → `"must not …"`: the error's detail puts the field in front itself. */
function withoutFieldPrefix(field: string, message: string): string {
  const leaf = field.split('.').at(-1) ?? field;
  for (const prefix of [field, leaf]) {
    if (prefix && message.startsWith(`${prefix} `)) return message.slice(prefix.length + 1);
  }
  return message;
}

export interface IssueMessages {
  /** Message for a field the schema does not know (strict objects). */
  unknownField?: string;
}

/** Converts zod issues into Solaris `invalid_model` errors, one per field, naming the field. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

export function issuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  messages: IssueMessages = {},
): SandboxApiError[] {
  const errors: SandboxApiError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push(invalidModel(fieldOf([...issue.path, key]), messages.unknownField ?? 'is not a known field'));
      }
      continue;
    }
    const field = fieldOf(issue.path) || 'body';
    const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
    errors.push(invalidModel(field, missing ? 'is required' : withoutFieldPrefix(field, issue.message)));
  }
  return errors;
}

export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  messages?: IssueMessages,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new SandboxValidationError(issuesToErrors(result.error.issues, value, messages));
}

/** A JSON object body, or a 400 naming `body`. */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SandboxValidationError([invalidModel('body', 'must be a JSON object')]);
  }
  return body as Record<string, unknown>;
}
