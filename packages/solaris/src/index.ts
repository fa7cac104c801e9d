export {
  createSolarisClient,
  type DownloadedFile,
  type IdentificationDocumentUpload,
  type PageParams,
  type SolarisClient,
  type SolarisClientOptions,
} from './client.ts';
export {
  SolarisApiError,
  SolarisError,
  SolarisInvalidResponseError,
  SolarisUnavailableError,
  parseSolarisErrorBody,
  solarisErrorBodySchema,
  solarisErrorEntrySchema,
  type HttpMethod,
  type SolarisErrorBody,
  type SolarisErrorEntry,
  type SolarisUnavailableReason,
} from './errors.ts';
export { paginate, type PageRequest, type PaginateOptions } from './paginate.ts';
export * from './resources.ts';
export {
  IDEMPOTENT_METHODS,
  parseRetryAfter,
  type SolarisAttemptProblem,
  type SolarisAttemptResult,
  type SolarisCallOutcome,
  type SolarisRetryEvent,
} from './transport.ts';
export { parseContentDispositionFileName } from './content-disposition.ts';
export * from './webhooks.ts';
