import { Module } from '@nestjs/common';
import { NeedService } from './need.service';

/**
 * The need taxonomy, shared by the cases that record needs, the directory whose services meet them and the
 * referrals that send for them: it sits below them all, so none depends on another for it.
 */
@Module({
  providers: [NeedService],
  exports: [NeedService],
})
export class NeedsModule {}
