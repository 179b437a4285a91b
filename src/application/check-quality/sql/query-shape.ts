import { quoteIdentifier } from '../../../domain/data-quality/sql-identifier';

/** Indents every line of `sql` by `spaces`. */
export function indent(sql: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return sql
    .split('\n')
    .map((line) => (line.trim() === '' ? line : pad + line))
    .join('\n');
}

/** `t."a", t."b"` for validated column names. */
export function columnList(alias: string, columns: readonly string[]): string {
  return columns.map((c) => `${alias}.${quoteIdentifier(c)}`).join(', ');
}

/** `jsonb_build_object('a', s."a", …)`: sample keys named after their columns. */
export function keyObject(alias: string, columns: readonly string[]): string {
  const pairs = columns.map((c) => `'${c}', ${alias}.${quoteIdentifier(c)}`);
  return `jsonb_build_object(${pairs.join(', ')})`;
}

export interface RowLevelQuery {
  /** SELECT producing one row per failing unit; its columns include `sampleColumns`. */
  readonly failing: string;
  /** Columns of `failing` put in each sample object (already validated identifiers). */
  readonly sampleColumns: readonly string[];
  /** Columns of `failing` ordering the samples (keys first, so samples are reproducible). */
  readonly orderBy: readonly string[];
  /** Placeholder of the sample size parameter. */
  readonly limit: string;
  /** Extra CTEs placed before `failing` (each `name AS (…)`). */
  readonly before?: readonly string[];
  /** jsonb expression over the CTEs (typically `failing`), or NULL. */
  readonly observed?: string;
}

/**
 * The shape shared by every check: the failing units in one CTE, counted once and sampled
 * once (ordered, limited), so a check is always one statement and one scan of its failures.
 */
export function rowLevelQuery(q: RowLevelQuery): string {
  const ctes = [
    ...(q.before ?? []),
    `failing AS (\n${indent(q.failing, 2)}\n)`,
    `sample AS (\n  SELECT ${columnList('f', q.sampleColumns)}\n    FROM failing AS f\n   ORDER BY ${columnList('f', q.orderBy)}\n   LIMIT ${q.limit}\n)`,
  ];
  return [
    `WITH ${ctes.join(',\n')}`,
    `SELECT (SELECT count(*) FROM failing) AS failing_count,`,
    `       (SELECT coalesce(jsonb_agg(${keyObject('s', q.sampleColumns)} ORDER BY ${columnList('s', q.orderBy)}), '[]'::jsonb)`,
    `          FROM sample AS s) AS sample_keys,`,
    `       ${q.observed ?? 'NULL::jsonb'} AS observed`,
  ].join('\n');
}

/** `WHERE`-clause conditions joined with AND (`TRUE` when there are none). */
export function conditions(parts: ReadonlyArray<string | undefined>): string {
  const present = parts.filter((p): p is string => p !== undefined && p !== '');
  return present.length === 0 ? 'TRUE' : present.join('\n   AND ');
}

/** Counts per label of a text[] column of `failing`, as a jsonb object (`{}` when none). */
export function labelCounts(column: string): string {
  return `(SELECT coalesce(jsonb_object_agg(l.label, l.n), '{}'::jsonb)
          FROM (SELECT u.label, count(*) AS n
                  FROM failing AS f, unnest(f.${quoteIdentifier(column)}) AS u(label)
                 GROUP BY u.label) AS l)`;
}
