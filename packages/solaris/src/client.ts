import type { CreateIdentificationInput, CreatePersonInput, DocumentType, PersonPatch } from '@identdesk/domain';
import { z } from 'zod';
import {
  solarisCreatedWebhookSubscriptionSchema,
  solarisDocumentSchema,
  solarisIdentificationSchema,
  solarisIdnowAttemptSchema,
  solarisPersonSchema,
  solarisSupportedDocumentSchema,
  solarisWebhookSubscriptionSchema,
  type CreateWebhookSubscriptionInput,
  type RequestIdentificationInput,
  type SolarisCreatedWebhookSubscription,
  type SolarisDocument,
  type SolarisIdentification,
  type SolarisIdnowAttempt,
  type SolarisPerson,
  type SolarisSupportedDocument,
  type SolarisWebhookSubscription,
} from './resources.ts';
import { parseContentDispositionFileName } from './content-disposition.ts';
import {
  createTransport,
  defaultSleep,
  type QueryValue,
  type SolarisCallOutcome,
  type SolarisRetryEvent,
} from './transport.ts';

export interface SolarisClientOptions {
  /** e.g. `http://localhost:3000/sandbox/solaris`; `/v1/...` is appended. */
  apiBaseUrl: string;
  /** Where `/oauth2/token` lives; defaults to `apiBaseUrl`. */
  authBaseUrl?: string;
  clientId: string;
  clientSecret: string;
  /** Per attempt, response body included. Default 10 000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 4. */
  maxRetries?: number;
  /** Backoff ceiling of the first retry (full jitter, doubling). Default 250. */
  retryBaseDelayMs?: number;
  /** Largest backoff ceiling. Default 10 000. */
  retryMaxDelayMs?: number;
  /** A 429's Retry-After longer than this is not waited for. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Refresh the token this long before it expires. Default 60 000. */
  tokenRefreshMarginMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter source. Default Math.random. */
  random?: () => number;
  /** Called before each wait; gets the path template, never ids or bodies. */
  onRetry?: (event: SolarisRetryEvent) => void;
  /**
   * Called once per call when it ends, successful or not, with every attempt it made: feeds a
   * view of the connection's health. Gets the path template, never ids or bodies.
   */
  onOutcome?: (outcome: SolarisCallOutcome) => void;
}

export interface PageParams {
  /** 1-based, sent as `page[number]`. */
  page?: number;
  /** Sent as `page[size]`. */
  pageSize?: number;
}

export interface IdentificationDocumentUpload {
  documentType: DocumentType;
  file: Uint8Array | Blob;
  fileName: string;
  /** Used when `file` is bytes; default `application/octet-stream`. */
  contentType?: string;
}

export interface DownloadedFile {
  bytes: Uint8Array;
  contentType: string;
  /** From Content-Disposition (`filename*` preferred), or null when absent. */
  fileName: string | null;
}

export type SolarisClient = ReturnType<typeof createSolarisClient>;

function pageQuery(page: PageParams | undefined): Record<string, QueryValue> {
  return { 'page[number]': page?.page, 'page[size]': page?.pageSize };
}

export function createSolarisClient(options: SolarisClientOptions) {
  const transport = createTransport({
    apiBaseUrl: options.apiBaseUrl,
    authBaseUrl: options.authBaseUrl ?? options.apiBaseUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: options.maxRetries ?? 4,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 250,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 10_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    tokenRefreshMarginMs: options.tokenRefreshMarginMs ?? 60_000,
    fetch: options.fetch ?? globalThis.fetch,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    onRetry: options.onRetry,
    onOutcome: options.onOutcome,
  });

  const personPath = '/v1/persons/{person_id}';
  const identificationPath = `${personPath}/identifications/{identification_id}`;
  const documentPath = `${personPath}/documents/{document_id}`;

  return {
    createPerson(input: CreatePersonInput): Promise<SolarisPerson> {
      return transport.executeJson(
        { method: 'POST', pathTemplate: '/v1/persons', body: { kind: 'json', value: input } },
        solarisPersonSchema,
      );
    },

    getPerson(personId: string): Promise<SolarisPerson> {
      return transport.executeJson(
        { method: 'GET', pathTemplate: personPath, params: { person_id: personId } },
        solarisPersonSchema,
      );
    },

    updatePerson(personId: string, patch: PersonPatch): Promise<SolarisPerson> {
      return transport.executeJson(
        { method: 'PATCH', pathTemplate: personPath, params: { person_id: personId }, body: { kind: 'json', value: patch } },
        solarisPersonSchema,
      );
    },

    listPersons(page?: PageParams): Promise<SolarisPerson[]> {
      return transport.executeJson(
        { method: 'GET', pathTemplate: '/v1/persons', query: pageQuery(page) },
        z.array(solarisPersonSchema),
      );
    },

    createIdentification(personId: string, input: CreateIdentificationInput): Promise<SolarisIdentification> {
      return transport.executeJson(
        {
          method: 'POST',
          pathTemplate: `${personPath}/identifications`,
          params: { person_id: personId },
          body: { kind: 'json', value: input },
        },
        solarisIdentificationSchema,
      );
    },

    /** PATCH .../request: asks IDnow for the URL and reference; the status becomes `pending`. */
    requestIdentification(
      personId: string,
      identificationId: string,
      input?: RequestIdentificationInput,
    ): Promise<SolarisIdentification> {
      return transport.executeJson(
        {
          method: 'PATCH',
          pathTemplate: `${identificationPath}/request`,
          params: { person_id: personId, identification_id: identificationId },
          ...(input ? { body: { kind: 'json', value: input } as const } : {}),
        },
        solarisIdentificationSchema,
      );
    },

    getIdentification(
      personId: string,
      identificationId: string,
      options?: { includeDocuments?: boolean },
    ): Promise<SolarisIdentification> {
      return transport.executeJson(
        {
          method: 'GET',
          pathTemplate: identificationPath,
          params: { person_id: personId, identification_id: identificationId },
          query: { include_documents: options?.includeDocuments ? 'true' : undefined },
        },
        solarisIdentificationSchema,
      );
    },

    listIdentifications(personId: string, page?: PageParams): Promise<SolarisIdentification[]> {
      return transport.executeJson(
        {
          method: 'GET',
          pathTemplate: `${personPath}/identifications`,
          params: { person_id: personId },
          query: pageQuery(page),
        },
        z.array(solarisIdentificationSchema),
      );
    },

    listSupportedDocuments(personId: string, identificationId: string): Promise<SolarisSupportedDocument[]> {
      return transport.executeJson(
        {
          method: 'GET',
          pathTemplate: `${identificationPath}/supported_documents`,
          params: { person_id: personId, identification_id: identificationId },
        },
        z.array(solarisSupportedDocumentSchema),
      );
    },

    listIdnowAttempts(personId: string, identificationId: string, page?: PageParams): Promise<SolarisIdnowAttempt[]> {
      return transport.executeJson(
        {
          method: 'GET',
          pathTemplate: `${identificationPath}/idnow_attempts`,
          params: { person_id: personId, identification_id: identificationId },
          query: pageQuery(page),
        },
        z.array(solarisIdnowAttemptSchema),
      );
    },

    uploadIdentificationDocument(
      personId: string,
      identificationId: string,
      upload: IdentificationDocumentUpload,
    ): Promise<SolarisDocument> {
      const form = new FormData();
      form.append('document_type', upload.documentType);
      const file =
        upload.file instanceof Blob
          ? upload.file
          : new Blob([new Uint8Array(upload.file)], { type: upload.contentType ?? 'application/octet-stream' });
      form.append('file', file, upload.fileName);
      return transport.executeJson(
        {
          method: 'POST',
          pathTemplate: `${identificationPath}/document_upload`,
          params: { person_id: personId, identification_id: identificationId },
          body: { kind: 'multipart', form },
        },
        solarisDocumentSchema,
      );
    },

    listDocuments(personId: string, page?: PageParams): Promise<SolarisDocument[]> {
      return transport.executeJson(
        {
          method: 'GET',
          pathTemplate: `${personPath}/documents`,
          params: { person_id: personId },
          query: pageQuery(page),
        },
        z.array(solarisDocumentSchema),
      );
    },

    getDocument(personId: string, documentId: string): Promise<SolarisDocument> {
      return transport.executeJson(
        { method: 'GET', pathTemplate: documentPath, params: { person_id: personId, document_id: documentId } },
        solarisDocumentSchema,
      );
    },

    async downloadDocumentFile(personId: string, documentId: string): Promise<DownloadedFile> {
      const response = await transport.execute({
        method: 'GET',
        pathTemplate: `${documentPath}/file`,
        params: { person_id: personId, document_id: documentId },
        accept: '*/*',
      });
      return {
        bytes: response.bytes,
        contentType: response.headers.get('content-type') ?? 'application/octet-stream',
        fileName: parseContentDispositionFileName(response.headers.get('content-disposition')),
      };
    },

    /** The response carries the signing `secret` once: store it with the subscription. */
    createWebhookSubscription(input: CreateWebhookSubscriptionInput): Promise<SolarisCreatedWebhookSubscription> {
      return transport.executeJson(
        { method: 'POST', pathTemplate: '/v1/webhooks', body: { kind: 'json', value: input } },
        solarisCreatedWebhookSubscriptionSchema,
      );
    },

    listWebhookSubscriptions(page?: PageParams): Promise<SolarisWebhookSubscription[]> {
      return transport.executeJson(
        { method: 'GET', pathTemplate: '/v1/webhooks', query: pageQuery(page) },
        z.array(solarisWebhookSubscriptionSchema),
      );
    },

    async deleteWebhookSubscription(subscriptionId: string): Promise<void> {
      await transport.execute({
        method: 'DELETE',
        pathTemplate: '/v1/webhooks/{subscription_id}',
        params: { subscription_id: subscriptionId },
      });
    },

    /** Forget the cached OAuth2 token, e.g. after the credentials were rotated. */
    resetToken(): void {
      transport.invalidateToken();
    },
  };
}
