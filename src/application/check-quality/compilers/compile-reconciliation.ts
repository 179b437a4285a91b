import {
  FileLinesReconciliationParams,
  ReconciliationCheck,
} from '../../../domain/data-quality/quality-check';
import { quoteIdentifier, quoteTable } from '../../../domain/data-quality/sql-identifier';
import { CompiledCheck, CompileScope } from '../sql/compiled-check';
import { rowLevelQuery } from '../sql/query-shape';
import { SqlParams } from '../sql/sql-params';
import { compileKeyed } from './compile-keyed-reconciliation';

export function compileReconciliation(
  check: ReconciliationCheck,
  scope: CompileScope,
): CompiledCheck {
  const p = check.params;
  return p.mode === 'file_lines'
    ? compileFileLines(check, p, scope)
    : compileKeyed({ ...check, params: p }, scope);
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
