export * from './directory.module';
export * from './services/service.type';
export { DirectoryService } from './services/directory.service';
export { defineAcceptedReferralToMe } from './services/service.rules';
export * from './demo/directory-demo';
