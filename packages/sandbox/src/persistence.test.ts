import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@identdesk/db';
import { HOUR, SECOND } from './core/clock.ts';
import { startTestSandbox } from './testing/harness.ts';
import { postJson, SEED_PERSON_REQUEST, uniqueName } from './testing/fixtures.ts';

const directories: string[] = [];
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps persons, identifications, documents, subscriptions, the clock and scheduled steps across a restart', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'identdesk-sandbox-'));
    directories.push(dataDir);

    const first = await openDatabase({ dataDir });
    const before = await startTestSandbox({ database: first });
    const created = await postJson(before, '/v1/persons', {
      ...SEED_PERSON_REQUEST,
      first_name: 'X-AUTOTEST-LONGREVIEW',
      last_name: uniqueName('Restart'),
    });
    const personId = (created.body as { id: string }).id;
    const identification = await before.client.createIdentification(personId, { method: 'idnow' });
    await before.client.requestIdentification(personId, identification.id);
    await before.advance(61 * SECOND);
    expect((await before.client.getIdentification(personId, identification.id)).status).toBe('pending_successful');
    const uploaded = await before.client.uploadIdentificationDocument(personId, identification.id, {
      documentType: 'OTHER',
      file: new Uint8Array([7, 8, 9]),
      fileName: 'note.bin',
    });
    const subscription = await before.client.createWebhookSubscription({ event_type: 'PERSON_CHANGED', url: 'http://127.0.0.1:9/hook' });
    const clockBefore = before.sandbox.clock.nowMs();
    await before.close();
    await first.close();

    const second = await openDatabase({ dataDir });
    const after = await startTestSandbox({ database: second });
    try {
      expect(after.sandbox.clock.nowMs()).toBeGreaterThanOrEqual(clockBefore);
      expect((await after.client.getPerson(personId)).first_name).toBe('X-AUTOTEST-LONGREVIEW');
      expect((await after.client.getIdentification(personId, identification.id)).status).toBe('pending_successful');
      const file = await after.client.downloadDocumentFile(personId, uploaded.id);
      expect([...file.bytes]).toEqual([7, 8, 9]);
      expect((await after.client.listWebhookSubscriptions()).map((entry) => entry.id)).toContain(subscription.id);

      // The review scheduled before the restart still happens 24 hours later.
      await after.advance(24 * HOUR);
      expect((await after.client.getIdentification(personId, identification.id)).status).toBe('successful');
    } finally {
      await after.close();
      await second.close();
    }
  });
});
