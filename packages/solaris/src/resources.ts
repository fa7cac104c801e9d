import {
  identificationDocumentSchema,
  identificationResourceSchema,
  idnowResultSchema,
  personResourceSchema,
} from '@identdesk/domain';
import { z } from 'zod';

import type { SolarisWebhookEventType } from './webhooks.ts';

// The resources are the domain's schemas, made loose: fields Solaris adds later pass through
// untouched (typed as unknown) instead of failing the call. Only a changed meaning (a wrong
// type, an unknown status) fails, as a SolarisInvalidResponseError.

export const solarisPersonSchema = personResourceSchema.loose();
export type SolarisPerson = z.infer<typeof solarisPersonSchema>;

/** A document's metadata: in an identification (`include_documents`) and in a person's documents. */
export const solarisDocumentSchema = identificationDocumentSchema.loose();
export type SolarisDocument = z.infer<typeof solarisDocumentSchema>;

export const solarisIdentificationSchema = identificationResourceSchema
  .extend({ documents: z.array(solarisDocumentSchema).optional() })
  .loose();
export type SolarisIdentification = z.infer<typeof solarisIdentificationSchema>;

export const solarisSupportedDocumentSchema = z.looseObject({
  type: z.string(),
  issuing_countries: z.array(z.string()).nullish(),
});
export type SolarisSupportedDocument = z.infer<typeof solarisSupportedDocumentSchema>;

export const solarisIdnowAttemptSchema = z.looseObject({
  id: z.string(),
  /** The IDnow result of this attempt. */
  result: idnowResultSchema,
  /** The IDnow failure code (ABORTED, CANCELED), or null; read as text, IDnow adds codes. */
  reason: z.string().nullable(),
  /** The raw IDnow webhook JSON of this attempt. */
  payload: z.unknown(),
});
export type SolarisIdnowAttempt = z.infer<typeof solarisIdnowAttemptSchema>;

export const solarisWebhookSubscriptionSchema = z.looseObject({
  id: z.string(),
  event_type: z.string(),
  url: z.string(),
  /** Present in the create response only: store it, it is not shown again. */
  secret: z.string().nullish(),
});
export type SolarisWebhookSubscription = z.infer<typeof solarisWebhookSubscriptionSchema>;

export const solarisCreatedWebhookSubscriptionSchema = solarisWebhookSubscriptionSchema.extend({
  secret: z.string(),
});
export type SolarisCreatedWebhookSubscription = z.infer<typeof solarisCreatedWebhookSubscriptionSchema>;

export const oauthTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().nullish(),
  scope: z.string().nullish(),
});

/** Optional body of PATCH .../request (a sandbox ignores it). */
export interface RequestIdentificationInput {
  secret?: string;
  device_data?: unknown;
}

export interface CreateWebhookSubscriptionInput {
  event_type: SolarisWebhookEventType | (string & {});
  url: string;
}
