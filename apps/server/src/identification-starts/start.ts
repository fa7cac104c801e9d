import {
  identificationSnapshotFromSolaris,
  insertIdentificationStart,
  markIdentificationStartCreated,
  markIdentificationStartFailed,
  markIdentificationStartRequested,
  upsertIdentificationSnapshot,
  type Database,
} from '@identdesk/db';
import type { IdentificationLanguage } from '@identdesk/domain';
import { SolarisApiError, SolarisError, SolarisUnavailableError, type SolarisClient, type SolarisIdentification } from '@identdesk/solaris';
import { syncIdentification } from '../ingest/sync.ts';
import type { Logger } from '../logger.ts';

/** The source of the status history entries Identdesk records for an identification it started. */
export const IDENTDESK_START_SOURCE = 'identdesk';

export interface StartIdentificationDeps {
  db: Database;
  solaris: SolarisClient;
  now: () => Date;
  logger: Logger;
}

export interface StartIdentificationParams {
  personId: string;
  replacesIdentificationId: string | null;
  language: IdentificationLanguage;
  proofOfAddress: { submissionId: string; type: string; issuedOn: string } | null;
  reason: string;
  startedBy: string;
  /** Wall clock: when the agent started it. */
  startedAt: Date;
}

export interface StartIdentificationResult {
  startId: string;
  identificationId: string | null;
  status: 'requested' | 'created' | 'failed';
  message: string;
  /** Solaris' words when it refused; never the url or reference. */
  solarisError: string | null;
  /** Solaris was failing or silent rather than refusing: the same start may work in a few minutes. */
  solarisTrouble: boolean;
}

/** What Solaris said, in its own words, without echoing anything the request carried. */
function solarisWords(error: unknown): string {
  if (error instanceof SolarisApiError) {
    const details = error.errors.map((entry) => [entry.source?.field, entry.detail ?? entry.title ?? entry.code].filter(Boolean).join(': '));
    return details.length > 0 ? details.join('; ') : `Solaris answered ${error.status}`;
  }
  if (error instanceof SolarisError) return 'Solaris did not answer in time';
  return 'Identdesk could not reach Solaris';
}

/** Solaris was overloaded, failing or silent (429, 5xx, no answer): it did not refuse the request itself. */
function isTemporarySolarisTrouble(error: unknown): boolean {
  if (error instanceof SolarisApiError) return error.status === 429 || error.status >= 500;
  return error instanceof SolarisUnavailableError;
}

/**
 * Starts a new identification for a customer who cannot continue the previous one: the start is
 * written first (`creating`), then Identdesk POSTs the identification (method idnow, language,
 * proof of address), stores it through the ingest's path, PATCHes `/request` so IDnow makes the
 * link, and stores that too. The url and reference reach the customer through Solaris' webhook
 * and the partner's app; they are stored (masked on every page) and never returned or logged.
 * Each step leaves its status in `identification_starts`, so nothing half-done is hidden.
 * `start_in_progress` when another start of the customer is still on its way.
 */
export async function startIdentification(
  deps: StartIdentificationDeps,
  params: StartIdentificationParams,
): Promise<StartIdentificationResult | 'start_in_progress'> {
  const startId = await insertIdentificationStart(deps.db, {
    personId: params.personId,
    replacesIdentificationId: params.replacesIdentificationId,
    language: params.language,
    proofOfAddressType: params.proofOfAddress?.type ?? null,
    proofOfAddressIssuedAt: params.proofOfAddress?.issuedOn ?? null,
    proofOfAddressSubmissionId: params.proofOfAddress?.submissionId ?? null,
    reason: params.reason,
    startedBy: params.startedBy,
    startedAt: params.startedAt,
  });
  // Another start of the customer got there first (both passed the eligibility check at once):
  // nothing is sent to Solaris, so the customer does not get a second identification.
  if (startId === null) return 'start_in_progress';
  const syncDeps = { db: deps.db, solaris: deps.solaris, now: deps.now };

  let identificationId: string;
  try {
    const created = await deps.solaris.createIdentification(params.personId, {
      method: 'idnow',
      language: params.language,
      ...(params.proofOfAddress
        ? { proof_of_address_type: params.proofOfAddress.type as never, proof_of_address_issued_at: params.proofOfAddress.issuedOn }
        : {}),
    });
    identificationId = created.id;
  } catch (error) {
    const words = solarisWords(error);
    await markIdentificationStartFailed(deps.db, startId, words);
    deps.logger.warn({ startId, step: 'create' }, 'Solaris refused to create a new identification');
    // After a 5xx or no answer Solaris may have created it anyway (the client does not repeat a POST then).
    const solarisTrouble = isTemporarySolarisTrouble(error);
    const message = solarisTrouble
      ? `Solaris could not take the new identification now (${words}). Wait a few minutes and reload this page: start again only if no new identification has appeared.`
      : `Solaris refused the new identification: ${words}`;
    return { startId, identificationId: null, status: 'failed', message, solarisError: words, solarisTrouble };
  }

  await syncIdentification(syncDeps, { personId: params.personId, identificationId, source: IDENTDESK_START_SOURCE });
  await markIdentificationStartCreated(deps.db, startId, identificationId);

  const requestedAt = deps.now();
  let requested: SolarisIdentification;
  try {
    requested = await deps.solaris.requestIdentification(params.personId, identificationId);
  } catch (error) {
    const words = solarisWords(error);
    await markIdentificationStartFailed(deps.db, startId, words);
    deps.logger.warn({ startId, identificationId, step: 'request' }, 'Solaris refused to request a new identification');
    return {
      startId,
      identificationId,
      status: 'created',
      message: `Solaris created the identification but did not request it from IDnow: ${words}. The customer has no link yet.`,
      solarisError: words,
      solarisTrouble: isTemporarySolarisTrouble(error),
    };
  }
  // Only this answer carries IDnow's estimated waiting time (a GET does not): kept as answered, so
  // the agent can tell the customer how long the queue is.
  await upsertIdentificationSnapshot(deps.db, {
    identification: identificationSnapshotFromSolaris(requested, params.personId),
    observedAt: requestedAt,
    source: IDENTDESK_START_SOURCE,
  });
  await syncIdentification(syncDeps, { personId: params.personId, identificationId, source: IDENTDESK_START_SOURCE });
  await markIdentificationStartRequested(deps.db, startId, deps.now());
  return {
    startId,
    identificationId,
    status: 'requested',
    message: 'The new identification is requested. The customer gets the link in the partner’s app; it is valid for 14 days.',
    solarisError: null,
    solarisTrouble: false,
  };
}
