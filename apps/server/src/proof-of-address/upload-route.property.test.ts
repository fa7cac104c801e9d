import { proofOfAddressSubmissions, settleMetricRollups } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { addMonthsClamped, berlinCalendarDate, PROOF_OF_ADDRESS_TYPES } from '@identdesk/domain';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncIdentification } from '../ingest/sync.ts';
import type { RunningServer } from '../server.ts';
import { createPasswordUser } from '../testing/auth.ts';
import { businessTables, changedContents, HOSTILE_STRINGS, tableContents, type TableContent } from '../testing/bad-input.ts';
import { sampleHtml, sampleJpeg, samplePdf, samplePng, sampleZip } from '../testing/files.ts';
import { createDeliverySwitch, startTestServer, waitFor } from '../testing/harness.ts';
import { CSRF_HEADERS, signIn } from '../testing/session.ts';
import { createIdentificationAtSolaris } from '../testing/solaris-fixtures.ts';

/**
 * POST /api/persons/:personId/proof-of-address against arbitrary multipart: missing and repeated
 * parts, unknown fields, junk files, bodies cut off half-way, wrong content types and boundaries,
 * bad dates. Never a 500; a refusal names the fields; and a refused upload leaves no submission,
 * no stored file and no audit event behind, and changes no row that was there (tables are
 * compared by content). When the junk happens to be a valid proof, it is recorded whole: one
 * submission, one file, one audit event.
 */

let database: TestDatabase;
let server: RunningServer;
let agentCookie: string;
let personId: string;
let identificationId: string;
let tables: string[];
const deliveries = createDeliverySwitch();

beforeAll(async () => {
  database = await openTestDatabase();
  // The sandbox's own webhooks are dropped: the customer is synchronised once below, and a
  // webhook worked off in the background would change the customer's rows between the
  // snapshots this file compares.
  deliveries.state.mode = 'lose';
  server = await startTestServer({ database, sandboxFetch: deliveries.fetch });
  agentCookie = await signIn(server.localUrl, (await createPasswordUser(database.db, { role: 'agent' })).email);
  const created = await createIdentificationAtSolaris(server.solaris);
  personId = created.personId;
  identificationId = created.identificationId;
  await syncIdentification({ db: database.db, solaris: server.solaris, now: server.now }, { personId, identificationId, source: 'webhook' });
  // Counted into the metrics now: the server's settler would otherwise do it in the background,
  // between the snapshots a refused upload is judged by.
  await settleMetricRollups(database.db);
  tables = await businessTables(database.db);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await database?.close();
});

const today = () => berlinCalendarDate(new Date());

/** The upload outbox sends recorded proofs to Solaris in the background and stores the document it got back. */
const WRITTEN_IN_THE_BACKGROUND = ['documents'];
const changedByTheRoute = (before: Record<string, TableContent>, after: Record<string, TableContent>) =>
  changedContents(before, after, WRITTEN_IN_THE_BACKGROUND);

/**
 * One submission, its file and its audit event (the team-work rollups may count it too). Then
 * waits until the outbox has sent it to Solaris: its upload marks the submission in place, which
 * must not be taken for a change made by the next, refused upload.
 */
async function expectRecordedOnce(before: Record<string, TableContent>, after: Record<string, TableContent>, what: string) {
  for (const table of ['proof_of_address_submissions', 'stored_files', 'audit_events']) {
    expect(after[table]?.rows, `${what}: ${table}`).toBe((before[table]?.rows ?? 0) + 1);
  }
  await waitFor(
    () => database.db.$count(proofOfAddressSubmissions, eq(proofOfAddressSubmissions.uploadStatus, 'pending')),
    (pending) => pending === 0,
    { what: 'the recorded proof sent to Solaris by the upload outbox' },
  );
}

interface Part {
  name: string;
  value: Buffer;
  fileName?: string;
  contentType?: string;
}

const text = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Stands for the customer's identification id, known only once the test has created it. */
const THE_IDENTIFICATION = '<the customer identification>';

const fieldValue: Record<string, fc.Arbitrary<string>> = {
  type: fc.oneof(fc.constantFrom(...PROOF_OF_ADDRESS_TYPES), text),
  issuedOn: fc.oneof(
    fc.constantFrom(addMonthsClamped(today(), -1), today(), '2024-02-30', '31.12.2024', '0000-01-01', '9999-12-31', '2024-1-5', `${today()}T00:00:00Z`),
    text,
  ),
  note: text,
  identificationId: fc.oneof(fc.constant(THE_IDENTIFICATION), fc.constant(`${'0'.repeat(32)}cidt`), text),
};

const fileBytes = fc.oneof(
  fc.constantFrom(samplePdf(), samplePng(), sampleJpeg(), sampleHtml(), sampleZip(), Buffer.alloc(0)),
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
  // A PDF's start and then anything: file-type trusts the magic bytes.
  fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(bytes)])),
);

const part: fc.Arbitrary<Part> = fc.oneof(
  ...Object.entries(fieldValue).map(([name, value]) => value.map((chosen) => ({ name, value: Buffer.from(chosen) }))),
  fc.record(
    {
      name: fc.constantFrom('file', 'file', 'attachment', 'note'),
      value: fileBytes,
      fileName: fc.oneof(fc.constantFrom('scan.pdf', '', '../../etc/passwd', 'a"b.pdf', 'x'.repeat(300), 'x'.repeat(100_000), 'rechnung\u0000.pdf'), fc.string({ maxLength: 30 })),
      contentType: fc.constantFrom('application/pdf', 'image/png', 'text/html', 'application/octet-stream', ''),
    },
    { requiredKeys: ['name', 'value', 'fileName'] },
  ),
  fc.record({ name: fc.string({ maxLength: 20 }), value: text.map((chosen) => Buffer.from(chosen)) }),
);

/** Quotes a header parameter the way browsers do (a quote becomes %22, line breaks are dropped). */
const quoted = (value: string) => `"${value.replaceAll('"', '%22').replace(/[\r\n]/g, '')}"`;

function multipart(parts: readonly Part[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const { name, value, fileName, contentType } of parts) {
    const disposition = `form-data; name=${quoted(name)}${fileName === undefined ? '' : `; filename=${quoted(fileName)}`}`;
    const headers = `Content-Disposition: ${disposition}\r\n${contentType ? `Content-Type: ${contentType}\r\n` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\n${headers}\r\n`), value, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** What reaches the server: the form, or the form cut short, under a declared content type. */
const request = fc.record({
  parts: fc.array(part, { maxLength: 7 }),
  boundary: fc.constantFrom('----identdesk-boundary', 'x', 'a'.repeat(70)),
  declaredBoundary: fc.constantFrom('same', 'other', 'none'),
  contentType: fc.constantFrom('multipart/form-data', 'multipart/form-data', 'multipart/mixed', 'application/json', 'text/plain'),
  cutAt: fc.option(fc.nat(), { freq: 3 }),
  person: fc.constantFrom('valid', 'valid', 'valid', 'unknown', 'junk'),
});

describe('POST /api/persons/:personId/proof-of-address with arbitrary multipart', () => {
  it('never answers 500, names the fields it refuses, and stores nothing for a refused upload', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (sent) => {
        const parts = sent.parts.map((chosen) =>
          chosen.value.toString('utf8') === THE_IDENTIFICATION ? { ...chosen, value: Buffer.from(identificationId) } : chosen,
        );
        let body = multipart(parts, sent.boundary);
        if (sent.cutAt !== null) body = body.subarray(0, sent.cutAt % (body.length + 1));
        const boundary = sent.declaredBoundary === 'same' ? `; boundary=${sent.boundary}` : sent.declaredBoundary === 'other' ? '; boundary=elsewhere' : '';
        const target = sent.person === 'valid' ? personId : sent.person === 'unknown' ? `${'0'.repeat(32)}cper` : '%E2%80%AE%00..';

        const before = await tableContents(database.db, tables);
        const response = await fetch(`${server.localUrl}/api/persons/${target}/proof-of-address`, {
          method: 'POST',
          headers: { cookie: agentCookie, ...CSRF_HEADERS, 'content-type': `${sent.contentType}${boundary}` },
          body: new Uint8Array(body),
        });
        const answer = (await response.json().catch(() => null)) as { error?: { fieldErrors?: { field: string; message: string }[] } } | null;
        const after = await tableContents(database.db, tables);
        const what = `${response.status} ${JSON.stringify(answer).slice(0, 300)} for ${sent.contentType}${boundary}, parts ${parts
          .map((chosen) => `${chosen.name}=${chosen.fileName ?? chosen.value.toString('utf8').slice(0, 30)}`)
          .join(' | ')}${sent.cutAt === null ? '' : `, cut at ${sent.cutAt}`}`;

        expect(response.status, what).toBeLessThan(500);
        if (response.status === 201) {
          // A valid proof among the junk: recorded whole.
          await expectRecordedOnce(before, after, what);
          return;
        }
        expect(changedByTheRoute(before, after), what).toEqual([]);
        if (response.status === 400 || response.status === 413) {
          const fieldErrors = answer?.error?.fieldErrors ?? [];
          expect(fieldErrors.length, what).toBeGreaterThan(0);
          for (const error of fieldErrors) {
            expect(error.field, what).not.toBe('');
            expect(error.message, what).toMatch(/\S/);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a valid proof with one field replaced by junk is recorded whole or refused naming that field', async () => {
    const boundary = '----identdesk-boundary';
    const validFields: Record<string, string> = {
      type: 'GAS_BILL',
      issuedOn: addMonthsClamped(today(), -1),
      note: 'Sent by post, original seen.',
      identificationId,
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(validFields)), text, fc.boolean(), async (field, junk, junkFileName) => {
        const fields = { ...validFields, [field]: junk };
        const parts: Part[] = [
          ...Object.entries(fields).map(([name, value]) => ({ name, value: Buffer.from(value) })),
          { name: 'file', value: samplePdf(), fileName: junkFileName ? junk : 'scan.pdf', contentType: 'application/pdf' },
        ];
        const before = await tableContents(database.db, tables);
        const response = await fetch(`${server.localUrl}/api/persons/${personId}/proof-of-address`, {
          method: 'POST',
          headers: { cookie: agentCookie, ...CSRF_HEADERS, 'content-type': `multipart/form-data; boundary=${boundary}` },
          body: new Uint8Array(multipart(parts, boundary)),
        });
        const answer = (await response.json()) as { error?: { fieldErrors: { field: string }[] } };
        const what = `${field}=${JSON.stringify(junk).slice(0, 80)}${junkFileName ? ' (also the file name)' : ''}: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`;
        const after = await tableContents(database.db, tables);
        if (response.status === 201) {
          await expectRecordedOnce(before, after, what);
          return;
        }
        const changed = changedByTheRoute(before, after);
        expect(response.status, what).toBe(400);
        const named = answer.error?.fieldErrors.map((error) => error.field) ?? [];
        // A junk file name may leave the file, or the whole form, unreadable: then that is named.
        expect(named.includes(field) || (junkFileName && (named.includes('file') || named.includes('form'))), what).toBe(true);
        expect(changed, what).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('a body far larger than any proof, declared or not, is refused 413 and nothing is stored', async () => {
    const before = await tableContents(database.db, tables);
    const boundary = '----identdesk-boundary';
    const huge = multipart(
      [
        { name: 'type', value: Buffer.from('GAS_BILL') },
        { name: 'issuedOn', value: Buffer.from(addMonthsClamped(today(), -1)) },
        { name: 'file', value: Buffer.concat([samplePdf(), Buffer.alloc(11 * 1024 * 1024, 0x20)]), fileName: 'scan.pdf', contentType: 'application/pdf' },
      ],
      boundary,
    );
    // Streamed, so no content-length is declared: the limit must hold while reading.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < huge.length; offset += 1024 * 1024) controller.enqueue(new Uint8Array(huge.subarray(offset, offset + 1024 * 1024)));
        controller.close();
      },
    });
    const response = await fetch(`${server.localUrl}/api/persons/${personId}/proof-of-address`, {
      method: 'POST',
      headers: { cookie: agentCookie, ...CSRF_HEADERS, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(changedByTheRoute(before, await tableContents(database.db, tables))).toEqual([]);
  });
});
