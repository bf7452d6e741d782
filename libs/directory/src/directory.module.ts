import { Module } from '@nestjs/common';
import { AccessModule } from '@zhulian/access';
import { NeedsModule } from '@zhulian/core';
import { HsdsExportService } from './hsds/hsds-export.service';
import { HsdsImportService } from './hsds/hsds-import.service';
import { HsdsResolver } from './hsds/hsds.resolver';
import { AcceptedReferralToMe } from './services/service.rules';
import { DirectoryService } from './services/directory.service';
import { DirectoryStats } from './services/directory-stats';
import { ServiceFacts } from './services/service-facts';
import { ServicePlaces } from './services/service-places';
import { ServiceResolver } from './services/service.resolver';
import { ServiceStore } from './services/service.store';

/** The alliance's service directory (Open Referral HSDS-shaped): services, their places, schedules and capacity. */
@Module({
  imports: [AccessModule, NeedsModule],
  providers: [AcceptedReferralToMe, ServiceStore, DirectoryService, DirectoryStats, ServicePlaces, ServiceFacts, ServiceResolver, HsdsImportService, HsdsExportService, HsdsResolver],
  exports: [AcceptedReferralToMe, DirectoryService, DirectoryStats, ServicePlaces, ServiceFacts, HsdsExportService],
})
export class DirectoryModule {}
