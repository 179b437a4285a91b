import { Scd2IntegrityCheck } from '../../../domain/data-quality/quality-check';
import { quoteIdentifier, quoteTable } from '../../../domain/data-quality/sql-identifier';
import { CompiledCheck, CompileScope } from '../sql/compiled-check';
import { columnList, labelCounts, rowLevelQuery } from '../sql/query-shape';
import { SqlParams } from '../sql/sql-params';

/**
 * Natural keys whose version history is broken. Versions are ordered by validity start; each
 * must end where the next begins (a later start is a gap, an earlier one an overlap), exactly
 * one must be current, and the current one must be open until the end of time.
 */
export function compileScd2Integrity(
  check: Scd2IntegrityCheck,
  scope: CompileScope,
): CompiledCheck {
  const p = check.params;
  const params = new SqlParams();
  const endOfTime = params.add(p.endOfTime, 'timestamptz');
  const key = p.naturalKey;
  const from = quoteIdentifier(p.validFrom);
  const to = quoteIdentifier(p.validTo);
  const current = quoteIdentifier(p.currentFlag);
  const versions = [
    `versions AS (`,
    `  SELECT ${columnList('t', key)},`,
    `         t.${from} AS valid_from,`,
    `         t.${to} AS valid_to,`,
    `         t.${current} AS is_current,`,
    `         lead(t.${from}) OVER (`,
    `           PARTITION BY ${columnList('t', key)}`,
    `           ORDER BY t.${from}, t.${to}`,
    `         ) AS next_from`,
    `    FROM ${quoteTable(check.table)} AS t`,
    `)`,
  ].join('\n');
  const perKey = [
    `per_key AS (`,
    `  SELECT ${columnList('v', key)},`,
    `         count(*) FILTER (WHERE v.is_current) AS current_rows,`,
    `         count(*) FILTER (WHERE v.next_from > v.valid_to) AS gaps,`,
    `         count(*) FILTER (WHERE v.next_from < v.valid_to) AS overlaps,`,
    `         count(*) FILTER (WHERE v.is_current AND v.valid_to <> ${endOfTime}) AS current_closed,`,
    `         count(*) FILTER (WHERE NOT v.is_current AND v.valid_to = ${endOfTime}) AS open_not_current,`,
    `         count(*) FILTER (WHERE v.valid_from >= v.valid_to) AS empty_ranges`,
    `    FROM versions AS v`,
    `   GROUP BY ${columnList('v', key)}`,
    `)`,
  ].join('\n');
  const failing = [
    `SELECT ${columnList('k', key)},`,
    `       array_remove(ARRAY[`,
    `         CASE WHEN k.current_rows = 0 THEN 'no current row' END,`,
    `         CASE WHEN k.current_rows > 1 THEN 'several current rows' END,`,
    `         CASE WHEN k.gaps > 0 THEN 'gap' END,`,
    `         CASE WHEN k.overlaps > 0 THEN 'overlap' END,`,
    `         CASE WHEN k.current_closed > 0 THEN 'current row not open-ended' END,`,
    `         CASE WHEN k.open_not_current > 0 THEN 'open-ended row not current' END,`,
    `         CASE WHEN k.empty_ranges > 0 THEN 'empty validity range' END`,
    `       ], NULL) AS problems`,
    `  FROM per_key AS k`,
    ` WHERE k.current_rows <> 1 OR k.gaps > 0 OR k.overlaps > 0 OR k.current_closed > 0`,
    `    OR k.open_not_current > 0 OR k.empty_ranges > 0`,
  ].join('\n');
  const sql = rowLevelQuery({
    before: [versions, perKey],
    failing,
    sampleColumns: [...key, 'problems'],
    orderBy: key,
    limit: params.add(scope.sampleSize, 'integer'),
    observed: `jsonb_build_object('keys_by_problem', ${labelCounts('problems')})`,
  });
  return { sql, params: params.list() };
}
