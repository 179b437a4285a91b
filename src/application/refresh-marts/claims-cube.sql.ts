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
/** The member-side attributes a member-month can take (month excluded: it is the partition). */
const MEMBER_ATTRIBUTES = MEMBER_COLUMNS.filter((c) => c !== 'month');
/** grouping_id bits of the claim-side columns: all set = member months apply to the cell. */
const CLAIM_BITS = (1 << CLAIM_COLUMNS.length) - 1;

/**
 * plan_id is the one column with many values (hundreds of plans at scale) that only one stored
 * set uses: the other sets aggregate a pre-aggregate without it, which is several times smaller.
 */
const WIDE_COLUMN: CubeColumn = 'plan_id';
const NARROW_COLUMNS = CUBE_COLUMNS.filter((c) => c !== WIDE_COLUMN);
const WIDE_SETS = CUBE_GROUPING_SETS.filter((s) => s.includes(WIDE_COLUMN));
const NARROW_SETS = CUBE_GROUPING_SETS.filter((s) => !s.includes(WIDE_COLUMN));
const WIDE_SET_COLUMNS = CUBE_COLUMNS.filter((c) => WIDE_SETS.some((s) => s.includes(c)));

// The member flags below are written for these two claim-side columns.
if (CLAIM_COLUMNS.join() !== 'specialty,claim_type') {
  throw new Error(
    `claims cube: member flags expect claim-side columns specialty, claim_type; got ${CLAIM_COLUMNS.join(', ')}`,
  );
}

/** A zero with the base's scale, so an empty sum prints like a delta that cancelled out. */
const ZERO = '0.0000000000';

const ALL = CUBE_COLUMNS.join(', ');
const NARROW = NARROW_COLUMNS.join(', ');

/**
 * The grouping_id (GROUPING() over all CUBE_COLUMNS) of a query that groups by `present` only:
 * GROUPING() accepts only grouped columns, and the others are rolled up in every set.
 */
function groupingIdOf(present: readonly CubeColumn[]): string {
  const last = CUBE_COLUMNS.length - 1;
  return CUBE_COLUMNS.map((c, i) =>
    present.includes(c) ? `(GROUPING(${c}) << ${last - i})` : `${1 << (last - i)}`,
  ).join(' | ');
}

/** The cube columns, NULL where the query does not group by them. */
function columnsOf(present: readonly CubeColumn[]): string {
  return CUBE_COLUMNS.map((c) => (present.includes(c) ? c : `NULL::text AS ${c}`)).join(', ');
}

function sets(list: ReadonlyArray<readonly CubeColumn[]>): string {
  return list.map((s) => `(${s.join(', ')})`).join(',\n             ');
}

/**
 * Distinct members of a cell from the member flags of `fine`, in a query grouping by `present`:
 * a set that keeps neither claim-side column counts each member once, one that keeps the
 * specialty once per specialty, and so on (see INSERT_CLAIMS_CUBE).
 */
function membersOf(present: readonly CubeColumn[]): string {
  const flag = (keepsSpecialty: string, keepsClaimType: string): string =>
    `CASE WHEN ${keepsSpecialty} AND ${keepsClaimType} THEN sum(first_of_cell)
                  WHEN ${keepsSpecialty} THEN sum(first_of_specialty)
                  WHEN ${keepsClaimType} THEN sum(first_of_claim_type)
                  ELSE sum(first_of_member)
             END`;
  const keeps = (c: CubeColumn): string => (present.includes(c) ? `GROUPING(${c}) = 0` : 'false');
  return flag(keeps('specialty'), keeps('claim_type'));
}

/** The claim measures summed from `fine`-shaped rows. */
const CLAIM_SUMS = `sum(claims) AS claims,
             sum(denied_claims) AS denied_claims,
             sum(billed) AS billed,
             sum(allowed) AS allowed,
             sum(paid) AS paid`;

/**
 * The same sums for the pre-aggregates, counts as integer: a coordinate's count within a month
 * is far below 2^31, and sum(integer) accumulates in a machine word where sum(bigint) would
 * accumulate in numeric.
 */
const COUNT_SUMS = `sum(claims)::integer AS claims,
             sum(denied_claims)::integer AS denied_claims,
             sum(billed) AS billed,
             sum(allowed) AS allowed,
             sum(paid) AS paid`;

export const DELETE_CLAIMS_CUBE = `
  DELETE FROM mart.claims_cube WHERE month >= $1::date AND month < $2::date`;

export const DELETE_WHOLE_CLAIMS_CUBE = `DELETE FROM mart.claims_cube`;

/**
 * The cube cells of the months [$1, $2). GROUPING SETS run over pre-aggregates of the two base
 * tables, never over the fact (the Citus rule).
 *
 * Claim side. count(DISTINCT member_id) in 44 grouping sets costs a sort per set and per
 * group; instead each base row carries flags that make the distinct count a sum. Within a
 * month the base has one row per member and coordinate; when all of a member's rows share the
 * same member-side attributes (the member is "uniform": no version or plan change within the
 * month with claims on both sides, nearly every member), a set counts the member once per
 * distinct value of the claim-side columns it keeps: flag one row per member
 * (first_of_member), one per member and specialty, one per member and claim type, and every row
 * (a row is already one member, specialty and claim type). Summed by the right flag, a cell's members
 * are exact. The flags fold into `fine`, one row per coordinate (member_id gone), which the
 * grouping sets then aggregate by hashing. The few members who are not uniform are counted
 * apart with count(DISTINCT) over their own rows; the two groups of members are disjoint, so
 * the counts add.
 *
 * Coverage side. Member months and premium come from the coverage base, pre-aggregated per
 * member-side coordinate, and are grouped by the member-side sets only, so they are never
 * split by specialty or claim type (those sets keep them NULL).
 *
 * All three meet by grouping_id and coordinates in one GROUP BY (which, unlike a join, treats
 * a NULL coordinate as equal to itself), so a covered cell without claims still has a row.
 */
function insertClaimsCube(coverage: string): string {
  return `
  INSERT INTO mart.claims_cube (
    grouping_id, ${ALL},
    claims, denied_claims, billed, allowed, paid, members, member_months, premium
  )
  WITH flagged AS (
    -- row_number() without ORDER BY flags one arbitrary row per partition: any one will do,
    -- and windows that differ only in ordering would each cost a pass over the month's rows.
    SELECT b.*,
           count(*) OVER by_member_cell = count(*) OVER by_member AS uniform,
           (row_number() OVER by_member_cell = 1)::integer AS first_of_member,
           (row_number() OVER by_specialty = 1)::integer AS first_of_specialty,
           (row_number() OVER by_claim_type = 1)::integer AS first_of_claim_type
      FROM mart.cube_claims_base b
     WHERE b.month >= $1::date AND b.month < $2::date
    WINDOW by_member AS (PARTITION BY b.month, b.member_id),
           by_member_cell AS (PARTITION BY b.month, b.member_id, ${MEMBER_ATTRIBUTES.join(', ')}),
           by_specialty AS (
             PARTITION BY b.month, b.member_id, ${MEMBER_ATTRIBUTES.join(', ')}, b.specialty),
           by_claim_type AS (
             PARTITION BY b.month, b.member_id, ${MEMBER_ATTRIBUTES.join(', ')}, b.claim_type)
  ),
  fine AS (
    SELECT ${ALL},
             ${COUNT_SUMS},
             sum(first_of_member) FILTER (WHERE uniform)::integer AS first_of_member,
             sum(first_of_specialty) FILTER (WHERE uniform)::integer AS first_of_specialty,
             sum(first_of_claim_type) FILTER (WHERE uniform)::integer AS first_of_claim_type,
             count(*) FILTER (WHERE uniform)::integer AS first_of_cell
      FROM flagged
     GROUP BY ${ALL}
  ),
  narrow AS (
    SELECT ${NARROW},
             ${COUNT_SUMS},
             sum(first_of_member)::integer AS first_of_member,
             sum(first_of_specialty)::integer AS first_of_specialty,
             sum(first_of_claim_type)::integer AS first_of_claim_type,
             sum(first_of_cell)::integer AS first_of_cell
      FROM fine
     GROUP BY ${NARROW}
  ),
  claim_cells AS (
    SELECT ${groupingIdOf(NARROW_COLUMNS)} AS grouping_id,
           ${columnsOf(NARROW_COLUMNS)},
           ${CLAIM_SUMS},
           ${membersOf(NARROW_COLUMNS)} AS members,
           NULL::numeric AS member_months,
           NULL::numeric AS premium
      FROM narrow
     GROUP BY GROUPING SETS (
             ${sets(NARROW_SETS)}
     )
    UNION ALL
    SELECT ${groupingIdOf(WIDE_SET_COLUMNS)},
           ${columnsOf(WIDE_SET_COLUMNS)},
           ${CLAIM_SUMS},
           ${membersOf(WIDE_SET_COLUMNS)},
           NULL::numeric,
           NULL::numeric
      FROM fine
     GROUP BY GROUPING SETS (
             ${sets(WIDE_SETS)}
     )
  ),
  mixed_member_cells AS (
    SELECT GROUPING(${ALL}) AS grouping_id,
           ${ALL},
           0 AS claims, 0 AS denied_claims, 0.00 AS billed, 0.00 AS allowed, 0.00 AS paid,
           count(DISTINCT member_id) AS members,
           NULL::numeric AS member_months,
           NULL::numeric AS premium
      FROM flagged
     WHERE NOT uniform
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
      FROM (${coverage}
      ) coverage
     GROUP BY GROUPING SETS (
             ${sets(MEMBER_SIDE_GROUPING_SETS)}
     )
  ),
  cells AS (
    SELECT * FROM claim_cells
    UNION ALL
    SELECT * FROM mixed_member_cells
    UNION ALL
    SELECT * FROM coverage_cells
  )
  SELECT grouping_id,
         ${ALL},
         sum(claims)::bigint,
         sum(denied_claims)::bigint,
         sum(billed),
         sum(allowed),
         sum(paid),
         sum(members)::bigint,
         CASE WHEN grouping_id & ${CLAIM_BITS} = ${CLAIM_BITS} THEN coalesce(sum(member_months), ${ZERO}) END,
         CASE WHEN grouping_id & ${CLAIM_BITS} = ${CLAIM_BITS} THEN coalesce(sum(premium), ${ZERO}) END
    FROM cells
   GROUP BY grouping_id, ${ALL}`;
}

/** Member months and premium per member-side coordinate, summed from the coverage base. */
const COVERAGE_FROM_BASE = `
        SELECT ${MEMBER_COLUMNS.join(', ')},
               sum(member_months) AS member_months,
               sum(premium) AS premium
          FROM mart.cube_coverage_base
         WHERE month >= $1::date AND month < $2::date
         GROUP BY ${MEMBER_COLUMNS.join(', ')}`;

/** The same, read from mart_coverage_cells (CREATE_COVERAGE_CELLS). */
const COVERAGE_FROM_CELLS = `
        SELECT ${MEMBER_COLUMNS.join(', ')}, member_months, premium
          FROM mart_coverage_cells
         WHERE month >= $1::date AND month < $2::date`;

export const INSERT_CLAIMS_CUBE = insertClaimsCube(COVERAGE_FROM_BASE);

/**
 * For a rebuild of every month. The coverage base is written member by member, so one month's
 * rows lie on nearly every page of it: reading it month by month read the whole table each
 * time (3.6 s a month at 1M members). One pass sums it for all months into this work table,
 * which each month's statement then reads instead.
 */
export const CREATE_COVERAGE_CELLS = `
  CREATE TEMP TABLE mart_coverage_cells ON COMMIT DROP AS
  SELECT ${MEMBER_COLUMNS.join(', ')},
         sum(member_months) AS member_months,
         sum(premium) AS premium
    FROM mart.cube_coverage_base
   GROUP BY ${MEMBER_COLUMNS.join(', ')}`;

export const DROP_COVERAGE_CELLS = `DROP TABLE IF EXISTS mart_coverage_cells`;

export const INSERT_CLAIMS_CUBE_FROM_COVERAGE_CELLS = insertClaimsCube(COVERAGE_FROM_CELLS);

const UNIQUE_CELL = `grouping_id, ${ALL}`;

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
