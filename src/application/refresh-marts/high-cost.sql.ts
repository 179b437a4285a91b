/**
 * mart.high_cost_member_month, maintained by target month: the rows of a month depend on the
 * claims of that month and the 11 before it, so a touched month changes its own window and the
 * windows of the 11 months after it.
 */

export const CLAIM_MONTH_SPAN = `
  SELECT to_char(min(service_date), 'YYYY-MM-01') AS first_month,
         to_char(max(service_date), 'YYYY-MM-01') AS last_month
    FROM mart.claims_daily_member`;

export const HIGH_COST_HORIZON = `
  SELECT to_char(max(month), 'YYYY-MM-DD') AS last_month FROM mart.high_cost_member_month`;

/** $1: target months; also drops months past the horizon $2 (claims moved out of them). */
export const DELETE_HIGH_COST = `
  DELETE FROM mart.high_cost_member_month
   WHERE month = ANY($1::date[]) OR month > $2::date`;

/**
 * Each member-month of paid claims counts in its own month and the 11 after it: it is joined
 * to the target months whose window holds it. There are at most a few dozen targets, so the
 * range join costs one comparison per target, and a one-month batch reads only its window.
 */
export const INSERT_HIGH_COST = `
  INSERT INTO mart.high_cost_member_month (
    member_id, month, rolling_12m_paid, rolling_12m_claims, month_paid
  )
  WITH targets AS (
    SELECT DISTINCT unnest($1::date[]) AS month
  ),
  member_months AS (
    SELECT member_id,
           month,
           sum(paid_amount) AS paid,
           sum(claim_count) AS claims
      FROM mart.claims_daily_member
     WHERE service_date >= (SELECT min(month) FROM targets) - interval '11 months'
       AND service_date < (SELECT max(month) FROM targets) + interval '1 month'
     GROUP BY member_id, month
  )
  SELECT mm.member_id,
         t.month,
         sum(mm.paid),
         sum(mm.claims)::bigint,
         coalesce(sum(mm.paid) FILTER (WHERE mm.month = t.month), 0)
    FROM member_months mm
    JOIN targets t
      ON mm.month <= t.month AND mm.month > t.month - interval '12 months'
   GROUP BY mm.member_id, t.month`;
