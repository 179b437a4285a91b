import { MEMBER_VERSION_RANGES, PLAN_VERSION_RANGES } from '../load-facts/version-ranges.sql';

/**
 * mart.cube_coverage_base: each coverage period of warehouse.fact_enrollment split into its
 * covered months. It is maintained by member, not by month: a change to one period (a
 * termination, a backdated start) can move member months in any month of it.
 */

/** Members whose coverage rows may have changed in batch $1: new or recomputed periods, new
 * member versions, new versions of a plan they are enrolled in. */
export const CREATE_TOUCHED_MEMBERS = `
  CREATE TEMP TABLE mart_touched_members AS
  SELECT member_id FROM warehouse.fact_enrollment WHERE load_id = $1
   UNION
  SELECT member_id FROM warehouse.dim_member WHERE load_id = $1
   UNION
  SELECT e.member_id
    FROM warehouse.fact_enrollment e
    JOIN warehouse.dim_plan p ON p.plan_id = e.plan_id
   WHERE p.load_id = $1`;

/** The batch's touched members against all enrolled members, to choose delta or rebuild. */
export const TOUCHED_MEMBER_SHARE = `
  SELECT (SELECT count(*) FROM mart_touched_members)::integer AS touched,
         (SELECT count(DISTINCT member_id) FROM warehouse.fact_enrollment)::integer AS members`;

export const DROP_WORK_TABLES = `
  DROP TABLE IF EXISTS mart_touched_members, mart_new_coverage, mart_old_coverage`;

const COLUMNS = `member_id, start_date, month, plan_id, metal_tier, state, age_group,
    clinical_segment, member_months, premium`;

/**
 * The rows of the periods selected by `periodFilter`. An open period ends where its
 * coverage_days end (the as_of it was computed for), so the months sum to the fact's own
 * member_months. Attributes are those of the member and plan versions that answer for the
 * first covered day of the month, by the same point-in-time rule as the fact keys
 * (src/application/load-facts/version-ranges.sql.ts), so a member who moves mid-period counts
 * his later months where his claims count. premium_paid is spread over the months in
 * proportion to member months. Both measures keep 10 decimals: sums of them are exact, so the
 * cube's delta maintenance equals a rebuild.
 */
function coverageRows(periodFilter: string): string {
  return `
  WITH member_version AS (${MEMBER_VERSION_RANGES}
  ),
  plan_version AS (${PLAN_VERSION_RANGES}
  ),
  periods AS (
    SELECT e.member_id, e.plan_id, e.start_date, e.member_sk, e.plan_sk, e.premium_paid,
           coalesce(e.end_date, e.start_date + e.coverage_days - 1) AS last_day
      FROM warehouse.fact_enrollment e
     ${periodFilter}
  ),
  covered_months AS (
    SELECT p.*,
           m.month,
           greatest(p.start_date, m.month) AS first_covered,
           least(p.last_day, (m.month + interval '1 month')::date - 1) AS last_covered
      FROM periods p
     CROSS JOIN LATERAL (
       SELECT g::date AS month
         FROM generate_series(date_trunc('month', p.start_date::timestamp),
                              date_trunc('month', p.last_day::timestamp),
                              interval '1 month') AS g
     ) m
     WHERE p.last_day >= p.start_date
  ),
  fractions AS (
    SELECT c.*,
           (c.last_covered - c.first_covered + 1)::numeric
             / ((c.month + interval '1 month')::date - c.month) AS member_months
      FROM covered_months c
  ),
  shared AS (
    SELECT f.*,
           f.premium_paid * f.member_months
             / sum(f.member_months) OVER (PARTITION BY f.member_id, f.plan_id, f.start_date)
             AS premium
      FROM fractions f
  )
  SELECT s.member_id,
         s.start_date,
         s.month,
         s.plan_id,
         p.metal_tier,
         m.state,
         m.age_group,
         m.clinical_segment,
         round(s.member_months, 10) AS member_months,
         round(s.premium, 10) AS premium
    FROM shared s
    LEFT JOIN member_version mv
      ON mv.member_id = s.member_id
     AND s.first_covered::timestamptz >= mv.range_start
     AND s.first_covered::timestamptz < mv.range_end
    LEFT JOIN warehouse.dim_member m
      ON m.member_id = s.member_id AND m.member_sk = coalesce(mv.member_sk, s.member_sk)
    LEFT JOIN plan_version pv
      ON pv.plan_id = s.plan_id
     AND s.first_covered::timestamptz >= pv.range_start
     AND s.first_covered::timestamptz < pv.range_end
    LEFT JOIN warehouse.dim_plan p ON p.plan_sk = coalesce(pv.plan_sk, s.plan_sk)`;
}

export const INSERT_ALL_COVERAGE = `
  INSERT INTO mart.cube_coverage_base (${COLUMNS})
  ${coverageRows('')}`;

export const CREATE_NEW_COVERAGE = `
  CREATE TEMP TABLE mart_new_coverage AS
  ${coverageRows('WHERE e.member_id IN (SELECT member_id FROM mart_touched_members)')}`;

/** The touched members' rows as they were, for the cube's delta. */
export const CREATE_OLD_COVERAGE = `
  CREATE TEMP TABLE mart_old_coverage AS
  SELECT ${COLUMNS}
    FROM mart.cube_coverage_base
   WHERE member_id IN (SELECT member_id FROM mart_touched_members)`;

/** Months in which the touched members' rows differ, before and after. */
export const CHANGED_COVERAGE_MONTHS = `
  WITH differences AS (
    (SELECT ${COLUMNS} FROM mart_old_coverage EXCEPT ALL SELECT ${COLUMNS} FROM mart_new_coverage)
    UNION ALL
    (SELECT ${COLUMNS} FROM mart_new_coverage EXCEPT ALL SELECT ${COLUMNS} FROM mart_old_coverage)
  )
  SELECT DISTINCT to_char(month, 'YYYY-MM-DD') AS month FROM differences ORDER BY 1`;

export const DELETE_TOUCHED_COVERAGE = `
  DELETE FROM mart.cube_coverage_base
   WHERE member_id IN (SELECT member_id FROM mart_touched_members)`;

export const INSERT_NEW_COVERAGE = `
  INSERT INTO mart.cube_coverage_base (${COLUMNS})
  SELECT ${COLUMNS} FROM mart_new_coverage`;
