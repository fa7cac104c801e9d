import type { TestSandbox } from './harness.ts';

// The seed's POST /v1/persons request and its response, field for field.
export { SEED_CREATE_PERSON_REQUEST as SEED_PERSON_REQUEST, SEED_PERSON_RESPONSE } from '@identdesk/domain/testing';

let uniqueCounter = 0;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A letters-only unique suffix (names may not hold digits). */
export function uniqueName(base: string): string {
  uniqueCounter += 1;
  let n = uniqueCounter + Math.floor(Math.random() * 1e6);
  let suffix = '';
  while (n > 0) {
    suffix += LETTERS[n % 26] ?? 'a';
    n = Math.floor(n / 26);
  }
  return `${base} ${suffix}`;
}

export async function postJson(t: TestSandbox, path: string, body: unknown, method = 'POST') {
  const response = await t.api(path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, headers: response.headers };
}

export interface ErrorEntry {
  id: string;
  status: number;
  code: string;
  title: string;
  detail: string;
  source: { field: string; message: string };
}

export function errorsOf(body: unknown): ErrorEntry[] {
  return (body as { errors: ErrorEntry[] }).errors;
}

export function fieldsOf(body: unknown): string[] {
  return errorsOf(body).map((error) => error.source.field);
}
