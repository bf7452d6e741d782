import 'reflect-metadata';
import { ConfigError, createApiApplication, loadConfig } from '@zhulian/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApplication(config, [AppModule]);
  const logger = app.get(Logger);
  // A stray rejection is a bug to log, not a reason to drop every other request in flight.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  await app.listen(config.port, config.host);
  process.stdout.write(`Zhulian API listening on http://${config.host}:${config.port}/graphql\n`);
}

main().catch((error: unknown) => {
  // A bad configuration is the operator's to fix: say what, without a stack trace.
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `Zhulian API failed to start: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
