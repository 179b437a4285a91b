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
 * The rows of one target month $1: every member with a claim in the 12 months ending with it,
 * summed straight from the daily rows of that window. One hash aggregate per target month,
 * keyed by member alone, stays in memory at any scale (a million members), where joining each
 * member-month to the targets whose window holds it multiplied the rows by twelve and sorted
 * them.
 */
export const INSERT_HIGH_COST = `
  INSERT INTO mart.high_cost_member_month (
    member_id, month, rolling_12m_paid, rolling_12m_claims, month_paid
  )
  SELECT member_id,
         $1::date,
         sum(paid_amount),
         sum(claim_count)::bigint,
         coalesce(sum(paid_amount) FILTER (WHERE service_date >= $1::date), 0)
    FROM mart.claims_daily_member
   WHERE service_date >= $1::date - interval '11 months'
     AND service_date < $1::date + interval '1 month'
   GROUP BY member_id`;
