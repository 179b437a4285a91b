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
 * Inserts the rows of target month $1 summed by member from `windowRows`: one row per claim
 * amount in the window (paid, claims, and whether it falls in month $1 itself).
 */
function insertWindow(windowRows: string, having = ''): string {
  return `
  INSERT INTO mart.high_cost_member_month (
    member_id, month, rolling_12m_paid, rolling_12m_claims, month_paid
  )
  SELECT member_id,
         $1::date,
         sum(paid),
         sum(claims)::bigint,
         coalesce(sum(paid) FILTER (WHERE entering), 0)
    FROM (${windowRows}
         ) window_rows
   GROUP BY member_id${having}`;
}

/**
 * The rows of one target month $1: every member with a claim in the 12 months ending with it,
 * summed straight from the daily rows of that window. One hash aggregate per target month,
 * keyed by member alone, stays in memory at any scale (a million members), where joining each
 * member-month to the targets whose window holds it multiplied the rows by twelve and sorted
 * them.
 */
export const INSERT_HIGH_COST = insertWindow(`
          SELECT member_id, paid_amount AS paid, claim_count AS claims,
                 service_date >= $1::date AS entering
            FROM mart.claims_daily_member
           WHERE service_date >= $1::date - interval '11 months'
             AND service_date < $1::date + interval '1 month'`);

/**
 * The rows of target month $1 from those of the month before, already correct in the table:
 * add the daily rows of $1, take away those of the month that leaves the window ($1 − 12
 * months). Reads about a quarter of the rows INSERT_HIGH_COST reads (at 1M members: the
 * previous target's 830k rows and two months of daily rows, against twelve months of them).
 * The sums are exact decimals, so the result equals INSERT_HIGH_COST's; a member whose window
 * emptied has no claims left in it and no row.
 */
export const SLIDE_HIGH_COST = insertWindow(
  `
          SELECT member_id, rolling_12m_paid AS paid, rolling_12m_claims AS claims, false AS entering
            FROM mart.high_cost_member_month
           WHERE month = $1::date - interval '1 month'
          UNION ALL
          SELECT member_id, paid_amount, claim_count, true
            FROM mart.claims_daily_member
           WHERE service_date >= $1::date AND service_date < $1::date + interval '1 month'
          UNION ALL
          SELECT member_id, -paid_amount, -claim_count, false
            FROM mart.claims_daily_member
           WHERE service_date >= $1::date - interval '12 months'
             AND service_date < $1::date - interval '11 months'`,
  `
  HAVING sum(claims) > 0`,
);
