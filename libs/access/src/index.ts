export * from './access.module';
export * from './audit/audit-event';
export * from './audit/audit-trail';
export * from './audit/verify-audit-chain';
export * from './fields/masks';
export * from './fields/sensitive';
export * from './rules/row-filter';
