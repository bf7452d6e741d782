import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@zhulian/core';
import { IdNumberVault } from '../crypto/id-number-vault';
import { Person } from './person.type';

/** People's ID numbers: sealed at rest and found by blind index through the vault, opened only to resolve the field. */
@Injectable()
export class PersonIdNumbers {
  readonly vault: IdNumberVault;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.vault = new IdNumberVault(config);
  }

  /** A field's value as the API resolves it: the ID number is opened from its seal only here. */
  valueOf(person: Person, field: string): unknown {
    if (field === 'idNumber') return person.idKeyId && person.idSealed ? this.vault.open({ keyId: person.idKeyId, sealed: person.idSealed }, person.id) : null;
    return (person as unknown as Record<string, unknown>)[field];
  }
}
