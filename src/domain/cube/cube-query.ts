import { COLUMN_SIDE, CUBE_DIMENSIONS, CubeColumn, CubeDimension } from './cube-dimensions';
import { CUBE_MEASURES, CubeMeasure, StoredMeasureColumn } from './cube-measures';
import { isStoredSet, memberSideSet, normalizeSet } from './grouping-sets';

/** A question to the cube: measures, the dimensions to group by, filters, order and limit. */
export interface CubeQuery {
  readonly measures: readonly string[];
  readonly by: readonly string[];
  /** Dimension → accepted values (OR within a dimension, AND across dimensions). */
  readonly where?: Readonly<Record<string, readonly string[]>>;
  /** A measure or `by` dimension; prefix `-` for descending. Default: the `by` dimensions. */
  readonly orderBy?: string;
  readonly limit?: number;
}

export interface CubeResult {
  readonly columns: string[];
  readonly rows: Array<Record<string, string | number | null>>;
  /** Where the answer came from: the stored grouping sets, or the cube's base tables. */
  readonly source?: 'cube' | 'base';
}

/** A question the cube cannot answer as asked; the message says what is valid. */
export class CubeQueryError extends Error {
  override readonly name = 'CubeQueryError';
}

export const MAX_LIMIT = 100_000;

export interface CubeFilter {
  readonly dimension: CubeDimension;
  readonly values: readonly string[];
}

/** A validated question and how to answer it. */
export interface CubeQueryPlan {
  readonly measures: readonly CubeMeasure[];
  readonly by: readonly CubeDimension[];
  readonly where: readonly CubeFilter[];
  readonly order: { readonly name: string; readonly descending: boolean } | null;
  readonly limit: number | null;
  /** Stored columns the question pins (by ∪ where ∪ month). */
  readonly columns: readonly CubeColumn[];
  /** Stored claim-side measures needed (directly or by a ratio). */
  readonly claimMeasures: readonly StoredMeasureColumn[];
  /** Stored member-side measures needed (member_months, premium). */
  readonly memberMeasures: readonly StoredMeasureColumn[];
  readonly wantsMembers: boolean;
  /** Stored set answering the claim side; null: aggregate mart.cube_claims_base. */
  readonly claimSet: readonly CubeColumn[] | null;
  /** Stored set answering the member side; null: aggregate mart.cube_coverage_base. */
  readonly memberSet: readonly CubeColumn[] | null;
  /**
   * True when each answer row is exactly one stored cell, so the cube's distinct member count
   * can be read as is; otherwise members are counted distinct from mart.cube_claims_base.
   */
  readonly membersFromCube: boolean;
}

const MEASURES = new Map(CUBE_MEASURES.map((m) => [m.name, m]));
const DIMENSIONS = new Map(CUBE_DIMENSIONS.map((d) => [d.name, d]));
const MEMBER_COLUMNS: readonly StoredMeasureColumn[] = ['member_months', 'premium'];

function validList(kind: string, names: Iterable<string>): string {
  return `valid ${kind}: ${[...names].join(', ')}`;
}

function measure(name: string): CubeMeasure {
  const found = MEASURES.get(name);
  if (!found) {
    throw new CubeQueryError(
      `Unknown measure '${name}'; ${validList('measures', MEASURES.keys())}`,
    );
  }
  return found;
}

function dimension(name: string): CubeDimension {
  const found = DIMENSIONS.get(name);
  if (!found) {
    throw new CubeQueryError(
      `Unknown dimension '${name}'; ${validList('dimensions', DIMENSIONS.keys())}`,
    );
  }
  return found;
}

function unique<T>(items: readonly T[], label: string): void {
  const seen = new Set<T>();
  for (const item of items) {
    if (seen.has(item)) throw new CubeQueryError(`${label} '${String(item)}' is listed twice`);
    seen.add(item);
  }
}

/** Months as 'YYYY-MM-01' (accepts YYYY-MM), years as four digits; text as given. */
export function normalizeValue(dim: CubeDimension, raw: string): string {
  const value = raw.trim();
  if (dim.derive === 'year') {
    if (!/^\d{4}$/.test(value)) {
      throw new CubeQueryError(`${dim.name} values are years (YYYY); got '${value}'`);
    }
    return value;
  }
  if (dim.valueType === 'date') {
    const match = /^(\d{4})-(\d{2})(?:-01)?$/.exec(value);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) {
      throw new CubeQueryError(
        `${dim.name} values are months (YYYY-MM or YYYY-MM-01); got '${value}'`,
      );
    }
    return `${match[1]}-${match[2]}-01`;
  }
  return value;
}

function storedColumnsOf(m: CubeMeasure): StoredMeasureColumn[] {
  if (m.kind === 'sum') return [m.column];
  if (m.kind === 'ratio') return [m.numerator, m.denominator];
  return [];
}

/** A column is pinned when every answer row holds one value of it. */
function pinned(column: CubeColumn, by: readonly CubeDimension[], where: readonly CubeFilter[]) {
  return (
    by.some((d) => d.column === column && d.derive === 'none') ||
    where.some(
      (f) =>
        f.dimension.column === column && f.dimension.derive === 'none' && f.values.length === 1,
    )
  );
}

/** Validates a question against the catalogue and decides which stored sets answer it. */
export function planCubeQuery(q: CubeQuery): CubeQueryPlan {
  if (!Array.isArray(q.measures) || q.measures.length === 0) {
    throw new CubeQueryError(
      `Ask for at least one measure; ${validList('measures', MEASURES.keys())}`,
    );
  }
  unique(q.measures, 'Measure');
  unique(q.by ?? [], 'Dimension');
  const measures = q.measures.map(measure);
  const by = (q.by ?? []).map(dimension);
  const where: CubeFilter[] = Object.entries(q.where ?? {}).map(([name, values]) => {
    const dim = dimension(name);
    if (!Array.isArray(values) || values.length === 0) {
      throw new CubeQueryError(`Filter on '${name}' needs at least one value`);
    }
    return { dimension: dim, values: [...new Set(values.map((v) => normalizeValue(dim, v)))] };
  });

  let order: CubeQueryPlan['order'] = null;
  if (q.orderBy !== undefined && q.orderBy.trim() !== '') {
    // '-paid', 'paid desc' and 'paid asc' are all accepted.
    const match = /^(-)?\s*([a-z_0-9]+)(?:\s+(asc|desc))?$/i.exec(q.orderBy.trim());
    const name = match?.[2] ?? q.orderBy.trim();
    const descending = match?.[1] === '-' || match?.[3]?.toLowerCase() === 'desc';
    const allowed = [...q.measures, ...(q.by ?? [])];
    if (!allowed.includes(name)) {
      throw new CubeQueryError(
        `Cannot order by '${name}'; order by one of the asked measures or dimensions: ${allowed.join(', ')}`,
      );
    }
    order = { name, descending };
  }
  let limit: number | null = null;
  if (q.limit !== undefined) {
    if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_LIMIT) {
      throw new CubeQueryError(`limit must be an integer from 1 to ${MAX_LIMIT}; got ${q.limit}`);
    }
    limit = q.limit;
  }

  const stored = new Set(measures.flatMap(storedColumnsOf));
  const claimMeasures = [...stored].filter((c) => !MEMBER_COLUMNS.includes(c));
  const memberMeasures = [...stored].filter((c) => MEMBER_COLUMNS.includes(c));
  const wantsMembers = measures.some((m) => m.kind === 'distinct');
  const columns = normalizeSet([
    'month',
    ...by.map((d) => d.column),
    ...where.map((f) => f.dimension.column),
  ]);
  const claimSet = isStoredSet(columns) ? columns : null;
  const memberColumns = memberSideSet(columns);
  const memberSet = isStoredSet(memberColumns) ? memberColumns : null;
  const membersFromCube = claimSet !== null && claimSet.every((c) => pinned(c, by, where));
  return {
    measures,
    by,
    where,
    order,
    limit,
    columns,
    claimMeasures,
    memberMeasures,
    wantsMembers,
    claimSet,
    memberSet,
    membersFromCube,
  };
}

/** True for dimensions that only claims carry (member months are not split by them). */
export function isClaimSide(dim: CubeDimension): boolean {
  return COLUMN_SIDE[dim.column] === 'claim';
}
