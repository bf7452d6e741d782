/**
 * The values of one statement put together from parts that different libs own (a change and the audit
 * event and outbox event it writes, say), so that the whole write is one statement and one commit. Each
 * part adds its values here and writes the placeholders it gets back.
 */
export class StatementValues {
  readonly values: unknown[];

  constructor(first: readonly unknown[] = []) {
    this.values = [...first];
  }

  /**
   * The placeholder of `value`, cast to the column's type: a value in a part's SELECT list is not typed by
   * the column it goes to, so every part names its types.
   */
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}
