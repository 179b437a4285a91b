import {
  Scd2Batch,
  Scd2Key,
  Scd2MergeCounts,
  Scd2RepositoryPort,
  Scd2SourceRow,
} from '../../application/ports/scd2-repository.port';
import { SqlRow, SqlSession } from '../../application/ports/sql-database.port';
import { attrHashHex, DimensionClass, normalizeAttr } from '../../domain/scd2';
import { bindNamed } from './named-params';
import { assignments, attrHashSql, columnList, naturalKeyJoin } from './scd2-sql';
import {
  defaultStagingBinding,
  Scd2StagingBinding,
  stagingSourceSql,
} from './scd2-staging-binding';
import { Scd2Table, scd2TableOf } from './scd2-table';

/** How the merge classifies each natural key of the source (column `action` of the temp table). */
type Action = 'new' | 'changed' | 'same' | 'type1' | 'inferred' | 'restated' | 'older';

/**
 * The generic, set-based SCD2 repository. Per merge, inside the caller's transaction:
 * 1. one INSERT … SELECT fills a temp table (dropped at commit) with the source rows, the last
 *    per natural key by source_line, typed as the dimension, with their `attr_hash` and the
 *    action each needs, found by one join with the current versions — so the hash and the
 *    comparison are computed once;
 * 2. then one statement per step, each touching only its rows: complete inferred versions
 *    (and same-as_of corrections) in place, expire changed versions, insert new keys and new
 *    versions, update type-1 attributes.
 * Separate statements rather than one data-modifying CTE: Citus runs such CTEs in another
 * order. Nothing runs per row.
 */
export class Scd2Repository<T extends object> implements Scd2RepositoryPort<T> {
  readonly table: Scd2Table;
  readonly dimension: string;
  private readonly temp: string;
  private readonly binding: Scd2StagingBinding | undefined;

  constructor(entity: DimensionClass, binding?: Scd2StagingBinding) {
    this.table = scd2TableOf(entity);
    this.dimension = this.table.name;
    this.temp = `scd2_${this.table.name}`;
    this.binding = binding ?? defaultStagingBinding(this.table);
  }

  mergeStaged(tx: SqlSession, batch: Scd2Batch): Promise<Scd2MergeCounts> {
    if (!this.binding) throw new Error(`${this.dimension} has no staging source to merge from`);
    return this.merge(tx, stagingSourceSql(this.table, this.binding), batch, {});
  }

  mergeRows(
    tx: SqlSession,
    rows: readonly Scd2SourceRow<T>[],
    batch: Scd2Batch,
  ): Promise<Scd2MergeCounts> {
    const json = rows.map((row, index) => this.jsonRow(row, index));
    const definitions = this.table.sourceColumns.map((c) => `${c.name} ${c.sqlType}`).join(', ');
    const source = `SELECT ${columnList(this.table.sourceColumns)}, source_line
    FROM jsonb_to_recordset(:rows::jsonb) AS r(${definitions}, source_line integer)`;
    return this.merge(tx, source, batch, { rows: JSON.stringify(json) });
  }

  async inferReferenced(tx: SqlSession, batch: Scd2Batch): Promise<number> {
    if (!this.binding?.references) return 0;
    return this.infer(tx, this.binding.references, batch, {});
  }

  async inferKeys(tx: SqlSession, keys: readonly Scd2Key<T>[], batch: Scd2Batch): Promise<number> {
    if (keys.length === 0) return 0;
    const t = this.table;
    const definitions = t.naturalKey.map((c) => `${c.name} ${c.sqlType}`).join(', ');
    const json = keys.map((key) => {
      const values = key as Record<string, unknown>;
      return Object.fromEntries(
        t.naturalKey.map((c) => [c.name, normalizeAttr(c.kind, values[c.name] as never)]),
      );
    });
    const source = `SELECT ${columnList(t.naturalKey)}
    FROM jsonb_to_recordset(:keys::jsonb) AS r(${definitions})`;
    return this.infer(tx, source, batch, { keys: JSON.stringify(json) });
  }

  async findVersions(tx: SqlSession, key?: Scd2Key<T>): Promise<T[]> {
    const t = this.table;
    const values: Record<string, unknown> = {};
    const where = key
      ? `WHERE ${t.naturalKey
          .map((c, i) => {
            values[`k${i}`] = (key as Record<string, unknown>)[c.name];
            return `d.${c.name} = :k${i}::${c.sqlType}`;
          })
          .join(' AND ')}`
      : '';
    const bound = bindNamed(
      `SELECT d.*, encode(d.attr_hash, 'hex') AS attr_hash_hex
         FROM ${t.qualified} d
         ${where}
        ORDER BY ${columnList(t.naturalKey, 'd')}, d.validity_start_ts`,
      values,
    );
    const rows = await tx.query(bound.sql, bound.params);
    return rows.map(({ attr_hash_hex, ...row }) => ({ ...row, attr_hash: attr_hash_hex }) as T);
  }

  private async merge(
    tx: SqlSession,
    sourceSql: string,
    batch: Scd2Batch,
    extra: Readonly<Record<string, unknown>>,
  ): Promise<Scd2MergeCounts> {
    const values = { ...this.batchValues(batch), ...extra };
    const run = (sql: string): Promise<{ rowCount: number }> => {
      const bound = bindNamed(sql, values);
      return tx.execute(bound.sql, bound.params);
    };
    await tx.execute(`DROP TABLE IF EXISTS pg_temp.${this.temp}`);
    await tx.execute(this.createTempSql());
    await run(this.classifySql(sourceSql));
    // Fresh statistics, so the steps below pick hash joins or index lookups by real counts.
    await tx.execute(`ANALYZE pg_temp.${this.temp}`);
    const counts = await this.countActions(tx);
    if (counts.older > 0) {
      throw new Error(
        `${this.dimension}: the batch as_of ${batch.asOf.toISOString()} is older than the current version of ${counts.older} natural key(s); seed sets must be loaded in as_of order`,
      );
    }
    const inferredCompleted =
      counts.inferred + counts.restated > 0 ? await this.overwriteInPlace(run) : 0;
    const expired = counts.changed > 0 ? (await run(this.expireSql())).rowCount : 0;
    const inserted = counts.new + counts.changed > 0 ? (await run(this.insertSql())).rowCount : 0;
    const type1Updated = counts.type1 > 0 ? (await run(this.type1Sql())).rowCount : 0;
    if (
      expired !== counts.changed ||
      inserted !== counts.new + counts.changed ||
      inferredCompleted !== counts.inferred + counts.restated ||
      type1Updated !== counts.type1
    ) {
      // Only a concurrent writer could cause this; the batch must not commit half-merged.
      throw new Error(`${this.dimension}: merge statements touched unexpected row counts`);
    }
    return {
      dimension: this.dimension,
      newKeys: counts.new,
      changed: counts.changed,
      unchanged: counts.same + counts.type1,
      type1Updated: counts.type1,
      inferredCompleted: counts.inferred,
      correctedInPlace: counts.restated,
    };
  }

  private batchValues(batch: Scd2Batch): Record<string, unknown> {
    const asOf = batch.asOf;
    const ymd = asOf.getUTCFullYear() * 10000 + (asOf.getUTCMonth() + 1) * 100 + asOf.getUTCDate();
    return { as_of: asOf, as_of_ymd: ymd, load_id: batch.loadId };
  }

  /** A row for jsonb_to_recordset: values normalized by kind, missing lines numbered in order. */
  private jsonRow(row: Scd2SourceRow<T>, index: number): Record<string, unknown> {
    const values = row as Record<string, unknown>;
    const json: Record<string, unknown> = { source_line: row.source_line ?? index + 1 };
    for (const c of this.table.sourceColumns) {
      const value = values[c.name];
      json[c.name] =
        value === null || value === undefined
          ? null
          : c.kind === 'boolean'
            ? value
            : normalizeAttr(c.kind, value as never);
    }
    return json;
  }

  private createTempSql(): string {
    const t = this.table;
    const columns = t.sourceColumns.map((c) => `${c.name} ${c.sqlType}`);
    return `CREATE TEMP TABLE ${this.temp} (
      ${columns.join(',\n      ')},
      source_line integer,
      attr_hash bytea NOT NULL,
      current_sk bigint,
      action text NOT NULL
    ) ON COMMIT DROP`;
  }

  private classifySql(sourceSql: string): string {
    const t = this.table;
    const nk = columnList(t.naturalKey);
    const typed = t.sourceColumns.map((c) => `${c.name}::${c.sqlType} AS ${c.name}`);
    const type1Differs =
      t.type1.length === 0
        ? 'false'
        : `ROW(${columnList(t.type1, 'h')}) IS DISTINCT FROM ROW(${columnList(t.type1, 'd')})`;
    return `WITH source AS (
  ${sourceSql}
),
latest AS (
  -- A natural key repeated in the batch: the row latest in the file wins.
  SELECT DISTINCT ON (${nk}) *
    FROM source
   ORDER BY ${nk}, source_line DESC
),
typed AS (
  SELECT ${typed.join(',\n         ')},
         source_line
    FROM latest
),
hashed AS (
  SELECT typed.*,
         ${attrHashSql(t, 'typed')} AS attr_hash
    FROM typed
)
INSERT INTO pg_temp.${this.temp} (${columnList(t.sourceColumns)}, source_line, attr_hash, current_sk, action)
SELECT ${columnList(t.sourceColumns, 'h')}, h.source_line, h.attr_hash, d.${t.surrogateKey},
       CASE
         WHEN d.${t.surrogateKey} IS NULL THEN 'new'
         WHEN d.validity_start_ts > :as_of::timestamptz THEN 'older'
         WHEN d.is_inferred THEN 'inferred'
         WHEN d.attr_hash = h.attr_hash THEN CASE WHEN ${type1Differs} THEN 'type1' ELSE 'same' END
         -- Changed again at the instant its current version began: no zero-length version.
         WHEN d.validity_start_ts = :as_of::timestamptz THEN 'restated'
         ELSE 'changed'
       END
  FROM hashed h
  LEFT JOIN ${t.qualified} d
         ON ${naturalKeyJoin(t, 'd', 'h')}
        AND d.current_flag`;
  }

  private async countActions(tx: SqlSession): Promise<Record<Action, number>> {
    const rows = await tx.query<{ action: Action; n: number } & SqlRow>(
      `SELECT action, count(*) AS n FROM pg_temp.${this.temp} GROUP BY action`,
    );
    const counts: Record<Action, number> = {
      new: 0,
      changed: 0,
      same: 0,
      type1: 0,
      inferred: 0,
      restated: 0,
      older: 0,
    };
    for (const row of rows) counts[row.action] = row.n;
    return counts;
  }

  /** `d` is the current version the temp row `s` was compared with. */
  private currentVersionOf(): string {
    const t = this.table;
    return `${naturalKeyJoin(t, 'd', 's')}
   AND d.${t.surrogateKey} = s.current_sk`;
  }

  /** Inferred versions get their real attributes; same-as_of corrections replace the version. */
  private async overwriteInPlace(
    run: (sql: string) => Promise<{ rowCount: number }>,
  ): Promise<number> {
    const t = this.table;
    const attributes = [...t.changeDrivers, ...t.type1];
    const result = await run(`UPDATE ${t.qualified} d
   SET ${assignments(attributes, 's')},
       attr_hash = s.attr_hash,
       is_inferred = false,
       updated_at = now()
  FROM pg_temp.${this.temp} s
 WHERE s.action IN ('inferred', 'restated')
   AND ${this.currentVersionOf()}`);
    return result.rowCount;
  }

  private expireSql(): string {
    return `UPDATE ${this.table.qualified} d
   SET validity_end_ts = :as_of::timestamptz,
       current_flag = false,
       updated_at = now()
  FROM pg_temp.${this.temp} s
 WHERE s.action = 'changed'
   AND ${this.currentVersionOf()}`;
  }

  private insertSql(): string {
    const columns = columnList(this.table.sourceColumns);
    return `INSERT INTO ${this.table.qualified} (${columns}, attr_hash, validity_start_ts, load_id)
SELECT ${columns}, attr_hash, :as_of::timestamptz, :load_id::bigint
  FROM pg_temp.${this.temp}
 WHERE action IN ('new', 'changed')`;
  }

  private type1Sql(): string {
    return `UPDATE ${this.table.qualified} d
   SET ${assignments(this.table.type1, 's')},
       updated_at = now()
  FROM pg_temp.${this.temp} s
 WHERE s.action = 'type1'
   AND ${this.currentVersionOf()}`;
  }

  /** Inferred versions for the keys of `keysSql` that have no current version. */
  private async infer(
    tx: SqlSession,
    keysSql: string,
    batch: Scd2Batch,
    extra: Readonly<Record<string, unknown>>,
  ): Promise<number> {
    const t = this.table;
    const nullHash = attrHashHex(
      t.changeDrivers.map((c) => c.kind),
      t.changeDrivers.map(() => null),
    );
    const keys = t.naturalKey.map((c) => `r.${c.name}::${c.sqlType} AS ${c.name}`);
    const bound = bindNamed(
      `INSERT INTO ${t.qualified} (${columnList(t.naturalKey)}, attr_hash, is_inferred, validity_start_ts, load_id)
SELECT k.*, decode(:null_hash::text, 'hex'), true, :as_of::timestamptz, :load_id::bigint
  FROM (SELECT DISTINCT ${keys.join(', ')}
          FROM (${keysSql}) r
         WHERE ${t.naturalKey.map((c) => `r.${c.name} IS NOT NULL`).join(' AND ')}) k
 WHERE NOT EXISTS (SELECT 1
                     FROM ${t.qualified} d
                    WHERE ${naturalKeyJoin(t, 'd', 'k')}
                      AND d.current_flag)`,
      { ...this.batchValues(batch), null_hash: nullHash, ...extra },
    );
    const result = await tx.execute(bound.sql, bound.params);
    return result.rowCount;
  }
}
