import { Scd2Column, Scd2Table } from './scd2-table';
import { attrHashSql, columnList, naturalKeyJoin } from './scd2-sql';

/** How the merge classifies each natural key of the source (column `action` of the temp table). */
export type Scd2Action = 'new' | 'changed' | 'same' | 'type1' | 'inferred' | 'restated' | 'older';

/**
 * The statements of one SCD2 merge of `table` from a source SELECT (natural key, attribute
 * columns and source_line; named parameters `:as_of`, `:load_id`, …). The classification keeps
 * only keys, hash and action in a narrow temp table; the steps that write attributes read them
 * from the source again, joined on source_line — cheaper than writing every source row to a
 * temp table and reading it back.
 */
export class Scd2MergeSql {
  readonly temp: string;

  constructor(
    private readonly table: Scd2Table,
    private readonly source: string,
  ) {
    this.temp = `scd2_${table.name}`;
  }

  createTemp(): string {
    const keys = this.table.naturalKey.map((c) => `${c.name} ${c.sqlType} NOT NULL`);
    return `CREATE TEMP TABLE ${this.temp} (
      ${keys.join(',\n      ')},
      source_line integer NOT NULL,
      attr_hash bytea NOT NULL,
      current_sk bigint,
      action text NOT NULL
    ) ON COMMIT DROP`;
  }

  /** One row per natural key of the source: the winning line, its hash and its action. */
  classify(): string {
    const t = this.table;
    const sk = t.surrogateKey;
    const type1Differs =
      t.type1.length === 0
        ? 'false'
        : `ROW(${columnList(t.type1, 'h')}) IS DISTINCT FROM ROW(${columnList(t.type1, 'd')})`;
    return `WITH source AS (
  ${this.source}
),
-- OFFSET 0 fences each level: inlined, PostgreSQL would repeat the derivations, casts and
-- the hash at every reference and compute them several times per row.
typed AS (
  SELECT ${this.typed('source').join(',\n         ')},
         source.source_line
    FROM source
  OFFSET 0
),
hashed AS (
  SELECT typed.*,
         ${attrHashSql(t, 'typed')} AS attr_hash
    FROM typed
  OFFSET 0
),
classified AS (
  SELECT ${columnList(t.naturalKey, 'h')}, h.source_line, h.attr_hash, d.${sk} AS current_sk,
         CASE
           WHEN d.${sk} IS NULL THEN 'new'
           WHEN d.validity_start_ts > :as_of::timestamptz THEN 'older'
           WHEN d.is_inferred THEN 'inferred'
           WHEN d.attr_hash = h.attr_hash THEN CASE WHEN ${type1Differs} THEN 'type1' ELSE 'same' END
           -- Changed again at the instant its current version began: no zero-length version.
           WHEN d.validity_start_ts = :as_of::timestamptz THEN 'restated'
           ELSE 'changed'
         END AS action
    FROM hashed h
    LEFT JOIN ${t.qualified} d
           ON ${naturalKeyJoin(t, 'd', 'h')}
          AND d.current_flag
)
INSERT INTO pg_temp.${this.temp} (${columnList(t.naturalKey)}, source_line, attr_hash, current_sk, action)
-- A natural key repeated in the batch: the row latest in the file wins. Sorting these narrow
-- rows is cheaper than de-duplicating the wide source rows first.
SELECT DISTINCT ON (${columnList(t.naturalKey)})
       ${columnList(t.naturalKey)}, source_line, attr_hash, current_sk, action
  FROM classified
 ORDER BY ${columnList(t.naturalKey)}, source_line DESC`;
  }

  countActions(): string {
    return `SELECT action, count(*) AS n FROM pg_temp.${this.temp} GROUP BY action`;
  }

  /** New keys and new versions of changed keys, valid from the batch as_of. */
  insertVersions(): string {
    const t = this.table;
    return `INSERT INTO ${t.qualified} (${columnList(t.sourceColumns)}, attr_hash, validity_start_ts, load_id)
SELECT ${this.typed('s').join(',\n       ')},
       c.attr_hash,
       :as_of::timestamptz,
       :load_id::bigint
  ${this.sourceRowsOf(['new', 'changed'])}`;
  }

  /** Changed keys: the current version ends at the batch as_of. */
  expire(): string {
    return `UPDATE ${this.table.qualified} d
   SET validity_end_ts = :as_of::timestamptz,
       current_flag = false,
       updated_at = now()
  FROM pg_temp.${this.temp} c
 WHERE c.action = 'changed'
   AND ${this.currentVersionOf('c')}`;
  }

  /** Inferred versions get their real attributes; same-as_of changes replace the version. */
  overwriteInPlace(): string {
    const t = this.table;
    return this.updateFromSource(
      [...t.changeDrivers, ...t.type1],
      ['attr_hash = u.attr_hash', 'is_inferred = false'],
      ['inferred', 'restated'],
    );
  }

  /** Type-1 attributes of unchanged keys, on the current version. */
  updateType1(): string {
    return this.updateFromSource(this.table.type1, [], ['type1']);
  }

  private updateFromSource(
    columns: readonly Scd2Column[],
    extra: readonly string[],
    actions: readonly Scd2Action[],
  ): string {
    const t = this.table;
    const set = [...columns.map((c) => `${c.name} = u.${c.name}`), ...extra, 'updated_at = now()'];
    return `UPDATE ${t.qualified} d
   SET ${set.join(',\n       ')}
  FROM (SELECT ${columnList(t.naturalKey, 'c')}, c.current_sk, c.attr_hash,
               ${columns.map((c) => `s.${c.name}::${c.sqlType} AS ${c.name}`).join(',\n               ')}
          ${this.sourceRowsOf(actions)}) u
 WHERE ${this.currentVersionOf('u')}`;
  }

  /**
   * The source rows the classification chose for `actions`, joined with it as `c`. Source
   * lines identify a row of the batch (a file line; mergeRows numbers its rows), so the join is
   * on the line alone: adding the natural key makes PostgreSQL expect one row instead of a
   * million and pick nested loops. The row-count check after the merge catches a source
   * whose lines are not unique.
   */
  private sourceRowsOf(actions: readonly Scd2Action[]): string {
    return `FROM (${this.source}) s
  JOIN pg_temp.${this.temp} c ON c.source_line = s.source_line
 WHERE c.action IN (${actions.map((a) => `'${a}'`).join(', ')})`;
  }

  /** `d` is the current version the classified row `alias` was compared with. */
  private currentVersionOf(alias: string): string {
    return `${naturalKeyJoin(this.table, 'd', alias)}
   AND d.${this.table.surrogateKey} = ${alias}.current_sk`;
  }

  /** Source columns cast to the dimension's types (what is hashed is what is stored). */
  private typed(alias: string): string[] {
    return this.table.sourceColumns.map((c) => `${alias}.${c.name}::${c.sqlType} AS ${c.name}`);
  }
}
