export * from './directory.module';
export * from './services/service.type';
export { DirectoryService } from './services/directory.service';
export { DirectoryStats } from './services/directory-stats';
export { ServicePlaces } from './services/service-places';
export type { ServiceInRegion } from './services/directory-stats';
export { AcceptedReferralToMe, provideAcceptedReferralToMe } from './services/service.rules';
export * from './demo/directory-demo';
