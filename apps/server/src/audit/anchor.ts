import fs from 'node:fs/promises';
import { auditChainHead, type AuditChainAnchors, type AuditCheckpoint, type DatabaseExecutor } from '@identdesk/db';
import { sql } from 'drizzle-orm';
import { ConfigError } from '../env.ts';
import type { Logger } from '../logger.ts';

/**
 * What the anchor file holds. The database's owner can rewrite the trail, and delete its newest
 * events leaving a chain that still links; this file, outside the database, remembers what the
 * chain looked like, so `pnpm audit:verify` notices.
 */
export interface AuditAnchorFile {
  about: string;
  /** The newest event when this anchor began: every event after it is keyed. */
  keyedAfter: { seq: number; hash: string | null; at: string };
  /** The newest event Identdesk has seen committed. */
  latest: AuditCheckpoint | null;
}

const ABOUT =
  'Identdesk audit anchor: the newest audit event as Identdesk last saw it. Keep it outside the database, ' +
  'with the audit key; pnpm audit:verify reads it to notice deleted or rewritten events.';

/** The anchor file, or null when there is none yet. */
export async function readAuditAnchor(file: string): Promise<AuditAnchorFile | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<AuditAnchorFile> | null;
  if (!parsed || typeof parsed.keyedAfter?.seq !== 'number' || (parsed.latest !== null && typeof parsed.latest?.seq !== 'number')) {
    throw new ConfigError(`${file} is not an Identdesk audit anchor; restore it from a backup, or move it away to start a new one.`);
  }
  return parsed as AuditAnchorFile;
}

/** The anchor as the verifier checks it. */
export function anchorsOf(anchor: AuditAnchorFile | null): AuditChainAnchors {
  if (!anchor) return { checkpoints: [] };
  return { keyedAfter: anchor.keyedAfter, checkpoints: anchor.latest ? [anchor.latest] : [] };
}

async function writeAuditAnchor(file: string, anchor: AuditAnchorFile): Promise<void> {
  // A rename replaces the file whole: a crash leaves the old anchor or the new one, never half of one.
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(anchor, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(temporary, file);
}

export interface AuditAnchorWriter {
  /** Reads or begins the anchor; says whether the trail still holds what it recorded. */
  start(): Promise<void>;
  /** An event was appended: anchor the newest committed event shortly. */
  kick(): void;
  /** Anchors the newest committed event now. */
  checkpoint(): Promise<void>;
  /** Writes a last checkpoint. */
  stop(): Promise<void>;
}

/**
 * Keeps the anchor file up to date while the server runs: shortly after events are appended it
 * records the newest committed one (reading it after the commit, so a rolled-back event is never
 * anchored). It never moves the anchor past a trail that lost the event last anchored: that
 * would cover up the deletion.
 */
export function createAuditAnchorWriter(deps: {
  db: DatabaseExecutor;
  file: string;
  logger: Logger;
  /** Wall clock for the checkpoints' time. */
  clock?: () => Date;
  /** How long after an append the checkpoint is taken; appends in between share it. */
  delayMs?: number;
}): AuditAnchorWriter {
  const clock = deps.clock ?? (() => new Date());
  const delayMs = deps.delayMs ?? 1000;
  let anchor: AuditAnchorFile | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let reportedContradiction = false;

  const takeCheckpoint = async () => {
    if (!anchor) return;
    const latest = anchor.latest;
    const [head] = (
      await deps.db.execute<{ seq: number; hash: string; anchored_hash: string | null }>(sql`
        select id::int as seq, hash,
          (select hash from audit_events where id = ${latest?.seq ?? 0}) as anchored_hash
        from audit_events order by id desc limit 1`)
    ).rows;
    if (latest && head?.anchored_hash !== latest.hash) {
      if (!reportedContradiction) {
        reportedContradiction = true;
        deps.logger.error(
          { anchoredEvent: latest.seq, file: deps.file },
          'the audit trail no longer holds the event its anchor recorded: events were deleted or rewritten; run pnpm audit:verify',
        );
      }
      return;
    }
    if (!head || (latest && head.seq <= latest.seq)) return;
    anchor = { ...anchor, latest: { seq: head.seq, hash: head.hash, at: clock().toISOString() } };
    await writeAuditAnchor(deps.file, anchor);
  };

  const checkpoint = () => {
    running = running.then(takeCheckpoint).catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'could not anchor the newest audit event; trying again with the next one');
    });
    return running;
  };

  return {
    async start() {
      anchor = await readAuditAnchor(deps.file);
      if (!anchor) {
        const head = await auditChainHead(deps.db);
        const at = clock().toISOString();
        anchor = { about: ABOUT, keyedAfter: { seq: head?.seq ?? 0, hash: head?.hash ?? null, at }, latest: head ? { ...head, at } : null };
        await writeAuditAnchor(deps.file, anchor);
        deps.logger.info({ file: deps.file, keyedAfter: anchor.keyedAfter.seq }, 'audit anchor begun: every later audit event is keyed');
      }
      await checkpoint();
    },
    kick() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void checkpoint();
      }, delayMs);
      timer.unref();
    },
    checkpoint,
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await checkpoint();
    },
  };
}
