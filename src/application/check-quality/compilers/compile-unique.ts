import { UniqueCheck } from '../../../domain/data-quality/quality-check';
import {
  assertSqlFragment,
  quoteIdentifier,
  quoteTable,
} from '../../../domain/data-quality/sql-identifier';
import { CompiledCheck, CompileScope } from '../sql/compiled-check';
import { columnList, conditions, rowLevelQuery } from '../sql/query-shape';
import { SqlParams } from '../sql/sql-params';

/**
 * Key values carried by more than one row; rows with a NULL key part are left to not_null
 * (as a unique constraint would). The failing count is the number of duplicated keys.
 */
export function compileUnique(check: UniqueCheck, scope: CompileScope): CompiledCheck {
  const p = check.params;
  const params = new SqlParams();
  const where = p.where === undefined ? undefined : `(${assertSqlFragment(p.where, 'where')})`;
  const keysPresent = p.columns.map((c) => `t.${quoteIdentifier(c)} IS NOT NULL`);
  const failing = [
    `SELECT ${columnList('t', p.columns)}, count(*) AS duplicate_rows`,
    `  FROM ${quoteTable(check.table)} AS t`,
    ` WHERE ${conditions([where, ...keysPresent])}`,
    ` GROUP BY ${columnList('t', p.columns)}`,
    `HAVING count(*) > 1`,
  ].join('\n');
  const sql = rowLevelQuery({
    failing,
    sampleColumns: [...p.columns, 'duplicate_rows'],
    orderBy: p.columns,
    limit: params.add(scope.sampleSize, 'integer'),
    observed: `jsonb_build_object('duplicate_rows', (SELECT coalesce(sum(f.duplicate_rows), 0) FROM failing AS f))`,
  });
  return { sql, params: params.list() };
}
