import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditEvents, findSignInCandidate, openDatabase, type DatabaseHandle } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/passwords.ts';
import { ConfigError } from '../env.ts';
import { formatAuditVerification, runAuditVerify } from './audit-verify.ts';
import { createPasswordUserFromCli, parseUserCreateArgs } from './user-create.ts';

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

describe('pnpm user:create', () => {
  it('reads --email, --role and --name, and names what is wrong', () => {
    expect(parseUserCreateArgs(['--email', 'Rita@Bank.example', '--role', 'compliance', '--name', 'Rita Review'])).toEqual({
      email: 'rita@bank.example',
      role: 'compliance',
      displayName: 'Rita Review',
    });
    expect(parseUserCreateArgs(['--email', 'lee@bank.example', '--role', 'team_lead']).displayName).toBe('lee');
    expect(() => parseUserCreateArgs(['--email', 'nope', '--role', 'agent'])).toThrow(/--email must be an email/);
    expect(() => parseUserCreateArgs(['--email', 'a@b.example', '--role', 'root'])).toThrow(/--role must be one of agent, compliance/);
    expect(() => parseUserCreateArgs(['--mail', 'a@b.example'])).toThrow(ConfigError);
  });

  it('creates a user with an Argon2id hash of the password, audited, and refuses a second with the same email', async () => {
    const input = { email: 'new.agent@bank.example', role: 'agent' as const, displayName: 'New Agent' };
    const user = await createPasswordUserFromCli(handle, input, 'a long enough password');
    const stored = await findSignInCandidate(handle.db, 'new.agent@bank.example');
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored?.passwordHash ?? '', 'a long enough password')).toBe(true);
    const [event] = await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ action: 'user.created', subjectId: user.id, userAgent: 'pnpm user:create', details: { role: 'agent' } });

    await expect(createPasswordUserFromCli(handle, input, 'a long enough password')).rejects.toThrow(/exists already/);
    await expect(createPasswordUserFromCli(handle, { ...input, email: 'x@bank.example' }, 'short')).rejects.toThrow(/at least 12/);
  });
});

describe('pnpm audit:verify', () => {
  it('reports an intact chain, and the first broken event in words', () => {
    expect(formatAuditVerification({ ok: true, checked: 3 })).toBe('Audit trail intact: 3 events checked, every hash and link holds.');
    expect(formatAuditVerification({ ok: false, checked: 4, brokenAtId: 5, problem: 'hash_mismatch' })).toContain(
      'First broken event id: 5',
    );
  });

  it('answers 0 for the trail as written and 1 once an event was edited behind the trigger', async () => {
    expect((await runAuditVerify(handle.db)).exitCode).toBe(0);
    const client = await handle.pool.connect();
    try {
      await client.query('alter table audit_events disable trigger audit_events_no_update_or_delete');
      await client.query("update audit_events set reason = 'edited' where action = 'user.created'");
      await client.query('alter table audit_events enable trigger audit_events_no_update_or_delete');
    } finally {
      client.release();
    }
    const outcome = await runAuditVerify(handle.db);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.output).toMatch(/BROKEN at event \d+: its content does not match its hash/);
  });
});

/** Runs a script the way the root scripts do, against a database this test prepared. */
function runScriptProcess(script: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/scripts/${script}`, ...args], {
      cwd: SERVER_DIR,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the scripts as processes', () => {
  let env: NodeJS.ProcessEnv;
  let reopen: () => Promise<DatabaseHandle>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const serverUrl = process.env.DATABASE_URL;
    if (serverUrl) {
      const database = await openTestDatabase();
      const url = new URL(serverUrl);
      url.pathname = `/${database.databaseName ?? ''}`;
      env = { DATABASE_URL: url.toString() };
      reopen = async () => ({ ...database, close: async () => {} });
      cleanup = () => database.close();
    } else {
      // The embedded database is opened by one process at a time: the test closes it before each run.
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-scripts-'));
      await (await openDatabase({ dataDir })).close();
      env = { DATABASE_URL: '', DATA_DIR: dataDir };
      reopen = () => openDatabase({ dataDir });
      cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
  afterAll(() => cleanup());

  it('user:create takes the password from IDENTDESK_PASSWORD and prints no secret; audit:verify exits 0, then 1 with the broken id', async () => {
    const created = await runScriptProcess('user-create.ts', ['--email', 'cli@bank.example', '--role', 'admin', '--name', 'Cli Admin'], {
      ...env,
      IDENTDESK_PASSWORD: 'process password 123',
    });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Created admin cli@bank\.example \(Cli Admin\), id [0-9a-f-]{36}\.\n$/);
    expect(created.stdout).not.toContain('process password');

    const refused = await runScriptProcess('user-create.ts', ['--email', 'cli2@bank.example', '--role', 'admin'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Set IDENTDESK_PASSWORD');

    const intact = await runScriptProcess('audit-verify.ts', [], env);
    expect(intact).toMatchObject({ code: 0, stdout: 'Audit trail intact: 1 event checked, every hash and link holds.\n' });

    const database = await reopen();
    let brokenId: number | undefined;
    try {
      const client = await database.pool.connect();
      try {
        await client.query('alter table audit_events disable trigger audit_events_no_update_or_delete');
        const result = await client.query<{ id: number }>("update audit_events set action = 'user.provisioned' returning id::int");
        brokenId = result.rows[0]?.id;
        await client.query('alter table audit_events enable trigger audit_events_no_update_or_delete');
      } finally {
        client.release();
      }
    } finally {
      await database.close();
    }
    const broken = await runScriptProcess('audit-verify.ts', [], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`First broken event id: ${brokenId}`);
  }, 120_000);
});
