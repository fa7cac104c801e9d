import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** The port only names the socket file (`.s.PGSQL.5432`): nothing listens on TCP. */
export const EMBEDDED_PORT = 5432;

export interface EmbeddedPostgres {
  /** Directory holding the unix socket: use as `host` for node-postgres. */
  socketDir: string;
  port: number;
  /** Writes a dump of the data directory to `file` (for test templates). */
  dump(file: string): Promise<void>;
  /** Stops the socket server, closes PGlite (flushing a data directory) and ends the worker. */
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  /** Persist here (created if missing); in memory when absent. */
  dataDir?: string;
  /** Start from a dump made by `dump()` instead of an empty cluster. */
  loadDataDirFrom?: string;
  maxConnections: number;
  onError: (error: Error) => void;
}

type WorkerReply =
  | { type: 'ready' }
  | { type: 'failed'; error: unknown }
  | { type: 'done'; id: number; error?: unknown };

const workerUrl = new URL('./pglite-worker.mjs', import.meta.url);

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no lock of its own and two instances on one data directory corrupt it, so a
 * `<dataDir>.lock` file holds the owning pid. A lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
      if (Number.isInteger(holder) && isRunning(holder)) {
        throw new Error(`PGlite data directory ${dataDir} is already open (process ${holder}, lock ${lockFile})`, {
          cause: error,
        });
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`could not lock PGlite data directory ${dataDir}`);
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** Starts PGlite (with pg_trgm and btree_gin) in a worker thread behind a pglite-socket unix socket. */
export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedPostgres> {
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(path.dirname(dataDir), { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let socketDir: string;
  try {
    socketDir = await mkdtemp(path.join(tmpdir(), 'identdesk-pglite-'));
  } catch (error) {
    unlock();
    throw error;
  }
  const worker = new Worker(workerUrl, {
    workerData: {
      dataDir,
      loadDataDirFrom: options.loadDataDirFrom,
      socketPath: path.join(socketDir, `.s.PGSQL.${EMBEDDED_PORT}`),
      maxConnections: options.maxConnections,
    },
  });

  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let started = false;
  let stopRequested = false;
  let exited = false;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') resolve();
      else if (reply.type === 'failed') reject(asError(reply.error));
      else {
        const request = pending.get(reply.id);
        pending.delete(reply.id);
        if (reply.error === undefined) request?.resolve();
        else request?.reject(asError(reply.error));
      }
    });
    worker.on('error', (error) => {
      if (started) options.onError(error);
      else reject(error);
    });
    worker.on('exit', (code) => {
      exited = true;
      const error = new Error(`PGlite worker exited with code ${code}`);
      if (started && !stopRequested) options.onError(error);
      reject(error);
      for (const request of pending.values()) request.reject(error);
      pending.clear();
    });
  });

  const request = (message: Record<string, unknown>) =>
    new Promise<void>((resolve, reject) => {
      if (exited) return reject(new Error('PGlite worker is not running'));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });

  // A process that exits without close() still removes its socket directory and lock.
  const cleanUpAtExit = () => {
    rmSync(socketDir, { recursive: true, force: true });
    unlock();
  };
  process.once('exit', cleanUpAtExit);

  try {
    await ready;
    started = true;
  } catch (error) {
    process.off('exit', cleanUpAtExit);
    await worker.terminate();
    await rm(socketDir, { recursive: true, force: true });
    unlock();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    socketDir,
    port: EMBEDDED_PORT,
    dump: (file) => request({ type: 'dump', file }),
    stop() {
      stopping ??= (async () => {
        stopRequested = true;
        try {
          if (!exited) await request({ type: 'close' });
        } finally {
          process.off('exit', cleanUpAtExit);
          await worker.terminate();
          await rm(socketDir, { recursive: true, force: true });
          unlock();
        }
      })();
      return stopping;
    },
  };
}
