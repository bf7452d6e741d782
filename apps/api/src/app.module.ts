import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { IdentityModule } from '@zhulian/identity';
import { RegistryModule } from '@zhulian/registry';
import { CasesModule } from '@zhulian/cases';
import { DirectoryModule } from '@zhulian/directory';
import { ReferralsModule } from '@zhulian/referrals';
import { RealtimeModule } from '@zhulian/realtime';
import { TasksModule } from '@zhulian/tasks';
import { InsightsModule } from '@zhulian/insights';
import { HealthController } from './health/health.controller';

/**
 * What the API serves, beside the platform (config, logs, database, GraphQL) that main.ts and the
 * test harness put under it. Wiring only: every rule lives in a lib.
 */
@Module({
  imports: [TerminusModule, IdentityModule, RegistryModule, CasesModule, DirectoryModule, ReferralsModule, TasksModule, RealtimeModule, InsightsModule],
  controllers: [HealthController],
})
export class AppModule {}
