import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/config.tokens';
import { CLOCK, systemClock } from './clock/clock';
import { databaseOptions } from './database/database-options';
import { HttpErrorFilter } from './errors/http-error.filter';
import { InputValidationPipe } from './errors/validation.pipe';
import { ErrorReportingPlugin } from './graphql/error-reporting.plugin';
import { InternalQueries } from './graphql/internal-queries';
import { FirstScreens } from './http/first-screens';
import { graphqlOptions } from './graphql/graphql-options';
import { HTTP_LOGGER, pinoHttpOptions } from './logging/logging';
import { JobRunner } from './jobs/job-runner';
import { useCursorSecret } from './pagination/cursor';
import { RedisConnection } from './redis/redis-connection';

export interface PlatformOptions {
  config: AppConfig;
  /** Where logs go; stdout when absent. Tests pass a stream to read what was logged. */
  logDestination?: DestinationStream;
}

/**
 * What every Zhulian process stands on: validated config, structured logs, the database, GraphQL with
 * its limits and error mapping, and input validation. Domain modules are imported beside it.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot({ config, logDestination }: PlatformOptions): DynamicModule {
    // Cursors are signed with a key derived from the server secret, so every node accepts every node's cursors.
    useCursorSecret(config.jwtSecret);
    const options = pinoHttpOptions(config, logDestination);
    const httpLogger = Array.isArray(options) ? pinoHttp(...options) : pinoHttp(options);
    return {
      module: PlatformModule,
      imports: [
        // Request logs come from one pino-http middleware that configureApp puts before the routes. nestjs-pino is given its
        // logger and no routes: its own middleware would run every request in an AsyncLocalStorage, which turns on a hook
        // on every promise the request makes (about 5 % of a GraphQL answer's CPU). The two places that log within a
        // request (ErrorReportingPlugin, HttpErrorFilter) name the request id themselves.
        LoggerModule.forRoot({ pinoHttp: { logger: httpLogger.logger }, forRoutes: [] }),
        TypeOrmModule.forRoot({ ...databaseOptions(config.databaseUrl), autoLoadEntities: true }),
        GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, ...graphqlOptions(config) }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: HTTP_LOGGER, useValue: httpLogger },
        // A fresh object per application, so that a test may move one application's time alone.
        { provide: CLOCK, useFactory: () => ({ now: systemClock.now }) },
        { provide: APP_PIPE, useClass: InputValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        ErrorReportingPlugin,
        JobRunner,
        RedisConnection,
        InternalQueries,
        FirstScreens,
      ],
      exports: [APP_CONFIG, HTTP_LOGGER, CLOCK, JobRunner, RedisConnection, InternalQueries, FirstScreens],
    };
  }
}
