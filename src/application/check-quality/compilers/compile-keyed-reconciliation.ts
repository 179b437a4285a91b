import {
  InvalidCheckError,
  quoteIdentifier,
  quoteTable,
} from '../../../domain/data-quality/sql-identifier';
import { CompiledCheck, CompileScope } from '../sql/compiled-check';
import { columnList, rowLevelQuery } from '../sql/query-shape';
import { SqlParams } from '../sql/sql-params';
import {
  carriedMeasures,
  comparisonOf,
  inlineRelations,
  KeyedCheck,
  keyColumn,
  sharedRelations,
  sourceColumn,
  targetColumn,
} from './keyed-comparison';

/**
 * The batch's source rows (the last per key) against the target. A target row belongs to the
 * comparison when the batch wrote it or its key was staged by the batch: a claim re-sent
 * unchanged may keep the load_id of the batch that first wrote it, and must still be found.
 *
 * Checks comparing the same rows (same source, target, keys and batch column: the claims'
 * reach-the-fact and paid-amount checks) share the expensive part, built once per run as two
 * temporary tables carrying every measure any of them compares: the source rows (a sort of the
 * batch's staged rows) and their full join with the target (a scan of the whole fact). Each
 * check then reads only those. Outside a transaction the same relations are CTEs of the check.
 */
export function compileKeyed(check: KeyedCheck, scope: CompileScope): CompiledCheck {
  const p = check.params;
  if (p.keyColumns.length === 0) throw new InvalidCheckError(`${check.name}: keyColumns is empty`);
  const comparison = comparisonOf(check);
  const carried = carriedMeasures(check, comparison, scope.checks ?? []);
  const params = new SqlParams();
  const loadId = params.add(scope.loadId, 'bigint');
  const relations = scope.shareTables
    ? sharedRelations(comparison, carried, scope.loadId)
    : inlineRelations(comparison, carried, loadId);
  const keys = p.keyColumns;
  const measured = p.measures.map((m) => carried.indexOf(m));
  // Measures are money: compared to the cent.
  const differs = p.measures.map(
    (m, j) =>
      `CASE WHEN round(c.${sourceColumn(measured[j]!)}::numeric, 2) IS DISTINCT FROM round(c.${targetColumn(measured[j]!)}::numeric, 2) THEN '${m} differs' END`,
  );
  const compared = [
    `compared AS (`,
    `  SELECT ${keys.map((k, i) => `c.${keyColumn(i)} AS ${quoteIdentifier(k)}`).join(', ')},`,
    `         CASE WHEN c.in_target IS NULL THEN ARRAY['missing in ${check.table}']`,
    `              WHEN c.in_source IS NULL THEN ARRAY['not staged by the batch']`,
    `              ELSE array_remove(ARRAY[${differs.length === 0 ? 'NULL::text' : differs.join(',\n                                  ')}], NULL) END AS problems`,
    `    FROM ${relations.compared} AS c`,
    `)`,
  ].join('\n');
  // Staging holds one batch: when it holds another batch's rows and none of this one, a later
  // batch has replaced them and there is nothing left to compare.
  const comparable = [
    `comparable AS (`,
    `  SELECT EXISTS (SELECT 1 FROM ${relations.source})`,
    `      OR NOT EXISTS (SELECT 1`,
    `                       FROM ${quoteTable(comparison.source)} AS s`,
    `                      WHERE s.${quoteIdentifier(comparison.batch)} IS DISTINCT FROM ${loadId}) AS compared`,
    `)`,
  ].join('\n');
  // A target row appears once per source row of its key: counted with the first of them.
  const totals = [
    `source_totals AS (`,
    `  SELECT ${[`count(*) AS row_count`, ...measured.map((i, j) => `coalesce(sum(s.${sourceColumn(i)}), 0)::text AS total_${j + 1}`)].join(', ')}`,
    `    FROM ${relations.source} AS s`,
    `),`,
    `target_totals AS (`,
    `  SELECT ${[`count(*) AS row_count`, ...measured.map((i, j) => `coalesce(sum(c.${targetColumn(i)}), 0)::text AS total_${j + 1}`)].join(', ')}`,
    `    FROM ${relations.compared} AS c`,
    `   WHERE c.in_target AND c.first_of_key IS NOT FALSE`,
    `)`,
  ].join('\n');
  const failing = [
    `SELECT ${columnList('c', keys)}, c.problems`,
    `  FROM compared AS c`,
    ` WHERE cardinality(c.problems) > 0`,
    `   AND (SELECT k.compared FROM comparable AS k)`,
  ].join('\n');
  const sums = p.measures.flatMap((m, j) => [
    `'source_${m}', (SELECT s.total_${j + 1} FROM source_totals AS s)`,
    `'target_${m}', (SELECT t.total_${j + 1} FROM target_totals AS t)`,
  ]);
  const observed = `jsonb_build_object(
          'compared', (SELECT k.compared FROM comparable AS k),
          'source_rows', (SELECT s.row_count FROM source_totals AS s),
          'target_rows', (SELECT t.row_count FROM target_totals AS t)${sums.map((s) => `,\n          ${s}`).join('')})`;
  const sql = rowLevelQuery({
    before: [...relations.inline, compared, comparable, totals],
    failing,
    sampleColumns: [...keys, 'problems'],
    orderBy: keys,
    limit: params.add(scope.sampleSize, 'integer'),
    observed,
  });
  return relations.shared
    ? { sql, params: params.list(), shared: relations.shared }
    : { sql, params: params.list() };
}
