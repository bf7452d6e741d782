import { FactoryProvider, Injectable } from '@nestjs/common';

/** A column of another domain's table that holds a person's id (cases.person_id, …). */
export interface PersonReference {
  readonly table: string;
  readonly column: string;
}

/**
 * Tables whose rows belong to a person and follow them when their duplicate record is merged into
 * another. A domain that keeps such rows (cases, referrals, …) declares its column through
 * `providePersonReference` in its module; a column declared twice fails start-up. The registry's own
 * consents are always here. Break-glass grants and the audit trail stay with the record they were
 * about: that is its history.
 */
@Injectable()
export class PersonReferences {
  private readonly references: PersonReference[] = [{ table: 'consents', column: 'person_id' }];

  declare(reference: PersonReference): void {
    const { table, column } = reference;
    if (!/^[a-z_]+$/.test(table) || !/^[a-z_]+$/.test(column)) throw new Error(`Not a plain table or column name: ${table}.${column}`);
    if (this.references.some((r) => r.table === table && r.column === column)) throw new Error(`The person reference ${table}.${column} is declared twice`);
    this.references.push({ table, column });
  }

  all(): readonly PersonReference[] {
    return this.references;
  }
}

/** Declares, in the module of the lib that owns the table, a column whose person follows a merge. */
export function providePersonReference(table: string, column: string): FactoryProvider<PersonReference> {
  return {
    // A token of its own for each call, so that a second declaration, even in the same module, fails start-up.
    provide: Symbol(`PersonReference:${table}.${column}`),
    inject: [PersonReferences],
    useFactory: (references: PersonReferences) => {
      const reference = { table, column };
      references.declare(reference);
      return reference;
    },
  };
}
