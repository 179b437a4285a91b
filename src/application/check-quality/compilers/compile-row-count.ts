import { RowCountCheck } from '../../../domain/data-quality/quality-check';
import {
  assertSqlFragment,
  InvalidCheckError,
  quoteTable,
} from '../../../domain/data-quality/sql-identifier';
import { CompiledCheck, CompileScope } from '../sql/compiled-check';
import { columnList, conditions, keyObject } from '../sql/query-shape';
import { SqlParams } from '../sql/sql-params';

/**
 * The row count against [min, max]. The failing count is how far it is outside (0 inside):
 * `max: 0` on a table that should stay empty fails with its row count and samples its keys.
 */
export function compileRowCount(check: RowCountCheck, scope: CompileScope): CompiledCheck {
  const p = check.params;
  if (p.min === undefined && p.max === undefined) {
    throw new InvalidCheckError(`${check.name}: row_count needs min, max or both`);
  }
  for (const bound of [p.min, p.max]) {
    if (bound !== undefined && (!Number.isSafeInteger(bound) || bound < 0)) {
      throw new InvalidCheckError(`${check.name}: row_count bounds must be integers >= 0`);
    }
  }
  const params = new SqlParams();
  const min = params.add(p.min ?? null, 'bigint');
  const max = params.add(p.max ?? null, 'bigint');
  const table = quoteTable(check.table);
  const where = conditions([
    p.where === undefined ? undefined : `(${assertSqlFragment(p.where, 'where')})`,
  ]);
  const keys = p.keyColumns ?? [];
  const sample =
    keys.length === 0
      ? `'[]'::jsonb`
      : `(SELECT coalesce(jsonb_agg(${keyObject('s', keys)} ORDER BY ${columnList('s', keys)}), '[]'::jsonb)
                    FROM (SELECT ${columnList('t', keys)}
                            FROM ${table} AS t
                           WHERE ${where}
                           ORDER BY ${columnList('t', keys)}
                           LIMIT ${params.add(scope.sampleSize, 'integer')}) AS s)`;
  const sql = [
    `WITH counted AS (`,
    `  SELECT count(*) AS row_count`,
    `    FROM ${table} AS t`,
    `   WHERE ${where}`,
    `)`,
    `SELECT CASE WHEN c.row_count < ${min} THEN ${min} - c.row_count`,
    `            WHEN c.row_count > ${max} THEN c.row_count - ${max}`,
    `            ELSE 0 END AS failing_count,`,
    `       CASE WHEN c.row_count > ${max}`,
    `            THEN ${sample}`,
    `            ELSE '[]'::jsonb END AS sample_keys,`,
    `       jsonb_build_object('row_count', c.row_count, 'min', ${min}, 'max', ${max}) AS observed`,
    `  FROM counted AS c`,
  ].join('\n');
  return { sql, params: params.list() };
}
