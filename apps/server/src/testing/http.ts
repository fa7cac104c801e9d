import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Express } from 'express';

/** Listens on a free port of 127.0.0.1; `close()` stops it. */
export async function listenForTest(app: Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A built web app of one index.html, in a temp directory, for servers under test. */
export function fakeWebDist(): string {
  const webDistDir = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-web-'));
  fs.writeFileSync(path.join(webDistDir, 'index.html'), '<!doctype html><title>Identdesk</title><div id="root"></div>');
  return webDistDir;
}

/** A log destination that keeps every line, to check what was (not) logged. */
export function collectLines(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
}
