import { inject, injectable } from 'tsyringe';
import { SQL_DATABASE, SqlDatabase } from '../ports/sql-database.port';
import { DqCheckView, HealthView, HighCostMemberView, LoadBatchView } from './dashboard-views';

/** Upper bound of every list the dashboard asks for, so a request cannot ask for the world. */
export const MAX_LIST_LIMIT = 500;

/**
 * The dashboard's reads besides the cube: load history, data-quality status, high-cost members
 * and health. One set-based SELECT each; nothing here writes, so the server can run as a
 * read-only role.
 */
@injectable()
export class DashboardQueryService {
  constructor(@inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  /** The latest `limit` load batches, newest first, with their file counts summed. */
  loadHistory(limit = 50): Promise<LoadBatchView[]> {
    return this.db.query<LoadBatchView & Record<string, unknown>>(
      `WITH recent AS (
         SELECT load_id, load_timestamp, as_of, mode, seed_kind, source, files, status, error,
                finished_at
           FROM etl.load_batch
          ORDER BY load_id DESC
          LIMIT $1
       ),
       -- files holds one object per seed file; a failed batch may lack the counts (0 then).
       file_totals AS (
         SELECT r.load_id,
                coalesce(sum((f.value ->> 'read')::bigint), 0)::bigint     AS rows_read,
                coalesce(sum((f.value ->> 'staged')::bigint), 0)::bigint   AS rows_staged,
                coalesce(sum((f.value ->> 'rejected')::bigint), 0)::bigint AS rows_rejected
           FROM recent AS r
           LEFT JOIN LATERAL jsonb_each(r.files) AS f ON true
          GROUP BY r.load_id
       )
       SELECT r.load_id,
              r.load_timestamp,
              r.as_of,
              r.mode,
              r.seed_kind,
              -- the folder name only: local paths stay on the server
              regexp_replace(rtrim(r.source, '/'), '^.*/', '')                  AS seed_set,
              r.status,
              r.error,
              r.finished_at,
              round(extract(epoch FROM r.finished_at - r.load_timestamp), 3)::float8 AS seconds,
              t.rows_read,
              t.rows_staged,
              t.rows_rejected
         FROM recent AS r
         JOIN file_totals AS t USING (load_id)
        ORDER BY r.load_id DESC`,
      [clampLimit(limit)],
    );
  }

  /**
   * The most recent result of every data-quality check. Results are written also for batches
   * that rolled back (load_id may be NULL), so "latest" is by check time.
   */
  dataQualityStatus(): Promise<DqCheckView[]> {
    return this.db.query<DqCheckView & Record<string, unknown>>(
      `WITH latest AS (
         SELECT DISTINCT ON (check_name)
                check_name, table_name, description, severity, status, failing_count, load_id,
                checked_at
           FROM etl.dq_result
          ORDER BY check_name, checked_at DESC, dq_result_id DESC
       )
       SELECT check_name,
              table_name,
              description,
              severity,
              status,
              failing_count,
              load_id,
              checked_at
         FROM latest
        ORDER BY check_name`,
    );
  }

  /**
   * Members over the high-cost threshold in the latest month of mart.high_cost_member_tracking,
   * highest rolling 12-month paid first. Ids and amounts only; money stays exact (numeric as
   * a decimal string, as the cube answers it).
   */
  topHighCostMembers(limit = 10): Promise<HighCostMemberView[]> {
    return this.db.query<HighCostMemberView & Record<string, unknown>>(
      `WITH latest_month AS (
         SELECT max(month) AS month FROM mart.high_cost_member_tracking
       )
       SELECT h.member_id,
              h.month,
              h.rolling_12m_paid,
              h.rolling_12m_claims,
              h.paid_rank,
              h.high_cost_threshold
         FROM mart.high_cost_member_tracking AS h
         JOIN latest_month AS l ON h.month = l.month
        WHERE h.is_high_cost
        ORDER BY h.paid_rank, h.member_id
        LIMIT $1`,
      [clampLimit(limit)],
    );
  }

  /** Database reachable, migrated, and the latest batch's outcome. */
  async health(): Promise<HealthView> {
    const [probe] = await this.db.query<{ database_time: Date; migrated: boolean }>(
      `SELECT now() AS database_time, to_regclass('etl.load_batch') IS NOT NULL AS migrated`,
    );
    const [latest] = probe.migrated
      ? await this.db.query<{ load_id: number; status: string }>(
          `SELECT load_id, status FROM etl.load_batch ORDER BY load_id DESC LIMIT 1`,
        )
      : [];
    return {
      status: 'ok',
      engine: this.db.engine,
      database_time: probe.database_time,
      migrated: probe.migrated,
      latest_load_id: latest?.load_id ?? null,
      latest_load_status: latest?.status ?? null,
    };
  }
}

function clampLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) return 1;
  return Math.min(limit, MAX_LIST_LIMIT);
}
