import { NotNullCheck } from '../../../domain/data-quality/quality-check';
import {
  assertSqlFragment,
  quoteIdentifier,
  quoteTable,
} from '../../../domain/data-quality/sql-identifier';
import { CompiledCheck, CompileScope } from '../sql/compiled-check';
import { columnList, conditions, labelCounts, rowLevelQuery } from '../sql/query-shape';
import { SqlParams } from '../sql/sql-params';

/** Rows with a NULL in any of the columns; samples carry the keys and which columns were NULL. */
export function compileNotNull(check: NotNullCheck, scope: CompileScope): CompiledCheck {
  const p = check.params;
  const params = new SqlParams();
  const nullLabels = p.columns.map(
    (c) => `CASE WHEN t.${quoteIdentifier(c)} IS NULL THEN '${c}' END`,
  );
  const anyNull = p.columns.map((c) => `t.${quoteIdentifier(c)} IS NULL`).join('\n        OR ');
  const where = p.where === undefined ? undefined : `(${assertSqlFragment(p.where, 'where')})`;
  const failing = [
    `SELECT ${columnList('t', p.keyColumns)},`,
    `       array_remove(ARRAY[`,
    `         ${nullLabels.join(',\n         ')}`,
    `       ], NULL) AS null_columns`,
    `  FROM ${quoteTable(check.table)} AS t`,
    ` WHERE ${conditions([where, `(${anyNull})`])}`,
  ].join('\n');
  const sql = rowLevelQuery({
    failing,
    sampleColumns: [...p.keyColumns, 'null_columns'],
    orderBy: p.keyColumns,
    limit: params.add(scope.sampleSize, 'integer'),
    observed: `jsonb_build_object('null_counts', ${labelCounts('null_columns')})`,
  });
  return { sql, params: params.list() };
}
