import {
  FileLinesReconciliationParams,
  KeyedReconciliationParams,
  ReconciliationCheck,
} from '../../../domain/data-quality/quality-check';
import {
  InvalidCheckError,
  quoteIdentifier,
  quoteTable,
} from '../../../domain/data-quality/sql-identifier';
import { CompiledCheck, CompileScope } from '../sql/compiled-check';
import { columnList, rowLevelQuery } from '../sql/query-shape';
import { SqlParams } from '../sql/sql-params';

export function compileReconciliation(
  check: ReconciliationCheck,
  scope: CompileScope,
): CompiledCheck {
  const p = check.params;
  return p.mode === 'file_lines'
    ? compileFileLines(check, p, scope)
    : compileKeyed(check, p, p.batchColumn, scope);
}

/**
 * Per file of the batch: read = staged + rejected (the counts the pipeline recorded on the
 * batch), and rejected = the file's rows in the rejects table. Files whose counts are not
 * recorded yet (the pipeline writes them when the batch ends) are left out and reported in
 * `observed`.
 */
function compileFileLines(
  check: ReconciliationCheck,
  p: FileLinesReconciliationParams & { batchColumn: string },
  scope: CompileScope,
): CompiledCheck {
  const params = new SqlParams();
  const loadId = params.add(scope.loadId, 'bigint');
  const batch = quoteIdentifier(p.batchColumn);
  const files = [
    `batch_files AS (`,
    `  SELECT f.key AS file,`,
    `         (f.value ->> 'read')::bigint AS read,`,
    `         (f.value ->> 'staged')::bigint AS staged,`,
    `         (f.value ->> 'rejected')::bigint AS rejected`,
    `    FROM ${quoteTable(check.table)} AS t`,
    `   CROSS JOIN LATERAL jsonb_each(t.${quoteIdentifier(p.filesColumn)}) AS f`,
    `   WHERE t.${batch} = ${loadId}`,
    `)`,
  ].join('\n');
  const rejects = [
    `reject_rows AS (`,
    `  SELECT r."file", count(*) AS rejects`,
    `    FROM ${quoteTable(p.rejectsTable)} AS r`,
    `   WHERE r.${batch} = ${loadId}`,
    `   GROUP BY r."file"`,
    `)`,
  ].join('\n');
  const compared = [
    `compared AS (`,
    `  SELECT b.file, b.read, b.staged, b.rejected, coalesce(r.rejects, 0) AS reject_rows`,
    `    FROM batch_files AS b`,
    `    LEFT JOIN reject_rows AS r ON r."file" = b.file`,
    `   WHERE b.read IS NOT NULL`,
    `)`,
  ].join('\n');
  const failing = [
    `SELECT c.file, c.read, c.staged, c.rejected, c.reject_rows,`,
    `       CASE WHEN c.read IS DISTINCT FROM c.staged + c.rejected`,
    `            THEN 'read <> staged + rejected'`,
    `            ELSE 'rejected <> rows in ${p.rejectsTable}' END AS problem`,
    `  FROM compared AS c`,
    ` WHERE c.read IS DISTINCT FROM c.staged + c.rejected`,
    `    OR c.rejected IS DISTINCT FROM c.reject_rows`,
  ].join('\n');
  const observed = `(SELECT jsonb_build_object(
          'files_checked', (SELECT count(*) FROM compared),
          'files_without_counts', (SELECT count(*) FROM batch_files AS b WHERE b.read IS NULL),
          'read', (SELECT coalesce(sum(c.read), 0) FROM compared AS c),
          'staged', (SELECT coalesce(sum(c.staged), 0) FROM compared AS c),
          'rejected', (SELECT coalesce(sum(c.rejected), 0) FROM compared AS c)))`;
  const sql = rowLevelQuery({
    before: [files, rejects, compared],
    failing,
    sampleColumns: ['file', 'read', 'staged', 'rejected', 'reject_rows', 'problem'],
    orderBy: ['file'],
    limit: params.add(scope.sampleSize, 'integer'),
    observed,
  });
  return { sql, params: params.list() };
}

/**
 * The batch's source rows (the last per key) against the target. A target row belongs to the
 * comparison when the batch wrote it or its key was staged by the batch: a claim re-sent
 * unchanged may keep the load_id of the batch that first wrote it, and must still be found.
 */
function compileKeyed(
  check: ReconciliationCheck,
  p: KeyedReconciliationParams,
  batchColumn: string,
  scope: CompileScope,
): CompiledCheck {
  if (p.keyColumns.length === 0) throw new InvalidCheckError(`${check.name}: keyColumns is empty`);
  const params = new SqlParams();
  const loadId = params.add(scope.loadId, 'bigint');
  const batch = quoteIdentifier(batchColumn);
  const keys = p.keyColumns;
  const carried = [...keys, ...p.measures];
  const latest = p.source.latestBy === undefined ? '' : `DISTINCT ON (${columnList('s', keys)}) `;
  const latestOrder =
    p.source.latestBy === undefined
      ? ''
      : `\n   ORDER BY ${columnList('s', keys)}, s.${quoteIdentifier(p.source.latestBy)} DESC`;
  const sameKey = (a: string, b: string): string =>
    keys.map((k) => `${a}.${quoteIdentifier(k)} = ${b}.${quoteIdentifier(k)}`).join(' AND ');
  const source = [
    `source AS (`,
    `  SELECT ${latest}${columnList('s', carried)}`,
    `    FROM ${quoteTable(p.source.table)} AS s`,
    `   WHERE s.${batch} = ${loadId}${latestOrder}`,
    `)`,
  ].join('\n');
  // Two disjoint branches instead of `batch = $1 OR EXISTS (…)`, so each target row still
  // appears once: under an OR the EXISTS stays a correlated subplan scanning the whole source
  // once per target row (quadratic: an incremental batch of 264k claims against 1.2M facts ran
  // for minutes). Alone it is a semi-join; against the source table rather than the CTE (a key
  // is staged by the batch whichever of its lines is the latest), whose statistics let the
  // planner pick a hash join over 264k index probes per partition.
  const target = [
    `target AS (`,
    `  SELECT ${columnList('t', carried)}`,
    `    FROM ${quoteTable(check.table)} AS t`,
    `   WHERE t.${batch} = ${loadId}`,
    `  UNION ALL`,
    `  SELECT ${columnList('t', carried)}`,
    `    FROM ${quoteTable(check.table)} AS t`,
    `   WHERE t.${batch} IS DISTINCT FROM ${loadId}`,
    `     AND EXISTS (SELECT 1`,
    `                   FROM ${quoteTable(p.source.table)} AS s`,
    `                  WHERE s.${batch} = ${loadId} AND ${sameKey('s', 't')})`,
    `)`,
  ].join('\n');
  // Measures are money: compared to the cent.
  const differs = p.measures.map(
    (m) =>
      `CASE WHEN round(s.${quoteIdentifier(m)}::numeric, 2) IS DISTINCT FROM round(t.${quoteIdentifier(m)}::numeric, 2) THEN '${m} differs' END`,
  );
  const compared = [
    `compared AS (`,
    `  SELECT ${keys.map((k) => `coalesce(s.${quoteIdentifier(k)}, t.${quoteIdentifier(k)}) AS ${quoteIdentifier(k)}`).join(', ')},`,
    `         CASE WHEN t.in_target IS NULL THEN ARRAY['missing in ${check.table}']`,
    `              WHEN s.in_source IS NULL THEN ARRAY['not staged by the batch']`,
    `              ELSE array_remove(ARRAY[${differs.length === 0 ? 'NULL::text' : differs.join(',\n                                  ')}], NULL) END AS problems`,
    `    FROM (SELECT src.*, true AS in_source FROM source AS src) AS s`,
    `    FULL JOIN (SELECT tgt.*, true AS in_target FROM target AS tgt) AS t`,
    `      ON ${sameKey('s', 't')}`,
    `)`,
  ].join('\n');
  // Staging holds one batch: when it holds another batch's rows and none of this one, a later
  // batch has replaced them and there is nothing left to compare.
  const comparable = [
    `comparable AS (`,
    `  SELECT EXISTS (SELECT 1 FROM source)`,
    `      OR NOT EXISTS (SELECT 1`,
    `                       FROM ${quoteTable(p.source.table)} AS s`,
    `                      WHERE s.${batch} IS DISTINCT FROM ${loadId}) AS compared`,
    `)`,
  ].join('\n');
  const failing = [
    `SELECT ${columnList('c', keys)}, c.problems`,
    `  FROM compared AS c`,
    ` WHERE cardinality(c.problems) > 0`,
    `   AND (SELECT k.compared FROM comparable AS k)`,
  ].join('\n');
  const sums = p.measures.flatMap((m) => [
    `'source_${m}', (SELECT coalesce(sum(s.${quoteIdentifier(m)}), 0)::text FROM source AS s)`,
    `'target_${m}', (SELECT coalesce(sum(t.${quoteIdentifier(m)}), 0)::text FROM target AS t)`,
  ]);
  const observed = `jsonb_build_object(
          'compared', (SELECT k.compared FROM comparable AS k),
          'source_rows', (SELECT count(*) FROM source),
          'target_rows', (SELECT count(*) FROM target)${sums.map((s) => `,\n          ${s}`).join('')})`;
  const sql = rowLevelQuery({
    before: [source, target, compared, comparable],
    failing,
    sampleColumns: [...keys, 'problems'],
    orderBy: keys,
    limit: params.add(scope.sampleSize, 'integer'),
    observed,
  });
  return { sql, params: params.list() };
}
