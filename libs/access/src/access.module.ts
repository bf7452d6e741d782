import { Global, Module } from '@nestjs/common';
import { AuditTrail } from './audit/audit-trail';

/** Access control and its audit trail, for every domain module. */
@Global()
@Module({
  providers: [AuditTrail],
  exports: [AuditTrail],
})
export class AccessModule {}
