import { Scd2Table } from './scd2-table';

/**
 * How a dimension reads its batch's rows from staging. Named parameters available to every
 * fragment: `:as_of` (timestamptz), `:as_of_ymd` (the as_of's UTC date as integer YYYYMMDD)
 * and `:load_id`.
 */
export interface Scd2StagingBinding {
  /** FROM clause; the staging table must be aliased `s` (rows are filtered on s.load_id). */
  readonly from: string;
  /** Expressions for columns that are not read as `s.<column>` (derived attributes). */
  readonly expressions?: Readonly<Record<string, string>>;
  /**
   * SELECT of the natural keys (named like the dimension's) that the batch's staged facts
   * reference; the repository adds inferred versions for those it lacks.
   */
  readonly references?: string;
}

/** The entity's `source` staging table read column for column. */
export function defaultStagingBinding(table: Scd2Table): Scd2StagingBinding | undefined {
  return table.source === undefined ? undefined : { from: `staging.${table.source} s` };
}

/** SELECT of the batch's source rows: natural key, attributes and source_line. */
export function stagingSourceSql(table: Scd2Table, binding: Scd2StagingBinding): string {
  const columns = table.sourceColumns.map((c) => {
    const expression = binding.expressions?.[c.name];
    return expression === undefined ? `s.${c.name}` : `${expression} AS ${c.name}`;
  });
  return `SELECT ${columns.join(',\n         ')},
         s.source_line
    FROM ${binding.from}
   WHERE s.load_id = :load_id::bigint`;
}
