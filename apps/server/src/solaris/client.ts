import { createSolarisClient, type SolarisClient, type SolarisClientOptions } from '@identdesk/solaris';
import type { Config, ResolvedUrls } from '../env.ts';
import type { Logger } from '../logger.ts';

/** The Solaris client as configured: the embedded sandbox by default, the live API in live mode. */
export function createConfiguredSolarisClient(
  config: Config,
  urls: ResolvedUrls,
  logger: Logger,
  overrides: Partial<SolarisClientOptions> = {},
): SolarisClient {
  return createSolarisClient({
    apiBaseUrl: urls.solarisApiUrl,
    authBaseUrl: urls.solarisAuthUrl,
    clientId: config.solaris.clientId,
    clientSecret: config.solaris.clientSecret,
    // The event names the path template, never ids or bodies.
    onRetry: (event) => logger.warn({ solaris: event }, 'Solaris call retried'),
    ...overrides,
  });
}
