import { Module } from '@nestjs/common';
import { AccessModule } from '@zhulian/access';
import { CasesModule } from '@zhulian/cases';
import './services/service.rules';
import { DirectoryService } from './services/directory.service';
import { ServiceResolver } from './services/service.resolver';
import { ServiceStore } from './services/service.store';

/** The alliance's service directory (Open Referral HSDS-shaped): services, their places, schedules and capacity. */
@Module({
  imports: [AccessModule, CasesModule],
  providers: [ServiceStore, DirectoryService, ServiceResolver],
  exports: [DirectoryService],
})
export class DirectoryModule {}
