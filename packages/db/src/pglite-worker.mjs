// Runs PGlite off the main thread: PGlite executes queries on the thread that calls it, so a
// slow query here would otherwise freeze the HTTP server. The main thread talks to it through
// pglite-socket exactly as to a PostgreSQL server (see embedded.ts).
// Plain JavaScript on purpose: a worker is started by Node itself, outside tsx's or vitest's
// TypeScript loaders.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir, socketPath, maxConnections, loadDataDirFrom } = workerData;

async function start() {
  const loadDataDir = loadDataDirFrom ? new Blob([await readFile(loadDataDirFrom)]) : undefined;
  const db = await PGlite.create({ dataDir, loadDataDir, extensions: { pg_trgm, btree_gin } });
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections });
  await server.start();
  return { db, server };
}

async function handle({ db, server }, message) {
  switch (message.type) {
    case 'dump': {
      const dump = await db.dumpDataDir('none');
      const partial = `${message.file}.${process.pid}.${Date.now()}.partial`;
      await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      await rename(partial, message.file);
      return;
    }
    case 'close':
      await server.stop();
      await db.close();
      return;
    default:
      throw new Error(`unknown message ${message.type}`);
  }
}

try {
  const instance = await start();
  parentPort.on('message', (message) => {
    handle(instance, message).then(
      () => parentPort.postMessage({ type: 'done', id: message.id }),
      (error) => parentPort.postMessage({ type: 'done', id: message.id, error }),
    );
  });
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({ type: 'failed', error });
}
