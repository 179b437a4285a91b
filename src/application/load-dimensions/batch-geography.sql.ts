/**
 * (state, region) pairs the batch's staging rows use. Members carry both; providers carry only
 * a state, filed under its census region ('Unknown' for a code that is not a US state).
 * $1 load_id.
 */
export const BATCH_GEOGRAPHY_PAIRS_SQL = `
  WITH census AS (
    -- The seeded row of each US state carries its census region.
    SELECT state, census_region
      FROM warehouse.dim_geography
     WHERE is_known_state
       AND region = census_region
  )
  SELECT DISTINCT state, region
    FROM staging.members
   WHERE load_id = $1::bigint
     AND state IS NOT NULL
     AND region IS NOT NULL
   UNION
  SELECT DISTINCT p.state, coalesce(c.census_region, 'Unknown') AS region
    FROM staging.providers p
    LEFT JOIN census c ON c.state = p.state
   WHERE p.load_id = $1::bigint
     AND p.state IS NOT NULL`;

/**
 * Adds the pairs dim_geography lacks. A known state keeps its name and census roll-up even
 * under another delivered region; an unknown code (e.g. `PW`) gets a row of its own,
 * `Unknown (PW)`, so members living there still join. $1 states, $2 regions, $3 load_id.
 */
export const INSERT_MISSING_GEOGRAPHY_SQL = `
  WITH pair AS (
    SELECT state, region
      FROM unnest($1::text[], $2::text[]) AS p (state, region)
  ),
  known AS (
    SELECT state, state_name, census_region, census_division
      FROM warehouse.dim_geography
     WHERE is_known_state
       AND region = census_region
  )
  INSERT INTO warehouse.dim_geography
         (state, region, state_name, census_region, census_division, is_known_state, load_id)
  SELECT p.state,
         p.region,
         coalesce(k.state_name, 'Unknown (' || p.state || ')'),
         k.census_region,
         k.census_division,
         k.state IS NOT NULL,
         $3::bigint
    FROM pair p
    LEFT JOIN known k ON k.state = p.state
  ON CONFLICT (state, region) DO NOTHING`;
