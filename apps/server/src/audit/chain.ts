import { configureAuditChain, type DatabaseExecutor } from '@identdesk/db';
import type { Config } from '../env.ts';
import type { Logger } from '../logger.ts';
import { anchorsOf, createAuditAnchorWriter, readAuditAnchor, type AuditAnchorWriter } from './anchor.ts';
import { resolveAuditChainKey } from './chain-key.ts';

export interface RunningAuditChain {
  anchor: AuditAnchorWriter | null;
  /** Anchors the newest event a last time. */
  stop(): Promise<void>;
}

/**
 * Keys this server's audit trail and keeps its anchor: from here on every event is chained with
 * HMAC-SHA256 under the deployment's key, and the newest one is recorded in the anchor file, so
 * neither a rewritten chain nor deleted newest events pass `pnpm audit:verify` (decision 0005).
 */
export async function startAuditChain(deps: { config: Config; db: DatabaseExecutor; logger: Logger }): Promise<RunningAuditChain> {
  const { config, logger } = deps;
  const { key, source } = resolveAuditChainKey(config, { create: true });
  if (source.kind === 'file' && source.created) {
    logger.warn(
      { file: source.file },
      'audit chain: generated its key into this file (mode 0600); keep it, apart from database backups, or set AUDIT_CHAIN_KEY',
    );
  } else {
    logger.info({ keyFrom: source.kind === 'file' ? source.file : source.kind }, 'audit chain keyed');
  }
  const anchorFile = config.audit.anchorFile;
  const anchor = anchorFile ? createAuditAnchorWriter({ db: deps.db, file: anchorFile, logger }) : null;
  configureAuditChain({
    key,
    onAppended: anchor ? () => anchor.kick() : undefined,
    anchors: anchorFile ? async () => anchorsOf(await readAuditAnchor(anchorFile)) : undefined,
  });
  await anchor?.start();
  return { anchor, stop: async () => anchor?.stop() };
}

/** Keys a script's audit events like the server's: `pnpm user:create` and others write to the same chain. */
export function configureScriptAuditChain(config: Config): void {
  configureAuditChain({ key: resolveAuditChainKey(config, { create: true }).key });
}
