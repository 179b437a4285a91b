import { AcceptedValuesCheck } from '../../../domain/data-quality/quality-check';
import {
  assertSqlFragment,
  InvalidCheckError,
  quoteIdentifier,
  quoteTable,
} from '../../../domain/data-quality/sql-identifier';
import { CompiledCheck, CompileScope } from '../sql/compiled-check';
import { columnList, conditions, rowLevelQuery } from '../sql/query-shape';
import { SqlParams } from '../sql/sql-params';

/** Values outside the list reported per value; at most this many distinct values. */
const OBSERVED_VALUES = 10;

/**
 * Rows whose non-NULL value is not in the list (a parameter, compared as text). Samples carry
 * only the keys; the offending values themselves are reported as counts per value.
 */
export function compileAcceptedValues(
  check: AcceptedValuesCheck,
  scope: CompileScope,
): CompiledCheck {
  const p = check.params;
  if (p.values.length === 0) throw new InvalidCheckError(`${check.name}: values must not be empty`);
  const params = new SqlParams();
  const column = `t.${quoteIdentifier(p.column)}`;
  const accepted = params.add(p.values, 'text[]');
  const where = p.where === undefined ? undefined : `(${assertSqlFragment(p.where, 'where')})`;
  const failing = [
    `SELECT ${columnList('t', p.keyColumns)}, ${column}::text AS unexpected_value`,
    `  FROM ${quoteTable(check.table)} AS t`,
    ` WHERE ${conditions([where, `${column} IS NOT NULL`, `NOT (${column}::text = ANY (${accepted}))`])}`,
  ].join('\n');
  const observed = `jsonb_build_object('unexpected_values', (
         SELECT coalesce(jsonb_object_agg(v.unexpected_value, v.n), '{}'::jsonb)
           FROM (SELECT f.unexpected_value, count(*) AS n
                   FROM failing AS f
                  GROUP BY f.unexpected_value
                  ORDER BY count(*) DESC, f.unexpected_value
                  LIMIT ${OBSERVED_VALUES}) AS v))`;
  const sql = rowLevelQuery({
    failing,
    sampleColumns: p.keyColumns,
    orderBy: p.keyColumns,
    limit: params.add(scope.sampleSize, 'integer'),
    observed,
  });
  return { sql, params: params.list() };
}
