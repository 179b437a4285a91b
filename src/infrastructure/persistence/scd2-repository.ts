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
import { Scd2Action, Scd2MergeSql } from './scd2-merge-sql';
import { columnList, naturalKeyJoin } from './scd2-sql';
import {
  defaultStagingBinding,
  Scd2StagingBinding,
  stagingSourceSql,
} from './scd2-staging-binding';
import { Scd2Table, scd2TableOf } from './scd2-table';

/** work_mem of the merge statements: a batch's source rows hash and join in memory. */
const MERGE_WORK_MEM = '256MB';

/**
 * The generic, set-based SCD2 repository. Per merge, inside the caller's transaction:
 * 1. one INSERT … SELECT classifies the source into a narrow temp table (dropped at commit):
 *    per natural key the winning line (last by source_line), its `attr_hash` and the action it
 *    needs, found by one join with the current versions — the hash is computed once;
 * 2. then one statement per step, each touching only its rows: complete inferred versions
 *    (and same-as_of corrections) in place, expire changed versions, insert new keys and new
 *    versions, update type-1 attributes (see Scd2MergeSql).
 * Separate statements rather than one data-modifying CTE: Citus runs such CTEs in another
 * order. Nothing runs per row.
 */
export class Scd2Repository<T extends object> implements Scd2RepositoryPort<T> {
  readonly table: Scd2Table;
  readonly dimension: string;
  private readonly binding: Scd2StagingBinding | undefined;

  constructor(entity: DimensionClass, binding?: Scd2StagingBinding) {
    this.table = scd2TableOf(entity);
    this.dimension = this.table.name;
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
    const json = this.jsonRows(rows);
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
    const sql = new Scd2MergeSql(this.table, sourceSql);
    const values = { ...this.batchValues(batch), ...extra };
    const run = async (statement: string): Promise<number> => {
      const bound = bindNamed(statement, values);
      return (await tx.execute(bound.sql, bound.params)).rowCount;
    };
    const [saved] = await tx.query<{ jit: string; work_mem: string }>(
      `SELECT current_setting('jit') AS jit, current_setting('work_mem') AS work_mem`,
    );
    // Batch-sized sorts and hash joins in memory; JIT compiles these wide expressions for
    // seconds to save less. Transaction-local, and restored below for the stages after.
    await tx.query(`SELECT set_config('jit', 'off', true), set_config('work_mem', $1, true)`, [
      MERGE_WORK_MEM,
    ]);
    await tx.execute(`DROP TABLE IF EXISTS pg_temp.${sql.temp}`);
    await tx.execute(sql.createTemp());
    await run(sql.classify());
    // Fresh statistics, so the steps below pick hash joins or index lookups by real counts.
    await tx.execute(`ANALYZE pg_temp.${sql.temp}`);
    const counts = await this.countActions(tx, sql);
    if (counts.older > 0) {
      throw new Error(
        `${this.dimension}: the batch as_of ${batch.asOf.toISOString()} is older than the current version of ${counts.older} natural key(s); seed sets must be loaded in as_of order`,
      );
    }
    const overwritten =
      counts.inferred + counts.restated > 0 ? await run(sql.overwriteInPlace()) : 0;
    const expired = counts.changed > 0 ? await run(sql.expire()) : 0;
    const inserted = counts.new + counts.changed > 0 ? await run(sql.insertVersions()) : 0;
    const type1Updated = counts.type1 > 0 ? await run(sql.updateType1()) : 0;
    await tx.query(`SELECT set_config('jit', $1, true), set_config('work_mem', $2, true)`, [
      saved?.jit ?? 'on',
      saved?.work_mem ?? '4MB',
    ]);
    if (
      expired !== counts.changed ||
      inserted !== counts.new + counts.changed ||
      overwritten !== counts.inferred + counts.restated ||
      type1Updated !== counts.type1
    ) {
      // A concurrent writer, or source lines that are not unique per key: never commit that.
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

  /**
   * Rows for jsonb_to_recordset: values normalized by kind, and source lines made unique in
   * list order (rows without a line count as lines 1, 2, …; among equal lines the later row
   * wins), so the latest row of each key is well defined.
   */
  private jsonRows(rows: readonly Scd2SourceRow<T>[]): Record<string, unknown>[] {
    const order = rows
      .map((row, index) => ({ row, index, line: row.source_line ?? index + 1 }))
      .sort((a, b) => a.line - b.line || a.index - b.index);
    return order.map(({ row }, rank) => {
      const values = row as Record<string, unknown>;
      const json: Record<string, unknown> = { source_line: rank + 1 };
      for (const c of this.table.sourceColumns) {
        const value = values[c.name];
        json[c.name] =
          value === null || value === undefined || c.kind === 'boolean'
            ? (value ?? null)
            : normalizeAttr(c.kind, value as never);
      }
      return json;
    });
  }

  private async countActions(
    tx: SqlSession,
    sql: Scd2MergeSql,
  ): Promise<Record<Scd2Action, number>> {
    const rows = await tx.query<{ action: Scd2Action; n: number } & SqlRow>(sql.countActions());
    const counts: Record<Scd2Action, number> = {
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
