import { SqlSession } from '../ports/sql-database.port';
import { withSettings } from './with-settings';

/** What it takes to drop one index of a table and create it again as it was. */
interface DeferredIndex {
  readonly drop_sql: string;
  readonly create_sql: string;
  readonly comment_sql: string | null;
}

/**
 * Every index of table $1, with the statements that drop it and re-create it from its
 * catalogue definition. A constraint's index (primary key, unique constraint) goes through the
 * constraint. pg_get_indexdef says ON ONLY for the index of a partitioned table; without ONLY
 * the re-created index cascades to every partition again, as the migration's did.
 */
const TABLE_INDEXES = `
  SELECT CASE WHEN con.oid IS NULL
              THEN format('DROP INDEX %s', i.indexrelid::regclass)
              ELSE format('ALTER TABLE %s DROP CONSTRAINT %I', i.indrelid::regclass, con.conname)
         END AS drop_sql,
         CASE WHEN con.oid IS NULL
              THEN replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ')
              ELSE format('ALTER TABLE %s ADD CONSTRAINT %I %s',
                          i.indrelid::regclass, con.conname, pg_get_constraintdef(con.oid))
         END AS create_sql,
         CASE WHEN con.oid IS NOT NULL AND obj_description(con.oid, 'pg_constraint') IS NOT NULL
              THEN format('COMMENT ON CONSTRAINT %I ON %s IS %L', con.conname,
                          i.indrelid::regclass, obj_description(con.oid, 'pg_constraint'))
              WHEN con.oid IS NULL AND obj_description(i.indexrelid, 'pg_class') IS NOT NULL
              THEN format('COMMENT ON INDEX %s IS %L', i.indexrelid::regclass,
                          obj_description(i.indexrelid, 'pg_class'))
         END AS comment_sql
    FROM pg_index i
    LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
   WHERE i.indrelid = $1::regclass
   ORDER BY con.oid IS NULL, i.indexrelid`;

/** Foreign keys that point at table $1: they depend on its key, which then cannot be dropped. */
const REFERENCING_KEYS = `
  SELECT count(*)::integer AS n FROM pg_constraint WHERE contype = 'f' AND confrelid = $1::regclass`;

/**
 * Sorting all keys at once is what an index build does; more memory keeps a ten-million-row
 * build in one pass (the default 64MB spills). Transaction-local, like every planner setting here.
 */
const INDEX_BUILD_SETTINGS: Readonly<Record<string, string>> = {
  maintenance_work_mem: '256MB',
};

/**
 * Fills an empty table the way pg_restore does: drops its indexes (keys included), runs `work`,
 * then builds each index again in one sort, where inserting ten million rows under live
 * indexes costs a B-tree descent per row and index (at 1M members the claim fact loads in 26 s
 * this way against 61 s; BENCHMARKS.md). No definition lives here: every index comes back
 * from its catalogue definition, with its name and comment, as the migrations made it, and a
 * duplicate key still fails the batch when the key is built.
 *
 * Only for a table the caller knows is empty and already locked by this transaction (a
 * TRUNCATE, or a first load): dropping an index locks the table against readers until
 * commit. `work` must not rely on the indexes (no ON CONFLICT). A table whose key a foreign
 * key references keeps its indexes.
 */
export async function withIndexesDeferred<T>(
  tx: SqlSession,
  table: string,
  work: () => Promise<T>,
): Promise<T> {
  const [referencing] = await tx.query<{ n: number }>(REFERENCING_KEYS, [table]);
  if (referencing.n > 0) return work();
  const indexes = await tx.query<DeferredIndex & Record<string, unknown>>(TABLE_INDEXES, [table]);
  for (const index of indexes) await tx.execute(index.drop_sql);
  const result = await work();
  await withSettings(tx, INDEX_BUILD_SETTINGS, async () => {
    for (const index of indexes) {
      await tx.execute(index.create_sql);
      if (index.comment_sql) await tx.execute(index.comment_sql);
    }
  });
  return result;
}
