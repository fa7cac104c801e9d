import { SolarisError, type SolarisClient } from '@identdesk/solaris';
import type { Logger } from '../logger.ts';

/** One issuing country and the document types IDnow accepts from it. */
export interface SupportedDocumentsOfCountry {
  country: string;
  types: string[];
}

const CACHE_TTL_MS = 10 * 60_000;
const CACHE_MAX_ENTRIES = 500;
/** The identification page must not wait long on Solaris for a list it can do without. */
const DEFAULT_TIMEOUT_MS = 3_000;

const cache = new Map<string, { at: number; value: SupportedDocumentsOfCountry[] }>();

/** Solaris lists types with their countries; an agent on the phone asks by country. */
export function byCountry(documents: readonly { type: string; issuing_countries?: string[] | null }[]): SupportedDocumentsOfCountry[] {
  const countries = new Map<string, Set<string>>();
  for (const document of documents) {
    for (const country of document.issuing_countries ?? []) {
      const types = countries.get(country) ?? new Set<string>();
      types.add(document.type);
      countries.set(country, types);
    }
  }
  return [...countries]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([country, types]) => ({ country, types: [...types].sort() }));
}

/**
 * The documents a customer may identify with (Solaris `GET .../supported_documents`), by issuing
 * country; null when Solaris is not configured, slow or failing: the page works without them.
 * Answers are kept for ten minutes per identification, since they hardly ever change.
 */
export async function supportedDocumentsFor(
  deps: { solaris?: SolarisClient | null; logger: Logger },
  params: { personId: string; identificationId: string; timeoutMs?: number },
): Promise<SupportedDocumentsOfCountry[] | null> {
  const solaris = deps.solaris;
  if (!solaris) return null;
  const cached = cache.get(params.identificationId);
  if (cached && Date.now() - cached.at < CACHE_TTL_MS) return cached.value;

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), params.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  });
  try {
    const answer = await Promise.race([
      solaris.listSupportedDocuments(params.personId, params.identificationId).then((documents) => byCountry(documents)),
      timeout,
    ]);
    if (answer === null) {
      deps.logger.warn({ solaris: 'supported_documents' }, 'Solaris did not list the supported documents in time');
      return null;
    }
    if (cache.size >= CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value ?? '');
    cache.set(params.identificationId, { at: Date.now(), value: answer });
    return answer;
  } catch (error) {
    // The error's message names the path with the customer's ids: the status says enough.
    const status = error instanceof SolarisError ? (error as SolarisError & { status?: number | null }).status ?? null : null;
    deps.logger.warn({ solaris: 'supported_documents', status, error: error instanceof Error ? error.name : 'Error' }, 'Solaris could not list the supported documents');
    return null;
  } finally {
    clearTimeout(timer);
  }
}
