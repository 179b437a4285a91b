import { FreshnessCheck } from '../../../domain/data-quality/quality-check';
import {
  assertSqlFragment,
  InvalidCheckError,
  quoteIdentifier,
  quoteTable,
} from '../../../domain/data-quality/sql-identifier';
import { CompiledCheck, CompileScope } from '../sql/compiled-check';
import { SqlParams } from '../sql/sql-params';

/**
 * The newest timestamp against the reference time (the batch's as_of when checking a batch,
 * else now()). Fails (count 1) when it is older than maxAgeDays or there is none at all. The
 * batch being checked counts as data even though it has not succeeded yet.
 */
export function compileFreshness(check: FreshnessCheck, scope: CompileScope): CompiledCheck {
  const p = check.params;
  if (!Number.isSafeInteger(p.maxAgeDays) || p.maxAgeDays < 0) {
    throw new InvalidCheckError(`${check.name}: maxAgeDays must be an integer >= 0`);
  }
  const params = new SqlParams();
  const maxAge = params.add(p.maxAgeDays, 'integer');
  const reference = params.add(scope.asOf ? scope.asOf.toISOString() : null, 'timestamptz');
  // Rows passing `where`, plus those of the batch being checked (not yet marked succeeded).
  let where = 'TRUE';
  if (p.where !== undefined) {
    where = `(${assertSqlFragment(p.where, 'where')})`;
    if (p.batchColumn !== undefined) {
      where += `\n      OR t.${quoteIdentifier(p.batchColumn)} = ${params.add(scope.loadId, 'bigint')}`;
    }
  }
  const sql = [
    `WITH latest AS (`,
    `  SELECT max(t.${quoteIdentifier(p.column)}) AS latest_ts`,
    `    FROM ${quoteTable(check.table)} AS t`,
    `   WHERE ${where}`,
    `),`,
    `measured AS (`,
    `  SELECT l.latest_ts, coalesce(${reference}, now()) AS reference_ts`,
    `    FROM latest AS l`,
    `)`,
    `SELECT CASE WHEN m.latest_ts IS NULL`,
    `              OR m.latest_ts < m.reference_ts - make_interval(days => ${maxAge})`,
    `            THEN 1 ELSE 0 END::bigint AS failing_count,`,
    `       '[]'::jsonb AS sample_keys,`,
    `       jsonb_build_object(`,
    `         'latest', m.latest_ts,`,
    `         'reference', m.reference_ts,`,
    `         'age_days', round((extract(epoch FROM m.reference_ts - m.latest_ts) / 86400)::numeric, 1),`,
    `         'max_age_days', ${maxAge}) AS observed`,
    `  FROM measured AS m`,
  ].join('\n');
  return { sql, params: params.list() };
}
