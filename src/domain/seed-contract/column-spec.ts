/**
 * The vocabulary for describing one column of a seed CSV (see `contract/seed-csv.md`).
 * Staging DDL, the CSV validator, the generator's headers and the data dictionary all read
 * these specs, so the contract has exactly one representation in code.
 */
export type ColumnType = 'text' | 'date' | 'int' | 'decimal' | 'bool';

export interface ColumnSpec {
  /** Header name as the contract spells it (lower case). */
  readonly name: string;
  readonly type: ColumnType;
  readonly required: boolean;
  /** Allowed values in their canonical spelling; input compares case-insensitively. */
  readonly domain?: readonly string[];
  /** Inclusive numeric bounds for `int` and `decimal` columns. */
  readonly min?: number;
  readonly max?: number;
  /** Exact character length for text (state codes, NPIs). */
  readonly length?: number;
  /** Only digits allowed (NPI). */
  readonly digitsOnly?: boolean;
  /** PostgreSQL type used in staging when the generic mapping is not precise enough. */
  readonly sqlType?: string;
  /** Personal data: kept out of logs, data-quality samples and the analyst role. */
  readonly personal?: boolean;
  /** Data-dictionary text: what the column means, in the business's words. */
  readonly description: string;
}

export interface SeedFileSpec {
  /** File name inside a seed set folder. */
  readonly file: string;
  /** Entity name; also the staging table name (`staging.<entity>`). */
  readonly entity: SeedEntity;
  /** Natural key columns; duplicates inside one file are resolved on these. */
  readonly naturalKey: readonly string[];
  readonly description: string;
  readonly columns: readonly ColumnSpec[];
}

export type SeedEntity = 'members' | 'plans' | 'providers' | 'enrollments' | 'claims';

/** Default PostgreSQL type per contract type; money and ratios are exact numerics, never floats. */
export function sqlTypeOf(column: ColumnSpec): string {
  if (column.sqlType) return column.sqlType;
  switch (column.type) {
    case 'text':
      return 'text';
    case 'date':
      return 'date';
    case 'int':
      return 'integer';
    case 'decimal':
      return 'numeric(14,4)';
    case 'bool':
      return 'boolean';
  }
}
