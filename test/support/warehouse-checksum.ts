import { getMetadataArgsStorage } from 'typeorm';
import { SqlSession } from '../../src/application/ports/sql-database.port';
import { DimensionClass, isScd2Dimension, scd2MetadataOf } from '../../src/domain/scd2';
import { ENTITIES } from '../../src/infrastructure/persistence/entities';

/**
 * Checksums of the warehouse's content, to compare two warehouses that loaded the same seed
 * sets by different roads (a clean run; a run killed mid-batch and run again). Each table's
 * rows become text, sorted (C collation), and hashed with md5; the row count comes along.
 *
 * What the comparison leaves out, and why:
 * - the `etl` schema: it records the road itself (a failed or abandoned batch, check times);
 * - `load_id` columns: a killed batch used a load id, so the run that finished has another;
 * - `created_at`, `updated_at`: wall-clock times of the load;
 * - identity columns that number rows (`staging.rejects.reject_id`): sequences are not
 *   transactional, so a rolled-back batch consumes values and the rerun numbers from there;
 * - surrogate keys (`*_sk`), for the same reason: a dimension's own key is dropped (its natural
 *   key and validity start identify the version), and a key that points at a dimension is
 *   replaced by the natural key and validity start of the version it points at, so facts still
 *   prove they reference the same versions.
 * Every other column counts, partitions of partitioned tables included (as their parent's rows,
 * plus the list of partition names).
 */
export const CHECKSUM_SCHEMAS = ['staging', 'warehouse', 'mart'] as const;
export const EXCLUDED_COLUMNS: readonly string[] = ['load_id', 'created_at', 'updated_at'];

/** How a surrogate key column is identified by the row it points at. */
interface KeyTarget {
  readonly table: string;
  readonly key: string;
  readonly identity: readonly string[];
}

/** Surrogate keys of the dimensions: SCD2 ones from their metadata, geography by (state, region). */
function keyTargets(): Map<string, KeyTarget> {
  const targets = new Map<string, KeyTarget>([
    [
      'geography_sk',
      { table: 'warehouse.dim_geography', key: 'geography_sk', identity: ['state', 'region'] },
    ],
  ]);
  for (const entity of ENTITIES as DimensionClass[]) {
    if (!isScd2Dimension(entity)) continue;
    const meta = scd2MetadataOf(entity);
    const mapped = getMetadataArgsStorage().tables.find((t) => t.target === entity);
    if (!mapped?.name) throw new Error(`${entity.name} is not a mapped table`);
    const table = `${mapped.schema ?? 'public'}.${mapped.name}`;
    targets.set(meta.surrogateKey, {
      table,
      key: meta.surrogateKey,
      identity: [...meta.naturalKey, 'validity_start_ts'],
    });
  }
  return targets;
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  is_identity: boolean;
}

/** `{ 'schema.table': 'rows:md5' }` for every table and materialized view of the warehouse. */
export async function warehouseChecksums(db: SqlSession): Promise<Record<string, string>> {
  const columns = await db.query<ColumnRow & Record<string, unknown>>(
    `SELECT n.nspname || '.' || c.relname AS table_name,
            a.attname AS column_name,
            (a.attidentity <> '' OR pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%') AS is_identity
       FROM pg_class AS c
       JOIN pg_namespace AS n ON n.oid = c.relnamespace
       JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_attrdef AS d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE n.nspname = ANY ($1::text[])
        AND c.relkind IN ('r', 'p', 'm')
        AND NOT c.relispartition
      ORDER BY 1, a.attnum`,
    [[...CHECKSUM_SCHEMAS]],
  );
  const byTable = new Map<string, ColumnRow[]>();
  for (const column of columns) {
    const list = byTable.get(column.table_name) ?? [];
    list.push(column);
    byTable.set(column.table_name, list);
  }
  const targets = keyTargets();
  const sums: Record<string, string> = {};
  for (const [table, tableColumns] of byTable) {
    sums[table] = await tableChecksum(db, table, tableColumns, targets);
  }
  const partitions = await db.query<{ parent: string; children: string }>(
    `SELECT pn.nspname || '.' || p.relname AS parent,
            string_agg(c.relname, ',' ORDER BY c.relname COLLATE "C") AS children
       FROM pg_inherits AS i
       JOIN pg_class AS c ON c.oid = i.inhrelid
       JOIN pg_class AS p ON p.oid = i.inhparent
       JOIN pg_namespace AS pn ON pn.oid = p.relnamespace
      WHERE pn.nspname = ANY ($1::text[]) AND c.relkind IN ('r', 'p')
      GROUP BY 1`,
    [[...CHECKSUM_SCHEMAS]],
  );
  for (const p of partitions) sums[`${p.parent} partitions`] = p.children;
  return sums;
}

async function tableChecksum(
  db: SqlSession,
  table: string,
  columns: readonly ColumnRow[],
  targets: Map<string, KeyTarget>,
): Promise<string> {
  const values: string[] = [];
  const joins: string[] = [];
  for (const column of columns) {
    const name = column.column_name;
    if (EXCLUDED_COLUMNS.includes(name)) continue;
    const target = targets.get(name);
    if (target) {
      if (target.table === table) continue; // the dimension's own key
      const alias = `k${joins.length}`;
      joins.push(`LEFT JOIN ${target.table} AS ${alias} ON ${alias}.${target.key} = t.${name}`);
      values.push(`ROW(${target.identity.map((c) => `${alias}.${c}`).join(', ')})`);
      continue;
    }
    if (column.is_identity) continue;
    values.push(`t.${name}`);
  }
  const [row] = await db.query<{ rows: number; md5: string | null }>(
    `SELECT count(*) AS rows,
            md5(string_agg(r.line, E'\\n' ORDER BY r.line COLLATE "C")) AS md5
       FROM (SELECT ROW(${values.join(', ')})::text AS line
               FROM ${table} AS t
               ${joins.join('\n               ')}) AS r`,
  );
  return `${row?.rows ?? 0}:${row?.md5 ?? '-'}`;
}
