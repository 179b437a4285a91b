/**
 * The point-in-time rule for fact keys, as SELECT bodies to place in a WITH clause
 * (`member_version AS (${MEMBER_VERSION_RANGES})`). Each yields one row per dimension version
 * with the half-open range of instants [range_start, range_end) it answers for:
 *
 * - a version answers from its validity_start_ts until the next version of the same natural
 *   key starts (for contiguous SCD2 versions that is its validity_end_ts);
 * - the first version also answers for everything before it (a service date before a key was
 *   first delivered, e.g. a claim older than the member row, or an inferred row);
 * - the last version also answers for everything after it (a key expired without successor).
 *
 * So every instant maps to exactly one version of a key that has any row, and facts join
 * with a hash join on the natural key plus a range filter (docs/facts.md).
 */
function versionRanges(table: string, sk: string, key: string): string {
  return `
    SELECT ${key},
           ${sk},
           is_inferred,
           CASE WHEN row_number() OVER w = 1 THEN '-infinity'::timestamptz
                ELSE validity_start_ts
           END AS range_start,
           coalesce(lead(validity_start_ts) OVER w, 'infinity'::timestamptz) AS range_end
      FROM ${table}
    WINDOW w AS (PARTITION BY ${key} ORDER BY validity_start_ts)`;
}

export const MEMBER_VERSION_RANGES = versionRanges(
  'warehouse.dim_member',
  'member_sk',
  'member_id',
);

export const PROVIDER_VERSION_RANGES = versionRanges(
  'warehouse.dim_provider',
  'provider_sk',
  'provider_id',
);

/**
 * Plans are versioned per (plan_id, effective_year): a service date first picks the plan's
 * benefit year (its own year; else the nearest earlier year the plan has; before the plan's
 * first year, that first year), then the version of that year in force on the date, with the
 * same first/last extension as above clipped to the year's span. Joined on plan_id alone.
 */
export const PLAN_VERSION_RANGES = `
    WITH plan_year AS (
      SELECT plan_id,
             plan_sk,
             is_inferred,
             validity_start_ts,
             CASE WHEN effective_year = min(effective_year) OVER (PARTITION BY plan_id)
                  THEN '-infinity'::timestamptz
                  ELSE make_timestamptz(effective_year, 1, 1, 0, 0, 0, 'UTC')
             END AS year_start,
             -- service dates belong to this year until the plan's next year begins
             coalesce(
               make_timestamptz(
                 min(effective_year) OVER (
                   PARTITION BY plan_id ORDER BY effective_year
                   RANGE BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING
                 ), 1, 1, 0, 0, 0, 'UTC'),
               'infinity'::timestamptz
             ) AS year_end,
             row_number() OVER w AS version_no,
             lead(validity_start_ts) OVER w AS next_version_start
        FROM warehouse.dim_plan
      WINDOW w AS (PARTITION BY plan_id, effective_year ORDER BY validity_start_ts)
    )
    SELECT plan_id,
           plan_sk,
           is_inferred,
           CASE WHEN version_no = 1 THEN year_start
                ELSE greatest(validity_start_ts, year_start)
           END AS range_start,
           CASE WHEN next_version_start IS NULL THEN year_end
                ELSE least(next_version_start, year_end)
           END AS range_end
      FROM plan_year`;
