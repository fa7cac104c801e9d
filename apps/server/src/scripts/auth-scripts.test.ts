import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  appendAuditEvent,
  auditEvents,
  configureAuditChain,
  findSignInCandidate,
  openDatabase,
  type AuditEventRow,
  type DatabaseHandle,
} from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditAnchorWriter } from '../audit/anchor.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { ConfigError } from '../env.ts';
import { createLogger } from '../logger.ts';
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
    expect(outcome.output).toMatch(/BROKEN at event \d+: its content does not match its keyed hash/);
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

/** A database for scripts started as processes: the environment that points them at it, and a way in for the test. */
async function prepareScriptDatabase(): Promise<{ env: NodeJS.ProcessEnv; reopen: () => Promise<DatabaseHandle>; cleanup: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const database = await openTestDatabase();
    const url = new URL(serverUrl);
    url.pathname = `/${database.databaseName ?? ''}`;
    return { env: { DATABASE_URL: url.toString() }, reopen: async () => ({ ...database, close: async () => {} }), cleanup: () => database.close() };
  }
  // The embedded database is opened by one process at a time: the test closes it before each run.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-scripts-'));
  await (await openDatabase({ dataDir })).close();
  return {
    env: { DATABASE_URL: '', DATA_DIR: dataDir },
    reopen: () => openDatabase({ dataDir }),
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Runs statements with the append-only trigger switched off, as the table's owner may. */
async function asTableOwner(database: DatabaseHandle, run: (client: Pick<DatabaseHandle['pool'], 'query'>) => Promise<void>): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('alter table audit_events disable trigger audit_events_no_update_or_delete');
    await run(client);
    await client.query('alter table audit_events enable trigger audit_events_no_update_or_delete');
  } finally {
    client.release();
  }
}

describe('the scripts as processes', () => {
  let env: NodeJS.ProcessEnv;
  let reopen: () => Promise<DatabaseHandle>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ env, reopen, cleanup } = await prepareScriptDatabase());
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
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^Audit trail intact: 1 event checked, every hash and link holds\.\n/);

    const database = await reopen();
    let brokenId: number | undefined;
    try {
      await asTableOwner(database, async (client) => {
        const result = await client.query<{ id: number }>("update audit_events set action = 'user.provisioned' returning id::int");
        brokenId = result.rows[0]?.id;
      });
    } finally {
      await database.close();
    }
    const broken = await runScriptProcess('audit-verify.ts', [], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`First broken event id: ${brokenId}`);
  }, 120_000);
});

describe('pnpm audit:verify with the deployment key and its anchor file', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-audit-verify-'));
  const key = randomBytes(32).toString('hex');
  const anchorFile = path.join(workDir, 'audit-anchor.json');
  let env: NodeJS.ProcessEnv;
  let reopen: () => Promise<DatabaseHandle>;
  let cleanup: () => Promise<void>;
  const events: AuditEventRow[] = [];

  beforeAll(async () => {
    ({ env, reopen, cleanup } = await prepareScriptDatabase());
    env = { ...env, AUDIT_CHAIN_KEY: key, AUDIT_ANCHOR_FILE: anchorFile };
    configureAuditChain({ key });
    const database = await reopen();
    try {
      for (let i = 0; i < 2; i++) events.push(await appendAuditEvent(database.db, { action: 'person.viewed', personId: `p${i}` }));
      const anchor = createAuditAnchorWriter({ db: database.db, file: anchorFile, logger: createLogger({ level: 'silent' }) });
      await anchor.start();
      for (let i = 2; i < 5; i++) events.push(await appendAuditEvent(database.db, { action: 'person.viewed', personId: `p${i}` }));
      await anchor.stop();
    } finally {
      await database.close();
    }
  }, 120_000);
  afterAll(async () => {
    await cleanup();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('exits 0 for the trail as written, naming the anchor it held it against and how to pin the newest event', async () => {
    const intact = await runScriptProcess('audit-verify.ts', [], env);
    expect(intact.stderr).toBe('');
    expect(intact.code).toBe(0);
    const newest = events[4] as AuditEventRow;
    expect(intact.stdout).toBe(
      [
        'Audit trail intact: 5 events checked, every hash and link holds.',
        `Held against the anchor file ${anchorFile}.`,
        `Newest event ${newest.id}. To hold a later check to it: pnpm audit:verify --expect ${newest.id}:${newest.hash}`,
        '',
      ].join('\n'),
    );
    const wrongKey = await runScriptProcess('audit-verify.ts', [], { ...env, AUDIT_CHAIN_KEY: 'x'.repeat(64) });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain(`First broken event id: ${events[0]?.id}`);
  }, 60_000);

  it('exits 1 naming the first deleted newest event once the anchor remembers it, and names bad arguments', async () => {
    const database = await reopen();
    try {
      await asTableOwner(database, async (client) => {
        await client.query('delete from audit_events where id >= $1', [events[3]?.id]);
      });
    } finally {
      await database.close();
    }
    const broken = await runScriptProcess('audit-verify.ts', [], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`Audit trail BROKEN at event ${events[4]?.id}: the anchor recorded it, and it is gone`);
    expect(broken.stderr).toContain(`The events after event ${events[2]?.id} up to it are gone.`);
    expect(broken.stderr).toContain(`First broken event id: ${events[4]?.id}`);

    const pinned = await runScriptProcess('audit-verify.ts', ['--expect', `${events[3]?.id}:${events[3]?.hash}`], { ...env, AUDIT_ANCHOR_FILE: path.join(workDir, 'none.json') });
    expect(pinned.code).toBe(1);
    expect(pinned.stderr).toContain(`First broken event id: ${events[3]?.id}`);

    const junk = await runScriptProcess('audit-verify.ts', ['--expect', 'latest'], env);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toContain('--expect must be an event id and its 64-character hash');
  }, 60_000);
});
