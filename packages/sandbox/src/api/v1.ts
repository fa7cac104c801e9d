import express, { type Router } from 'express';
import multer from 'multer';
import { invalidModel, payloadTooLarge, SandboxValidationError } from '../core/errors.ts';
import type { SandboxContext } from '../context.ts';
import {
  getPersonDocument,
  getPersonDocumentFile,
  listPersonDocuments,
  uploadIdentificationDocument,
} from '../documents/service.ts';
import {
  createIdentification,
  getIdentification,
  listIdentifications,
  listIdnowAttempts,
  requestIdentification,
} from '../identifications/service.ts';
import { requireIdentification } from '../identifications/store.ts';
import { supportedDocuments } from '../identifications/supported-documents.ts';
import { createPerson, getPerson, listPersons, updatePerson } from '../persons/service.ts';
import { createSubscription, deleteSubscription, getSubscription, listSubscriptions } from '../webhooks/subscriptions.ts';
import { methodNotAllowedHandler as only, queryFlag, readPage, jsonBody, routeParam } from './http.ts';

/** The uploader's content type when it is a plain `type/subtype`, else octet-stream. */
function safeContentType(value: string): string {
  return /^[\w.+-]+\/[\w.+-]+$/.test(value) ? value.toLowerCase() : 'application/octet-stream';
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name. */
function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The Solaris REST API (`/v1/...`). Handlers parse the request and call a service; nothing else. */
export function v1Router(ctx: SandboxContext): Router {
  const router = express.Router();
  const json = jsonBody('1mb');
  const upload = multer({
    storage: multer.memoryStorage(),
    // Browsers and undici send UTF-8 file names without a charset parameter.
    defParamCharset: 'utf8',
    limits: { fileSize: ctx.config.documentMaxBytes, files: 1, fields: 10, fieldSize: 64 * 1024 },
  }).single('file');

  router
    .route('/persons')
    .post(json, async (req, res) => {
      res.status(201).json(await createPerson(ctx, req.body));
    })
    .get(async (req, res) => {
      res.json(await listPersons(ctx, readPage(req)));
    })
    .all(only(['GET', 'POST']));

  router
    .route('/persons/:personId')
    .get(async (req, res) => {
      res.json(await getPerson(ctx, routeParam(req, 'personId')));
    })
    .patch(json, async (req, res) => {
      res.json(await updatePerson(ctx, routeParam(req, 'personId'), req.body));
    })
    .all(only(['GET', 'PATCH']));

  router
    .route('/persons/:personId/identifications')
    .post(json, async (req, res) => {
      res.status(201).json(await createIdentification(ctx, routeParam(req, 'personId'), req.body));
    })
    .get(async (req, res) => {
      res.json(await listIdentifications(ctx, routeParam(req, 'personId'), readPage(req)));
    })
    .all(only(['GET', 'POST']));

  router
    .route('/persons/:personId/identifications/:identificationId')
    .get(async (req, res) => {
      res.json(
        await getIdentification(ctx, routeParam(req, 'personId'), routeParam(req, 'identificationId'), {
          includeDocuments: queryFlag(req, 'include_documents'),
        }),
      );
    })
    .all(only(['GET']));

  router
    .route('/persons/:personId/identifications/:identificationId/request')
    // The optional body (secret, device_data) is read and ignored, as a sandbox may.
    .patch(json, async (req, res) => {
      res.json(await requestIdentification(ctx, routeParam(req, 'personId'), routeParam(req, 'identificationId')));
    })
    .all(only(['PATCH']));

  router
    .route('/persons/:personId/identifications/:identificationId/supported_documents')
    .get(async (req, res) => {
      await requireIdentification(ctx.db, routeParam(req, 'personId'), routeParam(req, 'identificationId'));
      res.json(supportedDocuments());
    })
    .all(only(['GET']));

  router
    .route('/persons/:personId/identifications/:identificationId/idnow_attempts')
    .get(async (req, res) => {
      res.json(
        await listIdnowAttempts(ctx, routeParam(req, 'personId'), routeParam(req, 'identificationId'), readPage(req)),
      );
    })
    .all(only(['GET']));

  router
    .route('/persons/:personId/identifications/:identificationId/document_upload')
    .post(
      async (req, _res, next) => {
        // Unknown ids answer 404 before the upload is read.
        await requireIdentification(ctx.db, routeParam(req, 'personId'), routeParam(req, 'identificationId'));
        next();
      },
      (req, res, next) => {
        upload(req, res, (error: unknown) => {
          if (error instanceof multer.MulterError) {
            if (error.code === 'LIMIT_FILE_SIZE') {
              next(payloadTooLarge('file', `must not be larger than ${ctx.config.documentMaxBytes} bytes`));
            } else {
              next(new SandboxValidationError([invalidModel(error.field ?? 'file', error.message)]));
            }
          } else if (error) {
            next(new SandboxValidationError([invalidModel('body', 'must be multipart/form-data with document_type and file')]));
          } else {
            next();
          }
        });
      },
      async (req, res) => {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const document = await uploadIdentificationDocument(
          ctx,
          { personId: routeParam(req, 'personId'), identificationId: routeParam(req, 'identificationId') },
          {
            documentType: body['document_type'],
            file: req.file
              ? { name: req.file.originalname, contentType: safeContentType(req.file.mimetype), content: req.file.buffer }
              : null,
          },
        );
        res.status(201).json(document);
      },
    )
    .all(only(['POST']));

  router
    .route('/persons/:personId/documents')
    .get(async (req, res) => {
      res.json(await listPersonDocuments(ctx, routeParam(req, 'personId'), readPage(req)));
    })
    .all(only(['GET']));

  router
    .route('/persons/:personId/documents/:documentId')
    .get(async (req, res) => {
      res.json(await getPersonDocument(ctx, routeParam(req, 'personId'), routeParam(req, 'documentId')));
    })
    .all(only(['GET']));

  router
    .route('/persons/:personId/documents/:documentId/file')
    .get(async (req, res) => {
      const file = await getPersonDocumentFile(ctx, routeParam(req, 'personId'), routeParam(req, 'documentId'));
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Disposition', contentDisposition(file.name));
      res.setHeader('Content-Length', String(file.content.length));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.end(file.content);
    })
    .all(only(['GET']));

  router
    .route('/webhooks')
    .post(json, async (req, res) => {
      res.status(201).json(await createSubscription(ctx, req.body));
    })
    .get(async (req, res) => {
      res.json(await listSubscriptions(ctx, readPage(req)));
    })
    .all(only(['GET', 'POST']));

  router
    .route('/webhooks/:subscriptionId')
    .get(async (req, res) => {
      res.json(await getSubscription(ctx, routeParam(req, 'subscriptionId')));
    })
    .delete(async (req, res) => {
      res.json(await deleteSubscription(ctx, routeParam(req, 'subscriptionId')));
    })
    .all(only(['GET', 'DELETE']));

  return router;
}
