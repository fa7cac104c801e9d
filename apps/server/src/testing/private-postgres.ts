import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './harness.ts';

const BIN = '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  url: string;
  /** Stops the server at once, as a crash or a lost machine would (`immediate`), or cleanly (`fast`). */
  stop(mode?: 'immediate' | 'fast'): void;
  start(): void;
  /** Stops it and deletes its files. */
  remove(): void;
}

/**
 * A PostgreSQL 15 server of the test's own, in a temporary directory on a free port, that the
 * test may stop and start again (the shared test server must stay up for the other tests).
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user of the package.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  if (!fs.existsSync(path.join(BIN, 'initdb'))) {
    throw new Error(`PostgreSQL 15 is not installed (${BIN}): apt-get install postgresql-15`);
  }
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'identdesk-private-pg-'));
  const dataDir = path.join(dir, 'data');
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const port = await freePort();
  const run = (command: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(BIN, command), asRoot ? ['-u', 'postgres', '--', path.join(BIN, command), ...args] : args, {
      cwd: dir,
      stdio: 'pipe',
    });
  run('initdb', ['-D', dataDir, '-U', 'identdesk', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const start = () =>
    run('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  start();
  let stopped = false;
  return {
    url: `postgres://identdesk@127.0.0.1:${port}/postgres`,
    stop(mode = 'immediate') {
      run('pg_ctl', ['-D', dataDir, '-w', '-m', mode, 'stop']);
      stopped = true;
    },
    start() {
      start();
      stopped = false;
    },
    remove() {
      if (!stopped) {
        try {
          run('pg_ctl', ['-D', dataDir, '-w', '-m', 'immediate', 'stop']);
        } catch {
          // Already down.
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
