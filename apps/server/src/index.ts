import { ConfigError, loadConfig } from './env.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';

async function main() {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const server = await startServer({ config, logger });
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  logger.info({ port: server.port }, `Identdesk listening on http://${host}:${server.port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await server.stop();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
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
