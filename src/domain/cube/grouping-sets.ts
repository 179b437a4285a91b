import { COLUMN_SIDE, CUBE_COLUMNS, CubeColumn } from './cube-dimensions';

/**
 * Which grouping sets mart.claims_cube stores. A full CUBE over the seven analyst dimensions
 * would be 128 sets, most of them cells nobody reads; instead:
 * - every set carries `month`: the cube is maintained month by month (a batch recomputes only
 *   the months it touched), and a question over years or all time is rolled up from the
 *   monthly cells at query time (additive measures only; distinct members come from the base);
 * - the six analyst dimensions combine freely up to three at a time (1 + 6 + 15 + 20 = 42
 *   sets): every slice-and-dice an analyst types with at most three dimensions hits a stored set;
 * - plus the PMPM grain (metal tier × state × age group × clinical segment) and plan_id alone
 *   (the medical-loss-ratio grain): 44 sets in all.
 * Questions outside these sets are answered from the two base tables of the cube.
 */
export const COMBINABLE_COLUMNS: readonly CubeColumn[] = [
  'metal_tier',
  'state',
  'age_group',
  'clinical_segment',
  'specialty',
  'claim_type',
];
export const MAX_COMBINED_DIMENSIONS = 3;
export const EXTRA_GROUPING_SETS: ReadonlyArray<readonly CubeColumn[]> = [
  ['metal_tier', 'state', 'age_group', 'clinical_segment'],
  ['plan_id'],
];

/** Columns in GROUPING() order, without duplicates. */
export function normalizeSet(columns: Iterable<CubeColumn>): CubeColumn[] {
  const wanted = new Set(columns);
  return CUBE_COLUMNS.filter((c) => wanted.has(c));
}

function subsets<T>(items: readonly T[], maxSize: number): T[][] {
  const out: T[][] = [[]];
  for (const item of items) {
    for (const existing of out.slice()) {
      if (existing.length < maxSize) out.push([...existing, item]);
    }
  }
  return out;
}

/** The stored grouping sets, each with `month`, in GROUPING() column order. */
export const CUBE_GROUPING_SETS: ReadonlyArray<readonly CubeColumn[]> = (() => {
  const sets = [
    ...subsets(COMBINABLE_COLUMNS, MAX_COMBINED_DIMENSIONS),
    ...EXTRA_GROUPING_SETS.map((s) => [...s]),
  ].map((s) => normalizeSet(['month', ...s]));
  const seen = new Set<string>();
  return sets.filter((s) => {
    const key = s.join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
})();

/**
 * The value PostgreSQL's `GROUPING(month, metal_tier, …, claim_type)` returns for a set:
 * bit (7 - i) is 1 when CUBE_COLUMNS[i] is rolled up (not in the set).
 */
export function groupingId(set: Iterable<CubeColumn>): number {
  const grouped = new Set(set);
  return CUBE_COLUMNS.reduce(
    (id, column, i) => (grouped.has(column) ? id : id | (1 << (CUBE_COLUMNS.length - 1 - i))),
    0,
  );
}

/** The columns a grouping id keeps. */
export function columnsOfGroupingId(id: number): CubeColumn[] {
  return CUBE_COLUMNS.filter((_c, i) => (id & (1 << (CUBE_COLUMNS.length - 1 - i))) === 0);
}

/** The set without its claim-side columns: where its member months are stored. */
export function memberSideSet(set: readonly CubeColumn[]): CubeColumn[] {
  return set.filter((c) => COLUMN_SIDE[c] !== 'claim');
}

const STORED_IDS = new Set(CUBE_GROUPING_SETS.map((s) => groupingId(s)));

export function isStoredSet(set: readonly CubeColumn[]): boolean {
  return STORED_IDS.has(groupingId(set));
}

/** The stored sets that carry member months (no claim-side column). */
export const MEMBER_SIDE_GROUPING_SETS: ReadonlyArray<readonly CubeColumn[]> =
  CUBE_GROUPING_SETS.filter((s) => s.every((c) => COLUMN_SIDE[c] !== 'claim'));
