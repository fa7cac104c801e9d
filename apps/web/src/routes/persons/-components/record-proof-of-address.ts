import {
  berlinCalendarDate,
  checkProofOfAddressAge,
  isProofOfAddressContentType,
  PROOF_OF_ADDRESS_MAX_FILE_BYTES,
  PROOF_OF_ADDRESS_NOTE_MAX_LENGTH,
  proofOfAddressSubmissionFieldsSchema,
  type CalendarDate,
} from '@identdesk/domain';

/** The form's fields, named as the upload route names them (docs/handoff/agent-workspace-api.md). */
export const PROOF_OF_ADDRESS_FIELDS = ['type', 'issuedOn', 'identificationId', 'file', 'note'] as const;
export type ProofOfAddressField = (typeof PROOF_OF_ADDRESS_FIELDS)[number];
export type ProofOfAddressFieldErrors = Partial<Record<ProofOfAddressField, string>>;

export interface ProofOfAddressDraft {
  type: string;
  issuedOn: string;
  identificationId: string;
  note: string;
  file: File | null;
}

/** Today in Berlin: the day Solaris (and the server's check) counts the six months from. */
export function solarisToday(now: Date = new Date()): CalendarDate {
  return berlinCalendarDate(now);
}

function isField(value: string): value is ProofOfAddressField {
  return (PROOF_OF_ADDRESS_FIELDS as readonly string[]).includes(value);
}

/** What the file picker accepts; the server checks the bytes again (a renamed file is refused there). */
export const PROOF_OF_ADDRESS_ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';
/** The limit in the binary megabytes the domain counts in: "10 MB". */
const MAX_FILE_SIZE_TEXT = `${PROOF_OF_ADDRESS_MAX_FILE_BYTES / (1024 * 1024)} MB`;
export const PROOF_OF_ADDRESS_FILE_HINT = `PDF, JPEG or PNG, up to ${MAX_FILE_SIZE_TEXT}.`;

const EXTENSION_TYPES: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

/** The browser's own check of the chosen file: type by what the system says (or the extension) and size. */
export function fileProblem(file: File | null): string | null {
  if (!file) return 'Choose the scan or photo of the proof of address';
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  const type = file.type || EXTENSION_TYPES[extension] || '';
  if (!isProofOfAddressContentType(type)) {
    return `Choose a PDF, JPEG or PNG file: “${file.name}” is ${type ? `of type ${type}` : 'of an unknown type'}`;
  }
  if (file.size === 0) return `“${file.name}” is empty: choose the scan or photo again`;
  if (file.size > PROOF_OF_ADDRESS_MAX_FILE_BYTES) {
    return `“${file.name}” is larger than ${MAX_FILE_SIZE_TEXT}: choose a smaller scan or photo`;
  }
  return null;
}

/**
 * The issue date as the agent types it: the domain's six-month rule (the same the server
 * applies), and the last day the document still counts when it is fine.
 */
export function issuedOnCheck(issuedOn: string, today: CalendarDate): { error: string | null; validUntil: CalendarDate | null } {
  if (issuedOn === '') return { error: null, validUntil: null };
  const parsed = proofOfAddressSubmissionFieldsSchema(today).shape.issuedOn.safeParse(issuedOn);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Not a valid issue date', validUntil: null };
  const check = checkProofOfAddressAge(parsed.data, today);
  return { error: null, validUntil: check.ok ? check.validUntil : null };
}

/** Every field checked as the server will check it; empty when the form may be sent. */
export function draftProblems(draft: ProofOfAddressDraft, today: CalendarDate): ProofOfAddressFieldErrors {
  const problems: ProofOfAddressFieldErrors = {};
  const parsed = proofOfAddressSubmissionFieldsSchema(today).safeParse({
    type: draft.type,
    issuedOn: draft.issuedOn,
    note: draft.note,
    identificationId: draft.identificationId,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (isField(field) && !problems[field]) problems[field] = issue.message;
    }
  }
  if (draft.issuedOn.trim() === '') problems.issuedOn = 'Give the date the proof of address was issued';
  const file = fileProblem(draft.file);
  if (file) problems.file = file;
  return problems;
}

export const NOTE_MAX_LENGTH = PROOF_OF_ADDRESS_NOTE_MAX_LENGTH;

export type RecordOutcome =
  | { ok: true; submission: unknown }
  | { ok: false; fieldErrors: ProofOfAddressFieldErrors; message: string };

function readFieldErrors(body: unknown): { message: string | null; fieldErrors: ProofOfAddressFieldErrors; other: string[] } {
  const fieldErrors: ProofOfAddressFieldErrors = {};
  const other: string[] = [];
  if (typeof body !== 'object' || body === null || !('error' in body)) return { message: null, fieldErrors, other };
  const error = body.error;
  if (typeof error !== 'object' || error === null) return { message: null, fieldErrors, other };
  const message = 'message' in error && typeof error.message === 'string' ? error.message : null;
  const list = 'fieldErrors' in error && Array.isArray(error.fieldErrors) ? (error.fieldErrors as unknown[]) : [];
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null) continue;
    const field = 'field' in entry && typeof entry.field === 'string' ? entry.field : '';
    const text = 'message' in entry && typeof entry.message === 'string' ? entry.message : '';
    if (!text) continue;
    if (isField(field)) fieldErrors[field] ??= text;
    else other.push(field ? `${field}: ${text}` : text);
  }
  return { message, fieldErrors, other };
}

/**
 * `POST /api/persons/:personId/proof-of-address` (multipart). The server's refusals come back
 * per field, to be shown on the fields; anything else becomes one message that says what to do.
 */
export async function recordProofOfAddress(personId: string, draft: ProofOfAddressDraft): Promise<RecordOutcome> {
  const form = new FormData();
  form.set('type', draft.type);
  form.set('issuedOn', draft.issuedOn);
  if (draft.identificationId) form.set('identificationId', draft.identificationId);
  if (draft.note.trim()) form.set('note', draft.note.trim());
  if (draft.file) form.set('file', draft.file, draft.file.name);

  let response: Response;
  try {
    response = await fetch(`/api/persons/${encodeURIComponent(personId)}/proof-of-address`, {
      method: 'POST',
      body: form,
      credentials: 'include',
      // The server refuses changes without it (CSRF, decision 0003).
      headers: { 'x-identdesk-csrf': '1' },
    });
  } catch {
    return {
      ok: false,
      fieldErrors: {},
      message: 'The server could not be reached. Check your connection and record the proof again: nothing was saved.',
    };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    return { ok: true, submission: typeof body === 'object' && body !== null && 'submission' in body ? body.submission : null };
  }
  const { message, fieldErrors, other } = readFieldErrors(body);
  if (response.status === 413 && !fieldErrors.file) {
    fieldErrors.file = `The file is larger than ${MAX_FILE_SIZE_TEXT}: choose a smaller scan or photo`;
  }
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;
  const byStatus: Record<number, string> = {
    401: 'Your session has ended. Sign in again, then record the proof: nothing was saved.',
    403: 'Your role cannot record proofs of address: agents record them, compliance decides on them.',
    404: 'This customer is not known to Identdesk any more. Search for them again.',
  };
  const explanation =
    byStatus[response.status] ??
    (hasFieldErrors || other.length > 0
      ? 'The proof was not recorded. Correct the marked fields and send it again.'
      : `The server could not record the proof (HTTP ${response.status}${message ? `: ${message}` : ''}). Try again; nothing was saved.`);
  return { ok: false, fieldErrors, message: [explanation, ...other].join(' ') };
}
