export * from './crypto/id-number-vault';
export * from './people/person.type';
export * from './people/resident-id';
export * from './registry.module';
export * from './demo/people-generator';
export * from './demo/registry-demo';
export * from './households/household.type';
export { registerPersonReference } from './people/merge.service';
