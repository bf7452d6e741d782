import 'reflect-metadata';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { auditKey, AuditTrail, verifyAuditChain } from '@zhulian/access';
import { AppConfig, CLOCK, Clock, ConfigError, databaseOptions, loadConfig, PlatformModule } from '@zhulian/core';
import { PasswordHasher, seedIdentityDemo } from '@zhulian/identity';
import { seedDirectoryDemo } from '@zhulian/directory';
import { MIGRATIONS } from '@zhulian/migrations';
import { seedWorkDemo } from '@zhulian/referrals';
import { IdNumberVault, seedRegistryDemo } from '@zhulian/registry';
import { seedTasksDemo } from '@zhulian/tasks';
import { InsightEvaluation, seedInsightsDemo } from '@zhulian/insights';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';

const USAGE = `usage: cli <command>
  migrate          apply pending migrations
  migrate:revert   undo the last migration
  seed-demo        load the demo alliance (idempotent; refused in production)
  audit:verify     check the audit trail's hash chain; names the first broken link
  insights:evaluate  evaluate every early-warning rule now (as the nightly job does); prints what it did as JSON`;

async function run(command: string | undefined): Promise<void> {
  const config = loadConfig();
  if (command === 'seed-demo' && config.isProduction) {
    throw new Error('The demo alliance is never loaded when NODE_ENV=production.');
  }
  const db = new DataSource(databaseOptions(config.databaseUrl, { migrations: MIGRATIONS, poolSize: 2 }));
  await db.initialize();
  try {
    switch (command) {
      case 'migrate': {
        const applied = await db.runMigrations({ transaction: 'each' });
        say(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'database schema is up to date');
        break;
      }
      case 'migrate:revert':
        await db.undoLastMigration({ transaction: 'each' });
        say('reverted the last migration');
        break;
      case 'seed-demo': {
        const added = await db.transaction(async (tx) => ({
          ...(await seedIdentityDemo(tx, new PasswordHasher())),
          ...(await seedRegistryDemo(tx, new IdNumberVault(config))),
          ...(await seedDirectoryDemo(tx)),
          ...(await seedWorkDemo(tx)),
        }));
        // The volunteer tasks are told through the tasks lib's services, each step its own transaction, on what was just committed.
        const context = await applicationContext(config);
        const { tasks, insights } = await (async () => ({ tasks: await seedTasksDemo(context), insights: await seedInsightsDemo(context) }))()
          .finally(() => context.close());
        say(`demo alliance: ${added.organisations} organisations, ${added.users} users, ${added.people} people in ${added.households} households and ${added.consents} consents added; ${added.services} directory services, ${added.cases} cases and ${added.referrals} referrals added; ${tasks.volunteerProfiles} volunteer profiles, ${tasks.tasks} volunteer tasks and ${tasks.claims} claims added; ${insights.lines} minimum-living lines, ${insights.alerts} early-warning alerts raised`);
        if (tasks.skipped.length > 0) say(`demo tasks left out (their demo users were changed): ${tasks.skipped.join('; ')}`);
        break;
      }
      case 'audit:verify': {
        // Reads recorded by the API a moment ago are linked first, so that the whole trail is checked.
        await new AuditTrail(config).flush(db.manager);
        const report = await verifyAuditChain(db, auditKey(config));
        if (!report.intact) {
          process.exitCode = 1;
          say(`audit trail BROKEN at event ${report.position}: ${report.problem === 'EDITED' ? 'its content was changed' : 'the link to the event before it is broken (an event was removed or inserted)'}`);
        } else {
          say(`audit trail intact: ${report.events} events, head ${report.head}`);
        }
        break;
      }
      case 'insights:evaluate': {
        const context = await applicationContext(config);
        try {
          const started = performance.now();
          const result = await context.get(InsightEvaluation).evaluate(context.get<Clock>(CLOCK).now());
          say(JSON.stringify({ ...result, seconds: Math.round(performance.now() - started) / 1000 }));
          if (result.failed > 0) process.exitCode = 1;
        } finally {
          await context.close();
        }
        break;
      }
      default:
        throw new Error(USAGE);
    }
  } finally {
    await db.destroy();
  }
}

/** The API's modules without its HTTP server or its background jobs: for commands that act through the libs' services. */
async function applicationContext(config: AppConfig): Promise<INestApplicationContext> {
  @Module({ imports: [PlatformModule.forRoot({ config: { ...config, jobs: false } }), AppModule] })
  class CommandModule {}
  return NestFactory.createApplicationContext(CommandModule, { logger: ['error', 'warn'] });
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

run(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
