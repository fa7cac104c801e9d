import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UNCONFIGURED_AUDIT_CHAIN_KEY } from '@identdesk/db';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../env.ts';
import { resolveAuditChainKey } from './chain-key.ts';

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-audit-key-'));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

describe('the audit chain key', () => {
  it('comes from AUDIT_CHAIN_KEY when set, and must be long enough to be a secret', () => {
    const key = 'k'.repeat(40);
    expect(resolveAuditChainKey(loadConfig({ AUDIT_CHAIN_KEY: key }), { create: true })).toEqual({ key, source: { kind: 'environment' } });
    expect(() => loadConfig({ AUDIT_CHAIN_KEY: 'short' })).toThrow(/AUDIT_CHAIN_KEY: must be at least 32 characters/);
  });

  it('is generated once next to the embedded data directory, readable by its owner only, and kept', () => {
    const dataDir = path.join(workDir, 'data');
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(() => resolveAuditChainKey(config, { create: false })).toThrow(ConfigError);
    expect(() => resolveAuditChainKey(config, { create: false })).toThrow(/AUDIT_CHAIN_KEY is not set and .*data\.audit-key does not exist/);

    const first = resolveAuditChainKey(config, { create: true });
    expect(first.source).toEqual({ kind: 'file', file: `${dataDir}.audit-key`, created: true });
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(`${dataDir}.audit-key`).mode & 0o777).toBe(0o600);

    const again = resolveAuditChainKey(config, { create: true });
    expect(again).toEqual({ key: first.key, source: { kind: 'file', file: `${dataDir}.audit-key`, created: false } });
    expect(resolveAuditChainKey(config, { create: false }).key).toBe(first.key);
  });

  it('refuses a key file that holds no key', () => {
    const dataDir = path.join(workDir, 'emptied');
    fs.writeFileSync(`${dataDir}.audit-key`, '\n');
    expect(() => resolveAuditChainKey(loadConfig({ DATA_DIR: dataDir }), { create: true })).toThrow(/holds no audit chain key/);
  });

  it('is the published test key in tests, which write no file', () => {
    const dataDir = path.join(workDir, 'tests');
    expect(resolveAuditChainKey(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }), { create: true })).toEqual({
      key: UNCONFIGURED_AUDIT_CHAIN_KEY,
      source: { kind: 'tests' },
    });
    expect(fs.existsSync(`${dataDir}.audit-key`)).toBe(false);
  });

  it('must be set for a production server on PostgreSQL: the configuration names the variable', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/identdesk' };
    expect(() => loadConfig(production)).toThrow(/AUDIT_CHAIN_KEY: is required with DATABASE_URL when NODE_ENV=production/);
    expect(loadConfig({ ...production, AUDIT_CHAIN_KEY: 'k'.repeat(32) }).audit.key).toBe('k'.repeat(32));
    // The embedded default keeps its key in a file of its own.
    expect(loadConfig({ NODE_ENV: 'production' }).audit.key).toBeUndefined();
  });
});
