import {
  COLUMN_SIDE,
  CUBE_COLUMNS,
  CUBE_GROUPING_SETS,
  CubeColumn,
  MEMBER_SIDE_GROUPING_SETS,
} from '../../domain/cube';

/** Columns of the member side, in GROUPING() order (the claim side's come after them). */
const MEMBER_COLUMNS = CUBE_COLUMNS.filter((c) => COLUMN_SIDE[c] !== 'claim');
const CLAIM_COLUMNS = CUBE_COLUMNS.filter((c) => COLUMN_SIDE[c] === 'claim');
/** grouping_id bits of the claim-side columns: all set = member months apply to the cell. */
const CLAIM_BITS = (1 << CLAIM_COLUMNS.length) - 1;

/** A zero with the base's scale, so an empty sum prints like a delta that cancelled out. */
const ZERO = '0.0000000000';

function sets(list: ReadonlyArray<readonly CubeColumn[]>): string {
  return list.map((s) => `(${s.join(', ')})`).join(',\n           ');
}

export const DELETE_CLAIMS_CUBE = `
  DELETE FROM mart.claims_cube WHERE month >= $1::date AND month < $2::date`;

/**
 * The cube cells of the months [$1, $2). GROUPING SETS run over the two pre-aggregated base
 * tables, never over the fact (the Citus rule). Claim measures and distinct members come from
 * the claim side; member months and premium from the coverage side, grouped by the member-side
 * sets only, so they are never split by specialty or claim type (those sets keep them NULL).
 * Both sides meet by grouping_id and coordinates in one GROUP BY (which, unlike a join, treats
 * a NULL coordinate as equal to itself), so a covered cell without claims still has a row.
 */
export const INSERT_CLAIMS_CUBE = `
  INSERT INTO mart.claims_cube (
    grouping_id, ${CUBE_COLUMNS.join(', ')},
    claims, denied_claims, billed, allowed, paid, members, member_months, premium
  )
  WITH claim_cells AS (
    SELECT GROUPING(${CUBE_COLUMNS.join(', ')}) AS grouping_id,
           ${CUBE_COLUMNS.join(', ')},
           sum(claims) AS claims,
           sum(denied_claims) AS denied_claims,
           sum(billed) AS billed,
           sum(allowed) AS allowed,
           sum(paid) AS paid,
           count(DISTINCT member_id) AS members,
           NULL::numeric AS member_months,
           NULL::numeric AS premium
      FROM mart.cube_claims_base
     WHERE month >= $1::date AND month < $2::date
     GROUP BY GROUPING SETS (
           ${sets(CUBE_GROUPING_SETS)}
     )
  ),
  coverage_cells AS (
    SELECT (GROUPING(${MEMBER_COLUMNS.join(', ')}) << ${CLAIM_COLUMNS.length}) | ${CLAIM_BITS} AS grouping_id,
           ${MEMBER_COLUMNS.join(', ')},
           ${CLAIM_COLUMNS.map((c) => `NULL::text AS ${c}`).join(', ')},
           0 AS claims, 0 AS denied_claims, 0.00 AS billed, 0.00 AS allowed, 0.00 AS paid,
           0 AS members,
           sum(member_months),
           sum(premium)
      FROM mart.cube_coverage_base
     WHERE month >= $1::date AND month < $2::date
     GROUP BY GROUPING SETS (
           ${sets(MEMBER_SIDE_GROUPING_SETS)}
     )
  ),
  cells AS (
    SELECT * FROM claim_cells
    UNION ALL
    SELECT * FROM coverage_cells
  )
  SELECT grouping_id,
         ${CUBE_COLUMNS.join(', ')},
         sum(claims)::bigint,
         sum(denied_claims)::bigint,
         sum(billed),
         sum(allowed),
         sum(paid),
         sum(members)::bigint,
         CASE WHEN grouping_id & ${CLAIM_BITS} = ${CLAIM_BITS} THEN coalesce(sum(member_months), ${ZERO}) END,
         CASE WHEN grouping_id & ${CLAIM_BITS} = ${CLAIM_BITS} THEN coalesce(sum(premium), ${ZERO}) END
    FROM cells
   GROUP BY grouping_id, ${CUBE_COLUMNS.join(', ')}`;

const UNIQUE_CELL = `grouping_id, ${CUBE_COLUMNS.join(', ')}`;

/**
 * Member-side changes in months whose claims did not change: member months and premium are
 * sums, so the cube takes the difference (new rows of the touched members minus their old
 * rows, per member-side set) instead of recomputing months a long coverage period spans.
 * $1: the months to adjust. Uses the work tables of the coverage step.
 */
export const APPLY_COVERAGE_DELTA = `
  INSERT INTO mart.claims_cube AS cube (
    ${UNIQUE_CELL},
    claims, denied_claims, billed, allowed, paid, members, member_months, premium
  )
  WITH delta_rows AS (
    SELECT ${MEMBER_COLUMNS.join(', ')}, member_months, premium
      FROM mart_new_coverage
     WHERE month = ANY($1::date[])
    UNION ALL
    SELECT ${MEMBER_COLUMNS.join(', ')}, -member_months, -premium
      FROM mart_old_coverage
     WHERE month = ANY($1::date[])
  )
  SELECT (GROUPING(${MEMBER_COLUMNS.join(', ')}) << ${CLAIM_COLUMNS.length}) | ${CLAIM_BITS},
         ${MEMBER_COLUMNS.join(', ')},
         ${CLAIM_COLUMNS.map(() => 'NULL').join(', ')},
         0, 0, 0.00, 0.00, 0.00, 0,
         sum(member_months),
         sum(premium)
    FROM delta_rows
   GROUP BY GROUPING SETS (
         ${sets(MEMBER_SIDE_GROUPING_SETS)}
   )
  ON CONFLICT (${UNIQUE_CELL}) DO UPDATE
     SET member_months = cube.member_months + excluded.member_months,
         premium = cube.premium + excluded.premium`;

/** Cells the delta emptied: no claim and no member month left (a rebuild would not have them). */
export const DELETE_EMPTY_CELLS = `
  DELETE FROM mart.claims_cube
   WHERE month = ANY($1::date[]) AND claims = 0 AND member_months = 0`;
