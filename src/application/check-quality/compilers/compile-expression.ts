import { ExpressionCheck } from '../../../domain/data-quality/quality-check';
import { assertSqlFragment, quoteTable } from '../../../domain/data-quality/sql-identifier';
import { CompiledCheck, CompileScope } from '../sql/compiled-check';
import { columnList, conditions, rowLevelQuery } from '../sql/query-shape';
import { SqlParams } from '../sql/sql-params';

/** Rows where the predicate is not true: false, or NULL (an unknown is no proof of validity). */
export function compileExpression(check: ExpressionCheck, scope: CompileScope): CompiledCheck {
  const p = check.params;
  const params = new SqlParams();
  const where = p.where === undefined ? undefined : `(${assertSqlFragment(p.where, 'where')})`;
  const predicate = assertSqlFragment(p.predicate, 'predicate');
  const failing = [
    `SELECT ${columnList('t', p.keyColumns)}`,
    `  FROM ${quoteTable(check.table)} AS t`,
    ` WHERE ${conditions([where, `(${predicate}) IS NOT TRUE`])}`,
  ].join('\n');
  const sql = rowLevelQuery({
    failing,
    sampleColumns: p.keyColumns,
    orderBy: p.keyColumns,
    limit: params.add(scope.sampleSize, 'integer'),
  });
  return { sql, params: params.list() };
}
