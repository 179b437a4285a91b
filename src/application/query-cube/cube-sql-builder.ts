import {
  CubeDimension,
  CubeFilter,
  CubeQueryPlan,
  groupingId,
  isClaimSide,
  StoredMeasureColumn,
} from '../../domain/cube';

export interface BuiltQuery {
  readonly sql: string;
  readonly params: unknown[];
  readonly columns: string[];
  /** True when some part of the answer had to be aggregated from a base table. */
  readonly usesBase: boolean;
}

const CAST: Record<CubeDimension['valueType'], string> = {
  date: 'date',
  integer: 'integer',
  text: 'text',
};

/** A catalogue name as a quoted identifier (names are catalogue constants, never user text). */
function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a catalogue identifier: ${name}`);
  return `"${name}"`;
}

function expression(dim: CubeDimension): string {
  return dim.derive === 'year' ? `extract(year FROM month)::integer` : ident(dim.column);
}

/**
 * Null-safe, hashable equality of two relations' dimension columns: equal text forms and the
 * same NULL-ness (a plain `=` drops NULL values; IS NOT DISTINCT FROM cannot hash).
 */
function sameCell(dims: readonly CubeDimension[], left: string, right: string): string {
  if (dims.length === 0) return 'true';
  return dims
    .map((d) => {
      const l = `${left}.${ident(d.name)}`;
      const r = `${right}.${ident(d.name)}`;
      return `coalesce(${l}::text, '') = coalesce(${r}::text, '') AND (${l} IS NULL) = (${r} IS NULL)`;
    })
    .join('\n     AND ');
}

/**
 * Turns a validated plan into one SELECT over mart.claims_cube (or its base tables when no
 * stored grouping set covers the question). Identifiers come only from the catalogue; every
 * value is a $n parameter.
 */
export function buildCubeQuery(plan: CubeQueryPlan): BuiltQuery {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const filterSql = (filters: readonly CubeFilter[], extra: string[] = []): string => {
    const clauses = [
      ...extra,
      ...filters.map(
        (f) =>
          `${expression(f.dimension)} = ANY(${param([...f.values])}::${CAST[f.dimension.valueType]}[])`,
      ),
    ];
    return clauses.length > 0 ? `WHERE ${clauses.join('\n       AND ')}` : '';
  };
  const select = (dims: readonly CubeDimension[]): string =>
    dims.map((d) => `${expression(d)} AS ${ident(d.name)}`).join(', ');
  const groupBy = (dims: readonly CubeDimension[]): string =>
    dims.length > 0 ? `GROUP BY ${dims.map(expression).join(', ')}` : '';
  const withComma = (s: string): string => (s === '' ? '' : `${s},`);

  const byClaimSide = plan.by.some(isClaimSide);
  const memberBy = plan.by.filter((d) => !isClaimSide(d));
  const memberFilters = plan.where.filter((f) => !isClaimSide(f.dimension));
  const wantsClaimSide =
    plan.claimMeasures.length > 0 || byClaimSide || (plan.wantsMembers && plan.membersFromCube);
  const ctes: string[] = [];
  const sides: Array<{ alias: string; keyDims: readonly CubeDimension[] }> = [];

  if (wantsClaimSide) {
    const measures = (['claims', 'denied_claims', 'billed', 'allowed', 'paid'] as const).map(
      (c) => `sum(${c}) AS ${c}`,
    );
    if (plan.wantsMembers && plan.membersFromCube) measures.push('sum(members) AS members');
    const source = plan.claimSet
      ? { from: 'mart.claims_cube', extra: [`grouping_id = ${param(groupingId(plan.claimSet))}`] }
      : { from: 'mart.cube_claims_base', extra: [] };
    ctes.push(`claim_side AS (
    SELECT ${withComma(select(plan.by))} ${measures.join(', ')}
      FROM ${source.from}
     ${filterSql(plan.where, source.extra)}
     ${groupBy(plan.by)}
  )`);
    sides.push({ alias: 'claim_side', keyDims: plan.by });
  }
  if (plan.memberMeasures.length > 0) {
    const source = plan.memberSet
      ? { from: 'mart.claims_cube', extra: [`grouping_id = ${param(groupingId(plan.memberSet))}`] }
      : { from: 'mart.cube_coverage_base', extra: [] };
    ctes.push(`member_side AS (
    SELECT ${withComma(select(memberBy))} sum(member_months) AS member_months, sum(premium) AS premium
      FROM ${source.from}
     ${filterSql(memberFilters, source.extra)}
     ${groupBy(memberBy)}
  )`);
    sides.push({ alias: 'member_side', keyDims: memberBy });
  }
  if (plan.wantsMembers && !plan.membersFromCube) {
    // A distinct count cannot be summed over cells that may share a member: count it from the
    // member-grain base instead.
    ctes.push(`distinct_side AS (
    SELECT ${withComma(select(plan.by))} count(DISTINCT member_id) AS members
      FROM mart.cube_claims_base
     ${filterSql(plan.where)}
     ${groupBy(plan.by)}
  )`);
    sides.push({ alias: 'distinct_side', keyDims: plan.by });
  }

  // The answer's cells: every cell any side has, except that member months alone never make a
  // cell when the question is split by a claim-side dimension.
  const keySources = sides.filter((s) => !(byClaimSide && s.alias === 'member_side'));
  const keyColumns = plan.by.map((d) => ident(d.name)).join(', ');
  ctes.push(
    plan.by.length === 0
      ? `cells AS (SELECT 1 AS one)`
      : `cells AS (
    ${keySources.map((s) => `SELECT ${keyColumns} FROM ${s.alias}`).join('\n    UNION\n    ')}
  )`,
  );
  const joins = sides.map(
    (s) => `LEFT JOIN ${s.alias}\n      ON ${sameCell(s.keyDims, 'cells', s.alias)}`,
  );

  const stored = (column: StoredMeasureColumn): string => {
    const alias = column === 'member_months' || column === 'premium' ? 'member_side' : 'claim_side';
    return `coalesce(${alias}.${column}, 0)`;
  };
  const measureSql = plan.measures.map((m) => {
    switch (m.kind) {
      case 'sum':
        return m.scale === 0
          ? `${stored(m.column)}::bigint AS ${ident(m.name)}`
          : `round(${stored(m.column)}, ${m.scale}) AS ${ident(m.name)}`;
      case 'distinct': {
        const alias = plan.membersFromCube ? 'claim_side' : 'distinct_side';
        return `coalesce(${alias}.members, 0)::bigint AS ${ident(m.name)}`;
      }
      case 'ratio': {
        const numerator = `${stored(m.numerator)}::numeric${m.multiplier === 1 ? '' : ` * ${m.multiplier}`}`;
        return `round(${numerator} / nullif(${stored(m.denominator)}, 0), ${m.scale}) AS ${ident(m.name)}`;
      }
    }
  });

  const order = plan.order
    ? `${ident(plan.order.name)} ${plan.order.descending ? 'DESC' : 'ASC'} NULLS LAST`
    : plan.by.map((d) => `${ident(d.name)} NULLS LAST`).join(', ');
  const dimensionSql = plan.by.map((d) => `cells.${ident(d.name)}`);
  const sql = `
  WITH ${ctes.join(',\n  ')}
  SELECT ${[...dimensionSql, ...measureSql].join(',\n         ')}
    FROM cells
    ${joins.join('\n    ')}
  ${order ? `ORDER BY ${order}` : ''}
  ${plan.limit !== null ? `LIMIT ${param(plan.limit)}` : ''}`;
  const usesBase =
    (wantsClaimSide && plan.claimSet === null) ||
    (plan.memberMeasures.length > 0 && plan.memberSet === null) ||
    (plan.wantsMembers && !plan.membersFromCube);
  return {
    sql,
    params,
    columns: [...plan.by.map((d) => d.name), ...plan.measures.map((m) => m.name)],
    usesBase,
  };
}
