import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendAuditEvent, configureAuditChain, verifyAuditChain } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { collectLines } from '../testing/http.ts';
import { anchorsOf, createAuditAnchorWriter, readAuditAnchor } from './anchor.ts';

let handle: TestDatabase;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-audit-anchor-'));
const logLines: string[] = [];
const logger = createLogger({ level: 'info', destination: collectLines(logLines) });

beforeAll(async () => {
  handle = await openTestDatabase();
  configureAuditChain({ key: 'a-deployment-key-for-the-anchor-tests-0123456789' });
});
afterAll(async () => {
  await handle.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const append = (i: number) => appendAuditEvent(handle.db, { action: 'person.viewed', personId: `p${i}` });

describe('the audit anchor file', () => {
  it('begins at the newest event, follows new ones after their commit, and lets the verifier catch deleted newest events', async () => {
    const before = await append(0);
    const file = path.join(workDir, 'anchor.json');
    const writer = createAuditAnchorWriter({ db: handle.db, file, logger, delayMs: 10 });
    await writer.start();
    expect(await readAuditAnchor(file)).toMatchObject({ keyedAfter: { seq: before.id, hash: before.hash }, latest: { seq: before.id } });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // An event rolled back with its change is never anchored.
    await expect(
      handle.db.transaction(async (tx) => {
        await appendAuditEvent(tx, { action: 'person.change_proposed' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await writer.checkpoint();
    expect((await readAuditAnchor(file))?.latest?.seq).toBe(before.id);

    const rows = [await append(1), await append(2), await append(3)];
    writer.kick();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await writer.checkpoint();
    const anchored = await readAuditAnchor(file);
    expect(anchored?.latest).toMatchObject({ seq: rows[2]?.id, hash: rows[2]?.hash });
    expect(await verifyAuditChain(handle.db, { anchors: anchorsOf(anchored) })).toEqual({ ok: true, checked: 4 });

    const client = await handle.pool.connect();
    try {
      await client.query('alter table audit_events disable trigger audit_events_no_update_or_delete');
      await client.query('delete from audit_events where id >= $1', [rows[1]?.id]);
      await client.query('alter table audit_events enable trigger audit_events_no_update_or_delete');
    } finally {
      client.release();
    }
    // The server goes on appending: the anchor must not move on and cover the deletion up.
    await append(4);
    await writer.stop();
    expect((await readAuditAnchor(file))?.latest).toEqual(anchored?.latest);
    expect(logLines.join('')).toContain('the audit trail no longer holds the event its anchor recorded');
    expect(await verifyAuditChain(handle.db, { anchors: anchorsOf(await readAuditAnchor(file)) })).toMatchObject({
      ok: false,
      brokenAtId: rows[2]?.id,
      problem: 'anchored_event_missing',
      lastId: rows[0]?.id,
    });
  });

  it('refuses a file that is not an anchor instead of starting a new one over it', async () => {
    const file = path.join(workDir, 'not-an-anchor.json');
    fs.writeFileSync(file, '{"hello": "world"}');
    await expect(createAuditAnchorWriter({ db: handle.db, file, logger }).start()).rejects.toThrow(/is not an Identdesk audit anchor/);
  });
});
