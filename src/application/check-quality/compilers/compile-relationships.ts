import { RelationshipsCheck, unique } from '../../../domain/data-quality/quality-check';
import {
  assertSqlFragment,
  InvalidCheckError,
  quoteIdentifier,
  quoteTable,
} from '../../../domain/data-quality/sql-identifier';
import { CompiledCheck, CompileScope } from '../sql/compiled-check';
import { columnList, conditions, rowLevelQuery } from '../sql/query-shape';
import { SqlParams } from '../sql/sql-params';

/**
 * Rows whose foreign key finds no row in the referenced table. A NULL key part is left to
 * not_null (as a foreign key would). Samples carry the row's keys and the dangling key.
 */
export function compileRelationships(
  check: RelationshipsCheck,
  scope: CompileScope,
): CompiledCheck {
  const p = check.params;
  if (p.columns.length === 0 || p.columns.length !== p.to.columns.length) {
    throw new InvalidCheckError(
      `${check.name}: columns and to.columns must be non-empty and of equal length`,
    );
  }
  const params = new SqlParams();
  const where = p.where === undefined ? undefined : `(${assertSqlFragment(p.where, 'where')})`;
  const present = p.columns.map((c) => `t.${quoteIdentifier(c)} IS NOT NULL`);
  const matches = p.columns
    .map((c, i) => `r.${quoteIdentifier(p.to.columns[i]!)} = t.${quoteIdentifier(c)}`)
    .join('\n                AND ');
  const sampled = unique([...p.keyColumns, ...p.columns]);
  const failing = [
    `SELECT ${columnList('t', sampled)}`,
    `  FROM ${quoteTable(check.table)} AS t`,
    ` WHERE ${conditions([
      where,
      ...present,
      `NOT EXISTS (SELECT 1\n                 FROM ${quoteTable(p.to.table)} AS r\n                WHERE ${matches})`,
    ])}`,
  ].join('\n');
  const sql = rowLevelQuery({
    failing,
    sampleColumns: sampled,
    orderBy: sampled,
    limit: params.add(scope.sampleSize, 'integer'),
  });
  return { sql, params: params.list() };
}
