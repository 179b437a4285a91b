/** The SQL types a check parameter may be cast to (a fixed list: nothing is pasted from a check). */
export type ParamType = 'bigint' | 'integer' | 'text[]' | 'timestamptz';

/** Collects query parameters and hands out typed placeholders (`$1::bigint`). */
export class SqlParams {
  private readonly values: unknown[] = [];

  add(value: unknown, type: ParamType): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }

  list(): readonly unknown[] {
    return [...this.values];
  }
}
