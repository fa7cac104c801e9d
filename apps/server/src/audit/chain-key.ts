import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { UNCONFIGURED_AUDIT_CHAIN_KEY } from '@identdesk/db';
import { ConfigError, type Config } from '../env.ts';

export type AuditChainKeySource =
  | { kind: 'environment' }
  | { kind: 'file'; file: string; created: boolean }
  /** Test servers and test runs share one published key: their trails protect nothing. */
  | { kind: 'tests' };

export interface AuditChainKey {
  key: string;
  source: AuditChainKeySource;
}

const MIN_KEY_LENGTH = 32;

/**
 * The key the audit chain is keyed with, which the database must never hold: AUDIT_CHAIN_KEY;
 * else, outside tests, the key file next to the data directory, generated once (mode 0600) when
 * `create` allows it. A production server on DATABASE_URL without AUDIT_CHAIN_KEY never gets
 * here: the configuration refuses it (env.ts).
 */
export function resolveAuditChainKey(config: Config, options: { create: boolean }): AuditChainKey {
  if (config.audit.key) return { key: config.audit.key, source: { kind: 'environment' } };
  if (config.nodeEnv === 'test') return { key: UNCONFIGURED_AUDIT_CHAIN_KEY, source: { kind: 'tests' } };
  const file = config.audit.keyFile;
  const stored = readKeyFile(file);
  if (stored !== null) return { key: stored, source: { kind: 'file', file, created: false } };
  if (!options.create) {
    throw new ConfigError(
      `AUDIT_CHAIN_KEY is not set and ${file} does not exist: without the key the audit chain cannot be checked. ` +
        'Set AUDIT_CHAIN_KEY, or restore the key file from where it is kept.',
    );
  }
  const generated = randomBytes(32).toString('hex');
  try {
    // 'wx': two processes starting at once must not each write a key of their own.
    fs.writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ConfigError(`Could not write the audit chain key to ${file} (${(error as Error).message}); set AUDIT_CHAIN_KEY instead.`);
    }
    const raced = readKeyFile(file);
    if (raced !== null) return { key: raced, source: { kind: 'file', file, created: false } };
  }
  return { key: generated, source: { kind: 'file', file, created: true } };
}

function readKeyFile(file: string): string | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError(`Could not read the audit chain key from ${file}: ${(error as Error).message}`);
  }
  const key = text.trim();
  if (key.length < MIN_KEY_LENGTH) {
    throw new ConfigError(`${file} holds no audit chain key of at least ${MIN_KEY_LENGTH} characters; restore it, or set AUDIT_CHAIN_KEY.`);
  }
  return key;
}
