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
         CASE WHEN grouping_id & ${CLAIM_BITS} = ${CLAIM_BITS} THEN coalesce(sum(member_months), 0) END,
         CASE WHEN grouping_id & ${CLAIM_BITS} = ${CLAIM_BITS} THEN coalesce(sum(premium), 0) END
    FROM cells
   GROUP BY grouping_id, ${CUBE_COLUMNS.join(', ')}`;
