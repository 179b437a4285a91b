/**
 * Data-quality checks declared as data. Each check names the table it inspects, its kind, its
 * severity and the parameters of that kind; the check runner compiles it to one SQL query that
 * counts the failing rows (or keys, files, claims, depending on the kind) and samples a few
 * failing keys.
 *
 * Identifiers (tables, columns) must match `^[a-z_][a-z0-9_]*$` and are quoted by the compiler;
 * values (accepted values, bounds, the batch id) travel as query parameters. `where` and
 * `predicate` are SQL fragments written by developers in the catalogue (never user input); they
 * see the checked table as alias `t`.
 */
export type CheckSeverity = 'error' | 'warn';

export const CHECK_KINDS = [
  'not_null',
  'unique',
  'relationships',
  'accepted_values',
  'row_count',
  'reconciliation',
  'scd2_integrity',
  'expression',
  'freshness',
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

interface CheckBase<K extends CheckKind, P> {
  /** Unique snake_case name; results in etl.dq_result are stored under it. */
  readonly name: string;
  /** Checked table as `schema.table`. */
  readonly table: string;
  readonly kind: K;
  /** `error` fails the load batch; `warn` is reported only. */
  readonly severity: CheckSeverity;
  readonly params: P;
  /** What the check guards, in the business's words (shown in reports and docs). */
  readonly description: string;
}

/** Restricts the checked rows, e.g. `t.current_flag` (trusted SQL over alias `t`). */
interface Filtered {
  readonly where?: string;
}

/** Columns identifying a failing row in samples; ids only, never personal data. */
interface Keyed {
  readonly keyColumns: readonly string[];
}

/** Rows where any of `columns` is NULL. */
export interface NotNullParams extends Filtered, Keyed {
  readonly columns: readonly string[];
}

/** Key values (all columns non-NULL) carried by more than one row; counts the duplicated keys. */
export interface UniqueParams extends Filtered {
  readonly columns: readonly string[];
}

/** Rows whose non-NULL `columns` find no row of `to.table` with equal `to.columns`. */
export interface RelationshipsParams extends Filtered, Keyed {
  readonly columns: readonly string[];
  readonly to: { readonly table: string; readonly columns: readonly string[] };
}

/** Rows whose non-NULL `column` is not one of `values` (compared as text). */
export interface AcceptedValuesParams extends Filtered, Keyed {
  readonly column: string;
  readonly values: readonly string[];
}

/**
 * Row count within [min, max] (either bound optional). The failing count is the distance to
 * the violated bound; above `max`, a few rows are sampled by `keyColumns`.
 */
export interface RowCountParams extends Filtered {
  readonly min?: number;
  readonly max?: number;
  readonly keyColumns?: readonly string[];
}

/**
 * Per file of the batch (etl.load_batch.files, once the pipeline has recorded the counts):
 * lines read = staged + rejected, and rejected = rows of the rejects table for that file.
 */
export interface FileLinesReconciliationParams {
  readonly mode: 'file_lines';
  /** Column of the checked table holding `{ "<file>": { read, staged, rejected, … } }`. */
  readonly filesColumn: string;
  /** Table with one row per rejected line: `load_id`, `file`. */
  readonly rejectsTable: string;
}

/**
 * The batch's rows of `source.table` (the last per key when a file repeats a key) against the
 * checked table, by `keyColumns`: keys staged but missing from the target, target rows written
 * by the batch but not staged, and keys whose `measures` differ (to the cent).
 */
export interface KeyedReconciliationParams {
  readonly mode: 'keyed';
  readonly source: {
    readonly table: string;
    /** Among source rows repeating a key, the one with the highest value here wins. */
    readonly latestBy?: string;
  };
  readonly keyColumns: readonly string[];
  readonly measures: readonly string[];
}

/** Both reconciliations read the batch's rows through a `load_id` column. */
export type ReconciliationParams = (FileLinesReconciliationParams | KeyedReconciliationParams) & {
  readonly batchColumn: string;
};

/**
 * Versions of one natural key: exactly one current row, validity ranges that neither overlap
 * nor leave gaps, and the current row open until `endOfTime`.
 */
export interface Scd2IntegrityParams {
  readonly naturalKey: readonly string[];
  readonly validFrom: string;
  readonly validTo: string;
  readonly currentFlag: string;
  /** ISO timestamp of the open end, e.g. `9999-12-31T00:00:00Z`. */
  readonly endOfTime: string;
}

/** Rows where `predicate` is not true (false or NULL). */
export interface ExpressionParams extends Filtered, Keyed {
  readonly predicate: string;
}

/**
 * The latest `column` among rows passing `where` (and the batch being checked, through
 * `batchColumn`) is at most `maxAgeDays` before the reference time (the batch as_of, else now).
 */
export interface FreshnessParams extends Filtered {
  readonly column: string;
  readonly maxAgeDays: number;
  readonly batchColumn?: string;
}

export type NotNullCheck = CheckBase<'not_null', NotNullParams>;
export type UniqueCheck = CheckBase<'unique', UniqueParams>;
export type RelationshipsCheck = CheckBase<'relationships', RelationshipsParams>;
export type AcceptedValuesCheck = CheckBase<'accepted_values', AcceptedValuesParams>;
export type RowCountCheck = CheckBase<'row_count', RowCountParams>;
export type ReconciliationCheck = CheckBase<'reconciliation', ReconciliationParams>;
export type Scd2IntegrityCheck = CheckBase<'scd2_integrity', Scd2IntegrityParams>;
export type ExpressionCheck = CheckBase<'expression', ExpressionParams>;
export type FreshnessCheck = CheckBase<'freshness', FreshnessParams>;

export type QualityCheck =
  | NotNullCheck
  | UniqueCheck
  | RelationshipsCheck
  | AcceptedValuesCheck
  | RowCountCheck
  | ReconciliationCheck
  | Scd2IntegrityCheck
  | ExpressionCheck
  | FreshnessCheck;

/** Checks that compare a load batch's rows and cannot run without one. */
export function needsBatch(check: QualityCheck): boolean {
  return check.kind === 'reconciliation';
}

/** Every column a check reads from its own table and samples (for validation against docs). */
export function sampledColumns(check: QualityCheck): readonly string[] {
  switch (check.kind) {
    case 'not_null':
    case 'accepted_values':
    case 'expression':
      return check.params.keyColumns;
    case 'relationships':
      return unique([...check.params.keyColumns, ...check.params.columns]);
    case 'unique':
      return check.params.columns;
    case 'row_count':
      return check.params.keyColumns ?? [];
    case 'scd2_integrity':
      return check.params.naturalKey;
    case 'reconciliation':
      return check.params.mode === 'keyed' ? check.params.keyColumns : [];
    case 'freshness':
      return [];
  }
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
