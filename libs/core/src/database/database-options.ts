import { DataSourceOptions, MigrationInterface } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

/** The one way to connect: used by the API, the CLI and the test harness alike. */
export function databaseOptions(url: string, extra: { migrations?: MigrationClass[]; poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: extra.migrations ?? [],
    migrationsTableName: 'schema_migrations',
    logging: false,
    extra: {
      max: extra.poolSize ?? 10,
      application_name: 'zhulian',
      // A runaway statement is cut off rather than holding a connection and locks indefinitely.
      statement_timeout: 15_000,
      idle_in_transaction_session_timeout: 30_000,
      // No JIT compilation: PostgreSQL compiles a statement whose estimated cost passes jit_above_cost, which a batch of
      // rule-compiled reads (queryBatched) does, and the compiling took 0.6 s of each such 30 ms statement (people bench, C).
      options: '-c jit=off',
    },
  };
}
