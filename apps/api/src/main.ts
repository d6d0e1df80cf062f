import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigurationError, loadConfig } from './config/app-config';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    await app.close();
    throw error;
  }
  app
    .get(require('nestjs-pino').Logger)
    .log(`Listening on http://localhost:${config.port} (event store: ${config.eventStore}, OpenAPI at /docs)`);
}

// A failure to start (data directory not writable, port taken, store unreachable) gets one line, not a stack.
bootstrap().catch((error: Error & { code?: string }) => {
  process.stderr.write(`Cannot start: ${error.code ? `${error.code}: ` : ''}${error.message}\n`);
  process.exit(1);
});
