import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

/** Largest request body accepted; a GraphQL operation with its variables fits many times over. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * HTTP settings every API process shares (the server and the test harness): body limits, the
 * structured logger, proxy trust and graceful shutdown.
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.useBodyParser('json', { limit: MAX_BODY_BYTES });
  express.useBodyParser('urlencoded', { limit: MAX_BODY_BYTES, extended: false });
  express.disable('x-powered-by');
  // Behind the load balancer the client's address is the last hop it adds to X-Forwarded-For.
  express.set('trust proxy', config.trustProxy ? 1 : false);
  app.enableShutdownHooks();
}
