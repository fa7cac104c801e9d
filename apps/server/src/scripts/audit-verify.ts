import {
  auditChainHead,
  verifyAuditChain,
  type AuditChainAnchors,
  type AuditChainVerification,
  type AuditCheckpoint,
  type DatabaseExecutor,
} from '@identdesk/db';
import { anchorsOf, readAuditAnchor } from '../audit/anchor.ts';
import { resolveAuditChainKey } from '../audit/chain-key.ts';
import { ConfigError, loadConfig } from '../env.ts';
import { isMainModule, openConfiguredDatabase, runScript } from './script-support.ts';

const PROBLEMS: Record<Extract<AuditChainVerification, { ok: false }>['problem'], string> = {
  hash_mismatch:
    'its content does not match its keyed hash: it was changed after it was written, or the chain was recomputed ' +
    'without the audit key (or AUDIT_CHAIN_KEY is not the key the trail was written with)',
  broken_link: 'it does not link to the event before it: an event was removed, or this one was inserted out of band',
  not_keyed: 'it carries a plain sha256 hash where the keyed chain had begun: the chain was recomputed without the audit key',
  anchor_mismatch: 'its hash is not the one the anchor recorded: the chain was rewritten',
  anchored_event_missing: 'the anchor recorded it, and it is gone: the newest events were deleted',
};

/** Where the anchor a check held the trail against came from, to name it in the report. */
export interface AnchorSources {
  file: string | null;
  fileFound: boolean;
  expected: AuditCheckpoint[];
}

export function formatAuditVerification(
  result: AuditChainVerification,
  context: { head?: AuditCheckpoint | null; anchors?: AnchorSources } = {},
): string {
  const lines: string[] = [];
  const events = (count: number) => `${count} event${count === 1 ? '' : 's'}`;
  if (result.ok) {
    lines.push(`Audit trail intact: ${events(result.checked)} checked, every hash and link holds.`);
  } else {
    lines.push(`Audit trail BROKEN at event ${result.brokenAtId}: ${PROBLEMS[result.problem]}.`);
    if (result.anchor) {
      const when = result.anchor.at ? ` at ${result.anchor.at}` : '';
      lines.push(`The anchor recorded event ${result.anchor.seq} with hash ${result.anchor.hash}${when}.`);
    }
    if (result.problem === 'anchored_event_missing') {
      lines.push(result.lastId ? `The events after event ${result.lastId} up to it are gone.` : 'Every event up to it is gone.');
    }
    lines.push(`${events(result.checked)} before it verified. First broken event id: ${result.brokenAtId}`);
  }
  const anchors = context.anchors;
  if (anchors) {
    const held = [
      ...(anchors.fileFound ? [`the anchor file ${anchors.file}`] : []),
      ...anchors.expected.map((checkpoint) => `--expect ${checkpoint.seq}`),
    ];
    lines.push(
      held.length > 0
        ? `Held against ${held.join(' and ')}.`
        : 'No anchor held: deleting the newest events would go unnoticed. Keep the anchor file (AUDIT_ANCHOR_FILE) or pass --expect.',
    );
  }
  if (result.ok && context.head) {
    lines.push(`Newest event ${context.head.seq}. To hold a later check to it: pnpm audit:verify --expect ${context.head.seq}:${context.head.hash}`);
  }
  return lines.join('\n');
}

/** `--expect <id>:<hash>`, any number of times: events recorded elsewhere (a ticket, a monitoring system) that must still be there. */
export function parseAuditVerifyArgs(argv: readonly string[]): { expected: AuditCheckpoint[] } {
  const expected: AuditCheckpoint[] = [];
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] !== '--expect') throw new ConfigError(`Unknown argument ${argv[i]}: pnpm audit:verify takes only --expect <event id>:<hash>.`);
    const match = /^(\d+):([0-9a-f]{64})$/.exec(value ?? '');
    if (!match) throw new ConfigError('--expect must be an event id and its 64-character hash: --expect 1234:<hash>');
    expected.push({ seq: Number(match[1]), hash: match[2] as string });
    i++;
  }
  return { expected };
}

/** `pnpm audit:verify`: recomputes the keyed chain and holds it against the anchors; exit code 0 when intact, 1 with the first broken event. */
export async function runAuditVerify(
  db: DatabaseExecutor,
  options: { key?: string; anchorFile?: string | null; expected?: AuditCheckpoint[] } = {},
): Promise<{ exitCode: 0 | 1; output: string }> {
  const anchorFile = options.anchorFile ?? null;
  const stored = anchorFile ? await readAuditAnchor(anchorFile) : null;
  const fromFile = anchorsOf(stored);
  const expected = options.expected ?? [];
  const anchors: AuditChainAnchors = { ...fromFile, checkpoints: [...fromFile.checkpoints, ...expected] };
  const result = await verifyAuditChain(db, { key: options.key, anchors });
  const head = result.ok ? await auditChainHead(db) : null;
  const output = formatAuditVerification(result, { head, anchors: { file: anchorFile, fileFound: stored !== null, expected } });
  return { exitCode: result.ok ? 0 : 1, output };
}

if (isMainModule(import.meta.url)) {
  runScript(async () => {
    const { expected } = parseAuditVerifyArgs(process.argv.slice(2));
    const config = loadConfig();
    // Never generates a key: a new one could only call the whole trail broken.
    const { key } = resolveAuditChainKey(config, { create: false });
    const database = await openConfiguredDatabase(config);
    let outcome: Awaited<ReturnType<typeof runAuditVerify>>;
    try {
      outcome = await runAuditVerify(database.db, { key, anchorFile: config.audit.anchorFile, expected });
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
