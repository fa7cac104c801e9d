import {
  identificationSnapshotFromSolaris,
  personSnapshotFromSolaris,
  refreshProofOfAddressState,
  upsertIdentificationSnapshot,
  upsertPersonSnapshot,
} from '@identdesk/db';
import { IDENTIFICATION_STATUS_MEANINGS } from '@identdesk/domain';
import { paginate } from '@identdesk/solaris';
import type { Logger } from '../logger.ts';
import { syncIdentification, type SyncDeps } from './sync.ts';

/** Counts only: the summary is printed and logged, so it never holds personal data. */
export interface ReconcileSummary {
  persons: { seen: number; created: number; changed: number };
  identifications: { seen: number; created: number; changed: number; refreshed: number };
  attempts: { inserted: number; updated: number };
  documents: { inserted: number; updated: number };
  durationMs: number;
  /** Stopped early by the signal (shutdown). */
  aborted: boolean;
}

const PAGE_SIZE = 100;

/**
 * Pages through every person at Solaris and their identifications and stores what Identdesk
 * missed (a lost or dead-lettered webhook), with source 'reconciliation'. The upserts only
 * add history for real changes, so running it again adds nothing. An identification that
 * changed, or is still open, is fetched in full (documents) with its IDnow attempts; a final
 * one that did not change is left alone, which keeps a run cheap.
 */
export async function reconcile(deps: SyncDeps, options: { signal?: AbortSignal } = {}): Promise<ReconcileSummary> {
  const startedAt = Date.now();
  const summary: ReconcileSummary = {
    persons: { seen: 0, created: 0, changed: 0 },
    identifications: { seen: 0, created: 0, changed: 0, refreshed: 0 },
    attempts: { inserted: 0, updated: 0 },
    documents: { inserted: 0, updated: 0 },
    durationMs: 0,
    aborted: false,
  };
  const source = 'reconciliation';

  // Each snapshot is stamped with the time its page was requested, not when it is stored: a
  // webhook processed meanwhile may have stored something newer, which must not be rolled back.
  let personsPageAt = deps.now();
  const pages = paginate(
    (page) => {
      personsPageAt = deps.now();
      return deps.solaris.listPersons(page);
    },
    { pageSize: PAGE_SIZE, maxPages: 100_000 },
  );
  for await (const person of pages) {
    if (options.signal?.aborted) {
      summary.aborted = true;
      break;
    }
    const personResult = await upsertPersonSnapshot(deps.db, {
      person: personSnapshotFromSolaris(person),
      observedAt: personsPageAt,
      source,
    });
    summary.persons.seen++;
    if (personResult.created) summary.persons.created++;
    if (personResult.changed.length > 0) summary.persons.changed++;
    if (personResult.created || personResult.changed.length > 0) await refreshProofOfAddressState(deps.db, person.id);

    let identificationsPageAt = deps.now();
    const identifications = paginate(
      (page) => {
        identificationsPageAt = deps.now();
        return deps.solaris.listIdentifications(person.id, page);
      },
      { pageSize: PAGE_SIZE },
    );
    for await (const identification of identifications) {
      summary.identifications.seen++;
      const listed = await upsertIdentificationSnapshot(deps.db, {
        identification: identificationSnapshotFromSolaris(identification, person.id),
        observedAt: identificationsPageAt,
        source,
      });
      if (listed.created) summary.identifications.created++;
      if (listed.changed.length > 0 || listed.statusRecorded) summary.identifications.changed++;
      const moved = listed.created || listed.changed.length > 0 || listed.statusRecorded;
      if (!moved && IDENTIFICATION_STATUS_MEANINGS[listed.status].final) continue;

      const synced = await syncIdentification(deps, { personId: person.id, identificationId: identification.id, source });
      summary.identifications.refreshed++;
      summary.attempts.inserted += synced.attempts.inserted;
      summary.attempts.updated += synced.attempts.updated;
      summary.documents.inserted += synced.documents.inserted;
      summary.documents.updated += synced.documents.updated;
    }
  }
  summary.durationMs = Date.now() - startedAt;
  return summary;
}

export interface ReconcileScheduler {
  start(): void;
  /** Runs now unless a run is already going; resolves with its summary (null when skipped). */
  runNow(): Promise<ReconcileSummary | null>;
  /** Stops the timer and aborts a run in progress at the next person. */
  stop(): Promise<void>;
}

/** The periodic reconciliation inside the server: one run at a time, never overlapping. */
export function createReconcileScheduler(
  deps: SyncDeps & { logger: Logger },
  options: { intervalMs: number; firstRunDelayMs?: number },
): ReconcileScheduler {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let firstRun: NodeJS.Timeout | null = null;
  let running: Promise<ReconcileSummary | null> | null = null;

  function runNow(): Promise<ReconcileSummary | null> {
    if (running || abort.signal.aborted) return Promise.resolve(null);
    running = reconcile(deps, { signal: abort.signal })
      .then((summary) => {
        deps.logger.info({ reconcile: summary }, 'reconciliation finished');
        return summary;
      })
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, 'reconciliation failed');
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    start() {
      if (options.intervalMs <= 0 || timer) return;
      timer = setInterval(() => void runNow(), options.intervalMs);
      timer.unref();
      // Once soon after start too: catches up with what happened while the server was down.
      firstRun = setTimeout(() => void runNow(), options.firstRunDelayMs ?? 5_000);
      firstRun.unref();
    },
    runNow,
    async stop() {
      abort.abort();
      if (timer) clearInterval(timer);
      if (firstRun) clearTimeout(firstRun);
      timer = null;
      firstRun = null;
      if (running) await running;
    },
  };
}
