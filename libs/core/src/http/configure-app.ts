import { DynamicModule, ForwardReference, INestApplication, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from '../config/app-config';
import { HTTP_LOGGER } from '../logging/logging';
import { PlatformModule } from '../platform.module';
import { bodyParserErrors } from './body-parser-errors';
import { contentTypeGuard, documentNestingGuard } from './request-guards';
import { FirstScreens } from './first-screens';
import { webAppMiddleware } from './web-app';

/** Largest request body accepted; a GraphQL operation with its variables fits many times over. */
export const MAX_BODY_BYTES = 256 * 1024;

export type Importable = Type | DynamicModule | ForwardReference;

/**
 * The API application as every process builds it (the server and the test harness alike): the
 * platform under the given modules, body limits, structured logs, proxy trust, graceful shutdown.
 */
export async function createApiApplication(
  config: AppConfig,
  imports: Importable[],
  options: { logDestination?: DestinationStream } = {},
): Promise<INestApplication> {
  @Module({ imports: [PlatformModule.forRoot({ config, logDestination: options.logDestination }), ...imports] })
  class RootModule {}

  const app = await NestFactory.create<NestExpressApplication>(RootModule, { bufferLogs: true, bodyParser: false, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Security headers on every answer (nosniff, no referrer, no framing, HSTS behind TLS). The content
  // security policy is set on the web app's page only: Apollo's development sandbox needs its CDN.
  app.use(helmet({ contentSecurityPolicy: false, referrerPolicy: { policy: 'no-referrer' } }));
  app.use(contentTypeGuard);
  app.useBodyParser('json', { limit: MAX_BODY_BYTES });
  app.useBodyParser('urlencoded', { limit: MAX_BODY_BYTES, extended: false });
  app.use(bodyParserErrors);
  app.use(documentNestingGuard);
  app.use(cookieParser());
  const web = webAppMiddleware(config.webDir, app.get(FirstScreens), config.firstScreenWaitMs);
  if (web) app.use(web);
  // Every request to the API is logged with its id (X-Request-Id), as the web app's files are not.
  app.use(app.get(HTTP_LOGGER));
  // Behind the load balancer the client's address is the last hop it adds to X-Forwarded-For.
  app.set('trust proxy', config.trustProxy ? 1 : false);
  app.set('etag', false); // GraphQL answers are POST responses: an ETag is work for nothing
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}
