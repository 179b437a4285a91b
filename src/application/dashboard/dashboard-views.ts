/**
 * Read models of the dashboard and the HTTP API. Field names are the SQL column names analysts
 * know; none of them carries personal data (members appear by member_id only).
 */

/** One row of etl.load_batch, summarized for the load-history table. */
export interface LoadBatchView {
  readonly load_id: number;
  readonly load_timestamp: Date;
  readonly as_of: Date;
  readonly mode: string;
  readonly seed_kind: string;
  /** The seed set's folder name (last path segment only: no local paths leave the server). */
  readonly seed_set: string;
  readonly status: string;
  readonly error: string | null;
  readonly finished_at: Date | null;
  /** Wall-clock seconds from start to finish; null while running. */
  readonly seconds: number | null;
  /** Records read, staged and rejected, summed over the batch's files. */
  readonly rows_read: number;
  readonly rows_staged: number;
  readonly rows_rejected: number;
}

/** The latest result of one data-quality check (etl.dq_result). */
export interface DqCheckView {
  readonly check_name: string;
  /** Checked table, schema.table. */
  readonly table_name: string;
  readonly description: string;
  /** error (fails the batch) or warn. */
  readonly severity: string;
  /** pass, fail, or error (the check itself could not run). */
  readonly status: string;
  readonly failing_count: number;
  /** NULL when the check ran outside a load batch. */
  readonly load_id: number | null;
  readonly checked_at: Date;
}

/** A member over the high-cost threshold, by id only. */
export interface HighCostMemberView {
  readonly member_id: string;
  /** Last month of the 12-month window, 'YYYY-MM-01'. */
  readonly month: string;
  /** USD, exact decimal string (e.g. '155250.00'). */
  readonly rolling_12m_paid: string;
  readonly rolling_12m_claims: number;
  /** 1 = highest rolling_12m_paid in the month (ties share). */
  readonly paid_rank: number;
  /** The threshold in force (USD, decimal string), from mart.settings. */
  readonly high_cost_threshold: string;
}

export interface HealthView {
  readonly status: 'ok';
  readonly engine: 'postgres' | 'pglite';
  readonly database_time: Date;
  /** False when the warehouse schema has not been migrated yet (npm run migration:run). */
  readonly migrated: boolean;
  readonly latest_load_id: number | null;
  readonly latest_load_status: string | null;
}
