import { verifyAuditChain, type AuditChainVerification, type DatabaseExecutor } from '@identdesk/db';
import { loadConfig } from '../env.ts';
import { isMainModule, openConfiguredDatabase, runScript } from './script-support.ts';

const PROBLEMS: Record<Extract<AuditChainVerification, { ok: false }>['problem'], string> = {
  hash_mismatch: 'its content does not match its hash: it was changed after it was written',
  broken_link: 'it does not link to the event before it: an event was removed, or this one was inserted out of band',
};

export function formatAuditVerification(result: AuditChainVerification): string {
  if (result.ok) return `Audit trail intact: ${result.checked} event${result.checked === 1 ? '' : 's'} checked, every hash and link holds.`;
  return [
    `Audit trail BROKEN at event ${result.brokenAtId}: ${PROBLEMS[result.problem]}.`,
    `${result.checked} event${result.checked === 1 ? '' : 's'} before it verified. First broken event id: ${result.brokenAtId}`,
  ].join('\n');
}

/** `pnpm audit:verify`: recomputes the hash chain; exit code 0 when intact, 1 with the first broken event. */
export async function runAuditVerify(db: DatabaseExecutor): Promise<{ exitCode: 0 | 1; output: string }> {
  const result = await verifyAuditChain(db);
  return { exitCode: result.ok ? 0 : 1, output: formatAuditVerification(result) };
}

if (isMainModule(import.meta.url)) {
  runScript(async () => {
    const database = await openConfiguredDatabase(loadConfig());
    let outcome: Awaited<ReturnType<typeof runAuditVerify>>;
    try {
      outcome = await runAuditVerify(database.db);
    } finally {
      await database.close();
    }
    if (outcome.exitCode === 0) {
      console.info(outcome.output);
      return;
    }
    console.error(outcome.output);
    process.exit(1);
  });
}
