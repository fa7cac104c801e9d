import express from 'express';
import { openDatabase } from '@identdesk/db';
import { consoleLogger, errorDetails } from './core/logger.ts';
import { createSandbox, DEFAULT_BASE_PATH } from './create-sandbox.ts';
import { readStandaloneEnv } from './env.ts';

// The sandbox on its own: `pnpm --filter @identdesk/sandbox start`. Identdesk's server mounts the
// same router at /sandbox/solaris instead.
const env = readStandaloneEnv();
const logger = consoleLogger('solaris-sandbox');
const database = await openDatabase({
  ...(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.DATA_DIR }),
  // The sandbox needs only its own schema, which it migrates itself.
  migrate: false,
});
const sandbox = createSandbox({
  pool: database.pool,
  publicBaseUrl: env.SANDBOX_PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`,
  timeScale: env.SANDBOX_TIME_SCALE,
  controlApi: env.SANDBOX_CONTROL_API,
  logger,
  ...(env.SANDBOX_CLIENT_ID ? { clientId: env.SANDBOX_CLIENT_ID } : {}),
  ...(env.SANDBOX_CLIENT_SECRET ? { clientSecret: env.SANDBOX_CLIENT_SECRET } : {}),
  ...(env.SANDBOX_SEED ? { randomSeed: env.SANDBOX_SEED } : {}),
});
await sandbox.start();

const app = express();
app.disable('x-powered-by');
app.get('/healthz', (_req, res) => void res.json({ ok: true }));
app.use(DEFAULT_BASE_PATH, sandbox.router);
const server = app.listen(env.PORT, env.HOST, () => {
  logger.info(
    { url: `http://${env.HOST}:${env.PORT}${DEFAULT_BASE_PATH}`, database: database.kind, timeScale: env.SANDBOX_TIME_SCALE },
    'Solaris sandbox listening',
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  server.close();
  server.closeAllConnections();
  try {
    await sandbox.stop();
    await database.close();
    process.exit(0);
  } catch (error) {
    logger.error(errorDetails(error), 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
