import {
  findIdentificationForProofOfAddress,
  getProofOfAddressSubmission,
  insertProofOfAddressSubmission,
  insertStoredFile,
  personExists,
  refreshProofOfAddressState,
  type Database,
} from '@identdesk/db';
import {
  berlinCalendarDate,
  isProofOfAddressContentType,
  PERSON_ID_PATTERN,
  PROOF_OF_ADDRESS_FILE_TYPES,
  PROOF_OF_ADDRESS_MAX_FILE_BYTES,
  proofOfAddressSubmissionFieldsSchema,
  type ProofOfAddressContentType,
} from '@identdesk/domain';
import type { Request, Response } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import { access, route, type HttpRoute } from '../access/http-routes.ts';
import { audit } from '../audit/audit.ts';
import { CSRF_HEADER } from '../auth/csrf.ts';
import type { Logger } from '../logger.ts';
import { parseMultipart, type ReceivedFile } from './multipart.ts';

export const PROOF_OF_ADDRESS_UPLOAD_PATH = '/api/persons/:personId/proof-of-address';
const UPLOAD_PATH_PATTERN = /^\/api\/persons\/[^/]+\/proof-of-address\/?$/;

/** The form's fields besides the file; the file is `file`. */
const FIELDS = ['type', 'issuedOn', 'note', 'identificationId'] as const;
// A 2000-character note is at most 8000 bytes of UTF-8.
const FIELD_MAX_BYTES = 16 * 1024;
// Multipart boundaries and part headers around a file of the largest size.
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const MAX_FILE_NAME_LENGTH = 200;
const MEGABYTES = PROOF_OF_ADDRESS_MAX_FILE_BYTES / (1024 * 1024);

export interface UploadRouteDeps {
  db: Database;
  logger: Logger;
  /** The outbox's clock (the sandbox clock in sandbox mode): when the proof is due for upload. */
  now: () => Date;
  /** The wall clock: when the agent recorded it, "today" for the issue date, the audit event. */
  clock: () => Date;
  /** Wakes the upload outbox, so the proof goes to Solaris at once rather than at the next poll. */
  outbox?: { kick(): void };
}

interface FieldError {
  field: string;
  message: string;
}

/** Is this the upload route? Its body is multipart, so the JSON-only CSRF guard leaves it to the route. */
export function isProofOfAddressUpload(req: Request): boolean {
  return req.method === 'POST' && UPLOAD_PATH_PATTERN.test(req.originalUrl.split('?')[0] ?? '');
}

/**
 * The app's CSRF rule for a multipart body: the custom header (a page on another site cannot set
 * it without a preflight Identdesk never grants) and no cross-site marking. An HTML form can send
 * multipart, so the header is what keeps this route safe; null when the request passes.
 */
function csrfProblem(req: Request): string | null {
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return 'Requests from other sites are refused.';
  if (req.get(CSRF_HEADER) !== '1') return `Add the header "${CSRF_HEADER}: 1" to requests that change something (the web app does).`;
  return null;
}

/** Answers without reading the body; the connection closes so the unread rest cannot confuse the next request. */
function refuseEarly(req: Request, res: Response, status: number, body: unknown) {
  res.setHeader('Connection', 'close');
  res.status(status).json(body);
  req.resume();
}

function invalid(res: Response, status: 400 | 413, fieldErrors: FieldError[]) {
  const first = fieldErrors[0];
  res.status(status).json({
    error: {
      code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
      message: first ? `The proof of address was not recorded: ${first.field}: ${first.message}` : 'The proof of address was not recorded.',
      fieldErrors,
    },
  });
}

/** The client's file name without any path, control characters or a misleading extension. */
export function storedFileName(clientName: string, contentType: ProofOfAddressContentType): string {
  const extension = PROOF_OF_ADDRESS_FILE_TYPES[contentType];
  const base = (clientName.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .replace(/\.(pdf|jpe?g|png|html?|svg|zip|exe|txt)$/i, '')
    .slice(0, MAX_FILE_NAME_LENGTH);
  return `${base || 'proof-of-address'}.${extension}`;
}

async function checkFile(file: ReceivedFile | undefined): Promise<{ error: FieldError } | { contentType: ProofOfAddressContentType }> {
  if (!file || (file.bytes.length === 0 && file.fileName === '')) {
    return { error: { field: 'file', message: 'Attach the proof of address as a PDF, JPEG or PNG file' } };
  }
  if (file.bytes.length === 0) return { error: { field: 'file', message: 'The file is empty' } };
  const detected = await fileTypeFromBuffer(file.bytes);
  if (!detected || !isProofOfAddressContentType(detected.mime)) {
    const what = detected ? `a ${detected.ext.toUpperCase()} file` : 'not a PDF, JPEG or PNG (for example HTML, SVG or text)';
    return { error: { field: 'file', message: `The file must be a PDF, JPEG or PNG; its content is ${what}, whatever its name says` } };
  }
  return { contentType: detected.mime };
}

/**
 * POST /api/persons/:personId/proof-of-address (multipart: type, issuedOn, note, identificationId,
 * file). The file is checked by its bytes (PDF, JPEG or PNG, at most 10 MB), the fields by the
 * domain's rules; then, in one transaction, the bytes, the submission (waiting for review, due
 * for upload), the person's proof-of-address state and the audit event are stored. The upload
 * to Solaris happens afterwards in the outbox, which survives a restart.
 */
export function proofOfAddressUploadRoute(deps: UploadRouteDeps): HttpRoute {
  return route(
    { method: 'post', path: PROOF_OF_ADDRESS_UPLOAD_PATH, access: access.roles('agent'), summary: 'Record a proof of address' },
    async ({ req, res, user }) => {
      if (!req.is('multipart/form-data')) {
        return refuseEarly(req, res, 415, {
          error: {
            code: 'UNSUPPORTED_MEDIA_TYPE',
            message: 'Send the proof as multipart/form-data with the fields type, issuedOn, note, identificationId and file.',
          },
        });
      }
      const csrf = csrfProblem(req);
      if (csrf) return refuseEarly(req, res, 403, { error: { code: 'FORBIDDEN', message: csrf } });
      const personId = String(req.params.personId);
      if (!PERSON_ID_PATTERN.test(personId) || !(await personExists(deps.db, personId))) {
        return refuseEarly(req, res, 404, { error: { code: 'NOT_FOUND', message: 'No customer has this id. Search for them again.' } });
      }
      const declaredLength = Number(req.get('content-length'));
      if (Number.isFinite(declaredLength) && declaredLength > PROOF_OF_ADDRESS_MAX_FILE_BYTES + MULTIPART_OVERHEAD_BYTES) {
        res.setHeader('Connection', 'close');
        invalid(res, 413, [{ field: 'file', message: `The file is larger than ${MEGABYTES} MB` }]);
        req.resume();
        return;
      }

      let parsed;
      try {
        parsed = await parseMultipart(req, { fileBytes: PROOF_OF_ADDRESS_MAX_FILE_BYTES, fields: FIELDS.length + 2, fieldBytes: FIELD_MAX_BYTES });
      } catch {
        return invalid(res, 400, [{ field: 'form', message: 'The form could not be read: send it as multipart/form-data' }]);
      }
      const file = parsed.files.find((candidate) => candidate.field === 'file');
      if (file?.truncated) return invalid(res, 413, [{ field: 'file', message: `The file is larger than ${MEGABYTES} MB` }]);

      const fieldErrors: FieldError[] = [...parsed.problems];
      // PostgreSQL text cannot hold NUL, and no note or date anyone types contains one.
      for (const [name, value] of Object.entries(parsed.fields)) {
        if (value.includes('\u0000')) fieldErrors.push({ field: name, message: 'Must not contain the NUL character (U+0000)' });
      }
      for (const other of parsed.files.filter((candidate) => candidate.field !== 'file')) {
        fieldErrors.push({ field: other.field, message: 'Only the field file may carry a file' });
      }
      const recordedAt = deps.clock();
      const fields = proofOfAddressSubmissionFieldsSchema(berlinCalendarDate(recordedAt)).safeParse(parsed.fields);
      if (!fields.success) {
        for (const issue of fields.error.issues) fieldErrors.push({ field: issue.path.join('.') || 'form', message: issue.message });
      }
      const checked = await checkFile(file);
      if ('error' in checked) fieldErrors.push(checked.error);
      if (!fields.success || 'error' in checked || !file || fieldErrors.length > 0) return invalid(res, 400, fieldErrors);

      const identification = await findIdentificationForProofOfAddress(deps.db, {
        personId,
        identificationId: fields.data.identificationId,
      });
      if (!identification) {
        return invalid(res, 400, [
          {
            field: 'identificationId',
            message: fields.data.identificationId
              ? 'This customer has no identification with this id'
              : 'This customer has no identification yet, so Solaris has nothing to attach the proof to. Start an identification first, then record the proof.',
          },
        ]);
      }

      const submissionId = await deps.db.transaction(async (tx) => {
        const stored = await insertStoredFile(tx, { bytes: file.bytes, contentType: checked.contentType, createdAt: recordedAt });
        const { id } = await insertProofOfAddressSubmission(tx, {
          personId,
          identificationId: identification.id,
          type: fields.data.type,
          issuedOn: fields.data.issuedOn,
          note: fields.data.note,
          recordedBy: user.id,
          recordedAt,
          uploadDueAt: deps.now(),
          file: {
            id: stored.id,
            name: storedFileName(file.fileName, checked.contentType),
            contentType: checked.contentType,
            size: stored.size,
            sha256: stored.sha256,
          },
        });
        await refreshProofOfAddressState(tx, personId);
        await audit(
          { db: tx, user, origin: { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null }, auth: { clock: deps.clock } },
          {
            action: 'proof_of_address.recorded',
            personId,
            subject: { type: 'proof_of_address', id },
            details: { identificationId: identification.id, type: fields.data.type, contentType: checked.contentType, size: stored.size },
          },
        );
        return id;
      });
      deps.outbox?.kick();
      deps.logger.info({ submissionId, contentType: checked.contentType, size: file.bytes.length }, 'proof of address recorded');

      const submission = await getProofOfAddressSubmission(deps.db, submissionId);
      if (!submission) throw new Error(`proof-of-address submission ${submissionId} vanished after it was recorded`);
      const { personId: _personId, ...shown } = submission;
      res.status(201).json({ submission: shown });
    },
  );
}
