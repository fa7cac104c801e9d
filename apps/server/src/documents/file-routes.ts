import { getDocumentForDownload, getProofOfAddressFile, type Database } from '@identdesk/db';
import { DOCUMENT_ID_PATTERN } from '@identdesk/domain';
import { SolarisApiError, type SolarisClient } from '@identdesk/solaris';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { access, route, type HttpRoute } from '../access/http-routes.ts';
import { audit } from '../audit/audit.ts';
import type { Logger } from '../logger.ts';
import type { SignedInUser } from '../trpc/init.ts';
import { parseDisposition, sendCustomerFile, type Disposition } from './file-response.ts';

export const DOCUMENT_FILE_PATH = '/api/documents/:documentId/file';
export const PROOF_OF_ADDRESS_FILE_PATH = '/api/proof-of-address/:submissionId/file';

/** Who opens customers' files: the roles that see their personal data. */
export const FILE_READERS = ['agent', 'compliance'] as const;

export interface FileRouteDeps {
  db: Database;
  /** Null until the server has its Solaris client (it needs the port): then documents answer 503. */
  solaris: () => SolarisClient | null;
  logger: Logger;
  /** The audit trail's wall clock. */
  clock: () => Date;
}

function refuse(res: Response, status: number, code: string, message: string) {
  res.status(status).json({ error: { code, message } });
}

function auditView(
  deps: FileRouteDeps,
  req: Request,
  user: SignedInUser,
  entry: { personId: string; subject: { type: string; id: string }; disposition: Disposition },
) {
  return audit(
    { db: deps.db, user, origin: { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null }, auth: { clock: deps.clock } },
    {
      action: entry.disposition === 'inline' ? 'document.opened' : 'document.downloaded',
      personId: entry.personId,
      subject: entry.subject,
      details: { disposition: entry.disposition },
    },
  );
}

const submissionIdSchema = z.uuid();

/**
 * GET /api/documents/:documentId/file — a KYC document's bytes, fetched from Solaris each time
 * (Identdesk keeps only the metadata), and GET /api/proof-of-address/:submissionId/file — a
 * recorded proof's bytes from Identdesk's own store. `?disposition=inline` opens, the default
 * downloads; either is an audit event, written before the bytes leave.
 */
export function fileRoutes(deps: FileRouteDeps): HttpRoute[] {
  return [
    route(
      { method: 'get', path: DOCUMENT_FILE_PATH, access: access.roles(...FILE_READERS), summary: 'A KYC document from Solaris' },
      async ({ req, res, user }) => {
        const disposition = parseDisposition(req.query.disposition);
        if (!disposition) return refuse(res, 400, 'BAD_REQUEST', 'disposition must be inline or attachment');
        const documentId = String(req.params.documentId);
        // Only a Solaris document id can name a document; anything else never reaches the database.
        const document = DOCUMENT_ID_PATTERN.test(documentId) ? await getDocumentForDownload(deps.db, documentId) : null;
        if (!document) return refuse(res, 404, 'NOT_FOUND', 'No document has this id.');
        const solaris = deps.solaris();
        if (!solaris) return refuse(res, 503, 'UNAVAILABLE', 'Identdesk is still starting. Open the document again in a moment.');

        let file;
        try {
          file = await solaris.downloadDocumentFile(document.personId, document.id);
        } catch (error) {
          if (error instanceof SolarisApiError && error.status === 404) {
            return refuse(res, 404, 'NOT_FOUND', 'Solaris no longer has this document.');
          }
          deps.logger.warn(
            { documentId: document.id, status: error instanceof SolarisApiError ? error.status : null },
            'Solaris did not deliver a document',
          );
          return refuse(res, 502, 'SOLARIS_UNAVAILABLE', 'Solaris did not deliver the document. Try again in a moment.');
        }
        await auditView(deps, req, user, {
          personId: document.personId,
          subject: { type: 'document', id: document.id },
          disposition,
        });
        await sendCustomerFile(res, {
          bytes: file.bytes,
          fileName: document.name ?? file.fileName ?? `${document.id}`,
          disposition,
        });
      },
    ),
    route(
      {
        method: 'get',
        path: PROOF_OF_ADDRESS_FILE_PATH,
        access: access.roles(...FILE_READERS),
        summary: 'A recorded proof of address',
      },
      async ({ req, res, user }) => {
        const disposition = parseDisposition(req.query.disposition);
        if (!disposition) return refuse(res, 400, 'BAD_REQUEST', 'disposition must be inline or attachment');
        const submissionId = submissionIdSchema.safeParse(req.params.submissionId);
        const file = submissionId.success ? await getProofOfAddressFile(deps.db, submissionId.data) : undefined;
        if (!file) return refuse(res, 404, 'NOT_FOUND', 'No recorded proof of address has this id.');
        await auditView(deps, req, user, {
          personId: file.personId,
          subject: { type: 'proof_of_address', id: file.submissionId },
          disposition,
        });
        await sendCustomerFile(res, { bytes: file.bytes, fileName: file.fileName ?? 'proof-of-address', disposition });
      },
    ),
  ];
}
