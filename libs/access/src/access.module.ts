import { Global, Module } from '@nestjs/common';
import { useFieldMiddleware } from '@zhulian/core';
import { AuditQueryService } from './audit/audit-query.service';
import { AuditResolver } from './audit/audit.resolver';
import { AuditTrail } from './audit/audit-trail';
import { accessFieldMiddleware } from './fields/access-field.middleware';
import { AccessPlugin } from './fields/access.plugin';

// Loaded with the module, before the schema is built: every field passes the access check.
useFieldMiddleware(accessFieldMiddleware);

/** Access control and its audit trail, for every domain module. */
@Global()
@Module({
  providers: [AuditTrail, AccessPlugin, AuditQueryService, AuditResolver],
  exports: [AuditTrail, AuditQueryService],
})
export class AccessModule {}
