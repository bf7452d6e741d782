export * from './crypto/id-number-vault';
export * from './people/resident-id';
