import { createHash } from 'node:crypto';
import {
  KeyedReconciliationParams,
  QualityCheck,
  ReconciliationCheck,
} from '../../../domain/data-quality/quality-check';
import {
  isIdentifier,
  quoteIdentifier,
  quoteTable,
} from '../../../domain/data-quality/sql-identifier';
import { SharedTables } from '../sql/compiled-check';
import { columnList } from '../sql/query-shape';
import { SqlParams } from '../sql/sql-params';

export type KeyedCheck = ReconciliationCheck & { readonly params: KeyedReconciliationParams };

/** What a keyed reconciliation compares; checks comparing the same rows can share the work. */
export interface Comparison {
  readonly target: string;
  readonly source: string;
  readonly latestBy: string | null;
  readonly keys: readonly string[];
  readonly batch: string;
}

/**
 * Where a check finds the batch's source rows and their join with the target: temporary tables
 * built once per run, or CTEs of the check itself.
 */
export interface Relations {
  readonly source: string;
  readonly compared: string;
  /** CTEs defining them when they are not shared tables. */
  readonly inline: readonly string[];
  readonly shared?: SharedTables;
}

// The comparison relations name their columns by position (key_1, source_1, target_1…), so
// that no declared key or measure can clash with another or with the flags beside them.
export const keyColumn = (i: number): string => `key_${i + 1}`;
export const sourceColumn = (i: number): string => `source_${i + 1}`;
export const targetColumn = (i: number): string => `target_${i + 1}`;

export function comparisonOf(check: KeyedCheck): Comparison {
  const p = check.params;
  return {
    target: check.table,
    source: p.source.table,
    latestBy: p.source.latestBy ?? null,
    keys: p.keyColumns,
    batch: p.batchColumn,
  };
}

/**
 * The measures the shared relations carry: those of every check of the run comparing the same
 * rows, sorted, so that each of them derives the same list (and the same table names).
 */
export function carriedMeasures(
  check: KeyedCheck,
  comparison: Comparison,
  checks: readonly QualityCheck[],
): string[] {
  const same = JSON.stringify(comparison);
  const companions = checks.filter(
    (c): c is KeyedCheck =>
      c.kind === 'reconciliation' &&
      c.params.mode === 'keyed' &&
      JSON.stringify(comparisonOf(c as KeyedCheck)) === same,
  );
  // A companion's invalid measure is refused when that check compiles; it is not carried here.
  const measures = [...check.params.measures, ...companions.flatMap((c) => c.params.measures)];
  return [...new Set(measures.filter(isIdentifier))].sort();
}

export function sharedRelations(
  comparison: Comparison,
  carried: readonly string[],
  loadId: number | null,
): Relations {
  const digest = createHash('sha256')
    .update(JSON.stringify({ comparison, carried }))
    .digest('hex')
    .slice(0, 16);
  const compared = `dq_keyed_${digest}`;
  const source = `${compared}_source`;
  const sourceParams = new SqlParams();
  const comparedParams = new SqlParams();
  return {
    source: `pg_temp.${source}`,
    compared: `pg_temp.${compared}`,
    inline: [],
    shared: {
      tables: [source, compared],
      steps: [
        {
          sql: `CREATE TEMPORARY TABLE ${source} AS\n${sourceRows(comparison, carried, sourceParams.add(loadId, 'bigint'))}`,
          params: sourceParams.list(),
        },
        // Statistics (the keys are unique) let the join below hash the source rows.
        { sql: `ANALYZE pg_temp.${source}`, params: [] },
        {
          sql: `CREATE TEMPORARY TABLE ${compared} AS\n${comparedRows(comparison, carried, `pg_temp.${source}`, comparedParams.add(loadId, 'bigint'))}`,
          params: comparedParams.list(),
        },
      ],
    },
  };
}

/** The same relations as CTEs of the check; `loadId` is the check's batch placeholder. */
export function inlineRelations(
  comparison: Comparison,
  carried: readonly string[],
  loadId: string,
): Relations {
  return {
    source: 'source',
    compared: 'comparison',
    inline: [
      `source AS (\n${sourceRows(comparison, carried, loadId)}\n)`,
      `comparison AS (\n${comparedRows(comparison, carried, 'source', loadId)}\n)`,
    ],
  };
}

/**
 * The batch's source rows: the last line per key when `latestBy` says which, else every row.
 * `first_of_key` marks one row per key, so that a target row matching several counts once.
 */
function sourceRows(comparison: Comparison, carried: readonly string[], loadId: string): string {
  const keys = columnList('s', comparison.keys);
  const columns = [
    ...comparison.keys.map((k, i) => `s.${quoteIdentifier(k)} AS ${keyColumn(i)}`),
    ...carried.map((m, i) => `s.${quoteIdentifier(m)} AS ${sourceColumn(i)}`),
  ];
  const from = [
    `    FROM ${quoteTable(comparison.source)} AS s`,
    `   WHERE s.${quoteIdentifier(comparison.batch)} = ${loadId}`,
  ];
  if (comparison.latestBy === null) {
    return [
      `  SELECT ${[...columns, `row_number() OVER (PARTITION BY ${keys}) = 1 AS first_of_key`].join(', ')}`,
      ...from,
    ].join('\n');
  }
  return [
    `  SELECT DISTINCT ON (${keys}) ${[...columns, 'true AS first_of_key'].join(', ')}`,
    ...from,
    `   ORDER BY ${keys}, s.${quoteIdentifier(comparison.latestBy)} DESC`,
  ].join('\n');
}

/**
 * Source rows fully joined with the target rows in one scan of the target: a pair per matching
 * key, the source rows missing from the target, and the target rows the batch wrote without
 * staging them. Target rows of other batches whose key was not staged are left out.
 */
function comparedRows(
  comparison: Comparison,
  carried: readonly string[],
  source: string,
  loadId: string,
): string {
  const keys = comparison.keys.map((_, i) => keyColumn(i));
  const target = [
    ...comparison.keys.map((k, i) => `tgt.${quoteIdentifier(k)} AS ${keyColumn(i)}`),
    ...carried.map((m, i) => `tgt.${quoteIdentifier(m)} AS ${targetColumn(i)}`),
    `tgt.${quoteIdentifier(comparison.batch)} AS written_by`,
    'true AS in_target',
  ];
  return [
    `  SELECT ${[
      ...keys.map((k) => `coalesce(s.${k}, t.${k}) AS ${k}`),
      's.in_source',
      't.in_target',
      's.first_of_key',
      ...carried.map((_, i) => `s.${sourceColumn(i)}`),
      ...carried.map((_, i) => `t.${targetColumn(i)}`),
    ].join(', ')}`,
    `    FROM (SELECT src.*, true AS in_source FROM ${source} AS src) AS s`,
    `    FULL JOIN (SELECT ${target.join(', ')}`,
    `                 FROM ${quoteTable(comparison.target)} AS tgt) AS t`,
    `      ON ${keys.map((k) => `s.${k} = t.${k}`).join(' AND ')}`,
    `   WHERE s.in_source OR t.written_by = ${loadId}`,
  ].join('\n');
}
