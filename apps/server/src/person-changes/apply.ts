import {
  markPersonChangeApplied,
  markPersonChangeFailed,
  personSnapshotFromSolaris,
  refreshProofOfAddressState,
  upsertPersonSnapshot,
  type Database,
  type PersonChangeProposalRecord,
  type SolarisFieldError,
} from '@identdesk/db';
import type { PersonPatch } from '@identdesk/domain';
import { SolarisApiError, SolarisError, type SolarisClient } from '@identdesk/solaris';
import type { Logger } from '../logger.ts';

export interface ApplyPersonChangeDeps {
  db: Database;
  solaris: SolarisClient;
  /** Identdesk's clock (the sandbox clock in sandbox mode): the new person version is observed on it. */
  now: () => Date;
  logger: Logger;
}

export type ApplyPersonChangeResult =
  | { outcome: 'applied'; proposal: PersonChangeProposalRecord; changedFields: string[] }
  | { outcome: 'failed'; proposal: PersonChangeProposalRecord };

/** Solaris' error body, field by field, as the reviewer reads it. */
export function solarisFieldErrors(error: unknown): { status: number | null; errors: SolarisFieldError[] } {
  if (error instanceof SolarisApiError) {
    const errors = error.errors.map((entry) => ({
      field: entry.source?.field ?? null,
      code: entry.code ?? null,
      title: entry.title ?? null,
      detail: entry.detail ?? entry.source?.message ?? entry.title ?? 'Solaris gave no detail',
    }));
    return {
      status: error.status,
      errors: errors.length > 0 ? errors : [{ field: null, code: null, title: null, detail: `Solaris answered ${error.status}` }],
    };
  }
  const status = error instanceof SolarisError && 'status' in error && typeof error.status === 'number' ? error.status : null;
  return {
    status,
    errors: [
      {
        field: null,
        code: null,
        title: null,
        detail:
          error instanceof SolarisError
            ? `Solaris did not accept or did not answer the request (${error.message}). Approve again to resend it.`
            : 'Identdesk could not send the change to Solaris. Approve again to resend it.',
      },
    ],
  };
}

/**
 * Sends an approved proposal (status `applying`) to Solaris as `PATCH /v1/persons/{id}` and
 * records the answer: the person Solaris returns becomes a new person version (source
 * `agent_change`) and the proposal `applied`; a refusal, or no answer, makes it `failed` with
 * Solaris' errors. Nothing of the person is logged, only ids and statuses.
 */
export async function applyPersonChange(deps: ApplyPersonChangeDeps, proposal: PersonChangeProposalRecord): Promise<ApplyPersonChangeResult> {
  // Stamped before the request: the answer shows Solaris' state at that moment or later.
  const observedAt = deps.now();
  let answer;
  try {
    answer = await deps.solaris.updatePerson(proposal.personId, proposal.patch as PersonPatch);
  } catch (error) {
    const refused = solarisFieldErrors(error);
    deps.logger.warn(
      { proposalId: proposal.id, solarisStatus: refused.status, solarisCodes: refused.errors.map((entry) => entry.code) },
      'Solaris refused a person change',
    );
    return {
      outcome: 'failed',
      proposal: await markPersonChangeFailed(deps.db, { proposalId: proposal.id, solarisStatus: refused.status, solarisErrors: refused.errors }),
    };
  }
  const stored = await upsertPersonSnapshot(deps.db, { person: personSnapshotFromSolaris(answer), observedAt, source: 'agent_change' });
  if (stored.changed.length > 0) await refreshProofOfAddressState(deps.db, proposal.personId);
  const applied = await markPersonChangeApplied(deps.db, {
    proposalId: proposal.id,
    appliedAt: observedAt,
    appliedVersion: stored.version,
    solarisStatus: 200,
  });
  return { outcome: 'applied', proposal: applied, changedFields: stored.changed };
}
