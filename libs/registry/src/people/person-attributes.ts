import { FactoryProvider, Injectable } from '@nestjs/common';
import type { ColumnMap } from '@zhulian/access';
import { PERSON_COLUMNS } from './person.rules';

/**
 * An attribute of a person that another domain's rules read (the cases lib's "assigned to me", what a
 * volunteer's task discloses), as SQL over the person `p` that may name `:actingUser` and
 * `:actingOrganisation`. An attribute is a scalar, or (`array`) a list a rule tests for containing a value.
 */
export interface PersonAttribute {
  readonly name: string;
  readonly sql: string;
  readonly array?: boolean;
}

/**
 * The person attributes the domains in this application declared. A domain declares its own through
 * `providePersonAttribute` in its module, so an attribute exists exactly when the module whose rules read
 * it is part of the application. Every people query selects them all, each computed once per person.
 */
@Injectable()
export class PersonAttributes {
  private readonly attributes = new Map<string, { sql: string; array: boolean }>();

  declare(attribute: PersonAttribute): void {
    const { name } = attribute;
    if (!/^[a-zA-Z]+$/.test(name) || name in PERSON_COLUMNS || this.attributes.has(name)) throw new Error(`Not a new person attribute name: ${name}`);
    this.attributes.set(name, { sql: attribute.sql, array: attribute.array ?? false });
    // In the order of their names, not of the modules declaring them: a people statement's text (and so its prepared
    // plan and the benchmarks' check that they captured the very text the API sends) does not hang on how Nest scans modules.
    const sorted = [...this.attributes].sort(([a], [b]) => (a < b ? -1 : 1));
    this.attributes.clear();
    for (const [key, value] of sorted) this.attributes.set(key, value);
  }

  /** The person rules' column map: the record's own columns and each attribute's value. */
  columns(): ColumnMap {
    return { ...PERSON_COLUMNS, ...Object.fromEntries([...this.attributes].map(([name, a]) => [name, a.array ? { array: `attr_${name}.v` } : `attr_${name}.v`])) };
  }

  /** Each attribute computed once per person, in a lateral join (`attr_<name>.v`); an array is never null, so rules can test it. */
  joins(): string {
    return [...this.attributes].map(([name, a]) => ` LEFT JOIN LATERAL (SELECT ${a.array ? `COALESCE((${a.sql}), '{}')` : `(${a.sql})`} AS v) attr_${name} ON TRUE`).join('');
  }

  /** `, attr_<name>.v AS "attr:name"` for each attribute. */
  select(): string {
    return [...this.attributes].map(([name]) => `, attr_${name}.v AS "attr:${name}"`).join('');
  }
}

/** A provider for a domain's module that declares its person attribute when the application starts. */
export function providePersonAttribute(attribute: PersonAttribute): FactoryProvider<PersonAttribute> {
  return {
    provide: `PersonAttribute:${attribute.name}`,
    inject: [PersonAttributes],
    useFactory: (attributes: PersonAttributes) => {
      attributes.declare(attribute);
      return attribute;
    },
  };
}
