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
 * Each member-month of paid claims counts in its own month and the 11 after it: expand it to
 * those target months and keep the requested ones (an equality join, so it hashes).
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
  ),
  contributions AS (
    SELECT mm.member_id,
           (mm.month + make_interval(months => k))::date AS target_month,
           mm.paid,
           mm.claims,
           k = 0 AS is_own_month
      FROM member_months mm
     CROSS JOIN generate_series(0, 11) AS k
  )
  SELECT c.member_id,
         t.month,
         sum(c.paid),
         sum(c.claims)::bigint,
         coalesce(sum(c.paid) FILTER (WHERE c.is_own_month), 0)
    FROM contributions c
    JOIN targets t ON t.month = c.target_month
   GROUP BY c.member_id, t.month`;
