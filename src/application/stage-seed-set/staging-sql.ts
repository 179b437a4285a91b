import { SEED_FILES, SeedFileSpec } from '../../domain/seed-contract';

/** Staging holds only the latest batch. */
export const TRUNCATE_STAGING_SQL = `TRUNCATE ${SEED_FILES.map((f) => `staging.${f.entity}`).join(', ')}`;

/** Rejects of other batches stay; a stage run again in the same batch starts over. */
export const DELETE_BATCH_REJECTS_SQL = `DELETE FROM staging.rejects WHERE load_id = $1`;

export const COPY_REJECTS_SQL = `COPY staging.rejects (load_id, file, line, column_name, reason, raw_text) FROM STDIN WITH (FORMAT csv)`;

/**
 * FREEZE writes the rows already frozen and all-visible, so the loaders' first full read of
 * staging does not rewrite every page to set hint bits. PostgreSQL allows it because staging
 * truncates the table earlier in the same (sub)transaction (TRUNCATE_STAGING_SQL).
 */
export function copyStagingSql(spec: SeedFileSpec, columns: readonly string[]): string {
  return `COPY staging.${spec.entity} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv, FREEZE)`;
}

export interface DuplicateCountsRow {
  duplicates: number;
  conflicts: number;
  /** Up to five natural keys with conflicting rows, in key order. */
  conflict_keys: string[] | null;
}

/**
 * Counts, for one staged file, rows that repeat an earlier row's natural key: with the same
 * values (duplicates) or with other values (conflicts; the loaders keep the last by
 * source_line). Within a key that occurs n times with v distinct value sets, n - v rows are
 * duplicates and v - 1 are conflicts. Only repeated keys are hashed.
 */
export function duplicateCountsSql(spec: SeedFileSpec): string {
  const table = `staging.${spec.entity}`;
  const key = spec.naturalKey.join(', ');
  const values = [...spec.columns.map((c) => `s.${c.name}`), 's.extra'].join(', ');
  return `
    WITH repeated_keys AS (
      SELECT ${key}
        FROM ${table}
       WHERE load_id = $1
       GROUP BY ${key}
      HAVING count(*) > 1
    ),
    key_versions AS (
      SELECT ${spec.naturalKey.map((k) => `s.${k}`).join(', ')},
             count(*) AS copies,
             count(DISTINCT md5(ROW(${values})::text)) AS versions
        FROM ${table} AS s
        JOIN repeated_keys USING (${key})
       WHERE s.load_id = $1
       GROUP BY ${spec.naturalKey.map((k) => `s.${k}`).join(', ')}
    )
    SELECT coalesce(sum(copies - versions), 0)::int AS duplicates,
           coalesce(sum(versions - 1), 0)::int AS conflicts,
           (array_agg(concat_ws(' / ', ${key}) ORDER BY ${key}) FILTER (WHERE versions > 1))[1:5]
             AS conflict_keys
      FROM key_versions`;
}

/** State codes of a staged file that are not US states: kept, reported, judged by data quality. */
export function nonUsStatesSql(spec: SeedFileSpec): string {
  return `
    SELECT state, count(*)::int AS rows
      FROM staging.${spec.entity}
     WHERE load_id = $1
       AND state IS NOT NULL
       AND state <> ALL ($2::text[])
     GROUP BY state
     ORDER BY state`;
}
