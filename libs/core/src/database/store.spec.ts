import { bigintAsNumber, defineStore } from './store';

class Parcel {
  id!: string;
  weightGrams!: number | null;
  label!: string | null;
  describe(): string {
    return `${this.id}: ${this.label ?? '?'}`;
  }
}

describe('defineStore', () => {
  const store = defineStore(Parcel, { id: 'x.id', weightGrams: { sql: 'x.weight_grams', read: bigintAsNumber }, label: 'upper(x.label)' });

  it('selects each property under its own name, in the order of the map', () => {
    expect(store.select).toBe('SELECT x.id AS "id",\n  x.weight_grams AS "weightGrams",\n  upper(x.label) AS "label"');
    expect(store.sql('label')).toBe('upper(x.label)');
  });

  it('maps a row to a new model, converting what has a conversion and leaving nulls and extra columns alone', () => {
    const parcel = store.toModel({ id: 'a', weightGrams: '9007199254740', label: null, cursor: 'k' });
    expect(parcel).toBeInstanceOf(Parcel);
    expect(parcel.describe()).toBe('a: ?');
    expect(parcel).toEqual(Object.assign(new Parcel(), { id: 'a', weightGrams: 9007199254740, label: null }));
    expect(store.toModel({ id: 'b', weightGrams: null, label: 'L' }).weightGrams).toBeNull();
  });

  it('refuses a property that is not a plain name, which would not be a safe alias', () => {
    expect(() => defineStore(Parcel, { ['id" , secret AS "x' as 'id']: 'x.id' })).toThrow(/not a property name/);
  });
});
