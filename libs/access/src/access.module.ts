import { Global, Module } from '@nestjs/common';
import { useSchemaTransform } from '@zhulian/core';
import { AuditQueryService } from './audit/audit-query.service';
import { AuditResolver } from './audit/audit.resolver';
import { AuditTrail } from './audit/audit-trail';
import { AuditChainer } from './audit/audit-chainer';
import { protectFields } from './fields/access-field.middleware';
import { SecurityAlertResolver } from './alerts/security-alert.resolver';
import { SecurityAlerts } from './alerts/security-alerts';
import { AccessPlugin } from './fields/access.plugin';

// Loaded with the module, before the schema is built: every field of a protected type passes the access check.
useSchemaTransform(protectFields);

/** Access control and its audit trail, for every domain module. */
@Global()
@Module({
  providers: [AuditTrail, AuditChainer, { provide: 'AUDIT_CHAINER', useExisting: AuditChainer }, AccessPlugin, AuditQueryService, AuditResolver, SecurityAlerts, SecurityAlertResolver],
  exports: [AuditTrail, AuditChainer, 'AUDIT_CHAINER', AuditQueryService, SecurityAlerts],
})
export class AccessModule {}
