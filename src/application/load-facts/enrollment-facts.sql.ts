import { MEMBER_VERSION_RANGES, PLAN_VERSION_RANGES } from './version-ranges.sql';

/** Which members a recompute covers: everyone, or the members with spans in the batch. */
export type EnrollmentScope = 'all' | 'batch-members';

/** $1 load_id. */
function scopeFilter(scope: EnrollmentScope, alias: string): string {
  return scope === 'all'
    ? 'true'
    : `${alias}.member_id IN (SELECT member_id FROM staging.enrollments WHERE load_id = $1)`;
}

/** Statistics on the columns the recompute filters and joins on. */
export const ANALYZE_ENROLLMENT_INPUTS = `
  ANALYZE staging.enrollments (load_id, member_id),
          warehouse.dim_enrollment (member_id, plan_id, current_flag),
          warehouse.dim_member (member_id),
          warehouse.dim_plan (plan_id, effective_year)`;

/** Removes the periods about to be recomputed. $1 load_id. */
export function deletePeriods(scope: EnrollmentScope): string {
  return `DELETE FROM warehouse.fact_enrollment f WHERE ${scopeFilter(scope, 'f')}`;
}

/**
 * Open periods of members the batch did not touch count their days up to the new as_of.
 * $1 as_of (timestamptz), $2 load_id.
 */
export const REFRESH_OPEN_PERIODS = `
  WITH batch AS (
    SELECT ($1::timestamptz AT TIME ZONE 'UTC')::date AS as_of_date
  )
  UPDATE warehouse.fact_enrollment f
     SET coverage_days = greatest(batch.as_of_date - f.start_date + 1, 0),
         member_months = warehouse.member_months(f.start_date, batch.as_of_date),
         load_id = $2
    FROM batch
   WHERE f.end_date IS NULL
     AND f.coverage_days <> greatest(batch.as_of_date - f.start_date + 1, 0)`;

/**
 * Gaps and islands over the current span versions of the members in scope: spans of the same
 * member and plan that overlap or touch (next start = previous end + 1 day) form one period.
 * A span opens a new period only when it starts more than one day after the furthest end of
 * every earlier span (an open span reaches infinity). $1 load_id, $2 as_of (timestamptz).
 * Returns one row: the periods inserted and the members they belong to.
 */
export function insertPeriods(scope: EnrollmentScope): string {
  return `
  WITH batch AS (
    SELECT ($2::timestamptz AT TIME ZONE 'UTC')::date AS as_of_date
  ),
  span AS (
    SELECT e.member_id,
           e.plan_id,
           e.start_date,
           e.end_date,
           coalesce(e.end_date, 'infinity'::date) AS reach,
           e.premium_paid,
           e.csr_variant
      FROM warehouse.dim_enrollment e
     WHERE e.current_flag
       AND ${scopeFilter(scope, 'e')}
  ),
  span_after AS (
    -- the furthest day covered by the earlier spans of the same member and plan
    SELECT span.*,
           max(reach) OVER (PARTITION BY member_id, plan_id
                            ORDER BY start_date, reach
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach_before
      FROM span
  ),
  island AS (
    SELECT span_after.*,
           count(*) FILTER (WHERE reach_before IS NULL OR start_date - 1 > reach_before)
             OVER (PARTITION BY member_id, plan_id
                   ORDER BY start_date, reach
                   ROWS UNBOUNDED PRECEDING) AS period_no
      FROM span_after
  ),
  period AS (
    SELECT member_id,
           plan_id,
           min(start_date) AS start_date,
           CASE WHEN bool_or(end_date IS NULL) THEN NULL ELSE max(end_date) END AS end_date,
           coalesce(sum(premium_paid), 0) AS premium_paid,
           -- the CSR variant of the latest span describes the period as it stands
           (array_agg(csr_variant ORDER BY start_date DESC, reach DESC))[1] AS csr_variant,
           count(*) AS span_count
      FROM island
     GROUP BY member_id, plan_id, period_no
  ),
  measured AS (
    -- an open period counts its days up to the as_of of the batch
    SELECT period.*,
           coalesce(period.end_date, batch.as_of_date) AS covered_to,
           (period.start_date::timestamp AT TIME ZONE 'UTC') AS start_ts
      FROM period CROSS JOIN batch
  ),
  member_version AS (${MEMBER_VERSION_RANGES}
  ),
  plan_version AS (${PLAN_VERSION_RANGES}
  ),
  inserted AS (
    INSERT INTO warehouse.fact_enrollment (
      member_id, plan_id, start_date, end_date, member_sk, plan_sk,
      enrollment_start_date_key, enrollment_end_date_key, coverage_days, member_months,
      premium_paid, csr_variant, span_count, load_id
    )
    SELECT p.member_id,
           p.plan_id,
           p.start_date,
           p.end_date,
           m.member_sk,
           pl.plan_sk,
           to_char(p.start_date, 'YYYYMMDD')::integer,
           to_char(p.end_date, 'YYYYMMDD')::integer,
           greatest(p.covered_to - p.start_date + 1, 0),
           warehouse.member_months(p.start_date, p.covered_to),
           p.premium_paid,
           p.csr_variant,
           p.span_count,
           $1
      FROM measured p
      LEFT JOIN member_version m
        ON m.member_id = p.member_id
       AND p.start_ts >= m.range_start AND p.start_ts < m.range_end
      LEFT JOIN plan_version pl
        ON pl.plan_id = p.plan_id
       AND p.start_ts >= pl.range_start AND p.start_ts < pl.range_end
    RETURNING member_id
  )
  SELECT count(*) AS periods, count(DISTINCT member_id) AS members
    FROM inserted`;
}
