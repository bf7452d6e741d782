/**
 * How one property of a read model is read from a statement: the SQL expression that gives it and, where
 * the driver's value is not the property's (a bigint as text, say), the conversion.
 */
export interface StoreColumn {
  sql: string;
  read?: (value: never) => unknown;
}

/** The properties a store reads, each with its SQL (a string) or its SQL and conversion. */
export type StoreColumns<T> = { [K in keyof T]?: string | StoreColumn };

const PROPERTY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * One protected type's read model in one place: the column map gives the statement's SELECT list (each
 * property selected under its own name) and the mapper from a row to the model, so that a new field is
 * its migration, its entry here and its declaration on the type. The rules' own attribute map (what a
 * rule's condition names in SQL) stays beside the rules; the FROM clause stays with the service that joins.
 */
export class Store<T extends object> {
  /** `SELECT expr AS "property", …`, every mapped property in the map's order. */
  readonly select: string;
  private readonly readers: readonly (readonly [string, ((value: never) => unknown) | undefined])[];

  constructor(private readonly model: new () => T, private readonly columns: StoreColumns<T>) {
    const entries = Object.entries(columns) as [string, string | StoreColumn][];
    for (const [property] of entries) {
      if (!PROPERTY.test(property)) throw new Error(`Store of ${model.name}: "${property}" is not a property name.`);
    }
    this.select = `SELECT ${entries.map(([property, column]) => `${typeof column === 'string' ? column : column.sql} AS "${property}"`).join(',\n  ')}`;
    this.readers = entries.map(([property, column]) => [property, typeof column === 'string' ? undefined : column.read] as const);
  }

  /** The SQL expression of one property, for a filter or a sort that names it. */
  sql(property: keyof T & string): string {
    const column = this.columns[property];
    if (column === undefined) throw new Error(`Store of ${this.model.name} does not read ${property}.`);
    return typeof column === 'string' ? column : column.sql;
  }

  /** A row of a statement that selected `select` as a new model; columns beyond the map are left out. */
  readonly toModel = (row: object): T => {
    const model = new this.model() as Record<string, unknown>;
    const values = row as Record<string, unknown>;
    for (const [property, read] of this.readers) {
      const value = values[property];
      model[property] = read && value !== null && value !== undefined ? read(value as never) : value;
    }
    return model as T;
  };
}

/** The store of a protected type: `defineStore(Person, { fullName: 'p.full_name', … })`. */
export function defineStore<T extends object>(model: new () => T, columns: StoreColumns<T>): Store<T> {
  return new Store(model, columns);
}

/** A conversion for a bigint column the driver gives as text: a number (amounts in cents fit easily). */
export const bigintAsNumber: (value: string) => number = Number;
