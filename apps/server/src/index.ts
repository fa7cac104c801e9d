import { openDatabase } from '@identdesk/db';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './env.ts';
import { createLogger } from './logger.ts';

async function main() {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
  );
  logger.info({ database: database.kind }, 'database ready, migrations applied');

  const app = createApp({ database, logger, webDistDir: config.webDistDir });
  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port }, `Identdesk listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Identdesk failed to start:', error);
  }
  process.exit(1);
});
