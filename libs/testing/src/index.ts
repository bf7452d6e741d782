export * from './factories';
export * from './journey-factories';
export * from './test-app';
export * from './test-database';
export * from './free-port';
export * from './test-socket';
export * from './statements';
