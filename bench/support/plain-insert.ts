import { SqlDatabase } from '../../src/application/ports/sql-database.port';
import { withIndexesDeferred } from '../../src/application/shared/with-indexes-deferred';
import { BackendCpu, backendPid } from './timed-sql-database';
import { finite, nodeCpuSince, secondsSince } from './timing';

export interface CloneOptions {
  /**
   * Index column lists (`(member_sk)`, `USING brin (service_date)`) to create instead of the
   * source's own indexes; the primary key is always copied.
   */
  readonly indexes?: readonly string[];
}

/** `schema.table` split for the catalogue queries. */
function splitName(qualified: string): { schema: string; table: string } {
  const [schema, table] = qualified.includes('.') ? qualified.split('.') : ['public', qualified];
  return { schema: schema ?? 'public', table: table ?? qualified };
}

/**
 * An empty table shaped like `source`: its columns, defaults and checks, the same partitions
 * (bounds copied from the source's) and the same indexes (definitions read from the catalogue,
 * so they cannot drift from the migrations) unless `options.indexes` names others.
 */
export async function cloneTableShape(
  db: SqlDatabase,
  source: string,
  target: string,
  options: CloneOptions = {},
): Promise<void> {
  const { schema, table } = splitName(source);
  const [partitioning] = await db.query<{ key: string | null }>(
    `SELECT CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS key
       FROM pg_class c WHERE c.oid = $1::regclass`,
    [source],
  );
  await db.execute(`DROP TABLE IF EXISTS ${target}`);
  await db.execute(
    `CREATE TABLE ${target} (LIKE ${source} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)` +
      (partitioning?.key ? ` PARTITION BY ${partitioning.key}` : ''),
  );
  const indexes = await db.query<{ indexdef: string; primary: boolean }>(
    `SELECT i.indexdef, x.indisprimary AS primary
       FROM pg_indexes i
       JOIN pg_index x ON x.indexrelid = format('%I.%I', i.schemaname, i.indexname)::regclass
      WHERE i.schemaname = $1 AND i.tablename = $2
      ORDER BY i.indexname`,
    [schema, table],
  );
  const targetName = target.replace(/\W/g, '_');
  const definitions = [
    ...indexes
      .filter((i) => options.indexes === undefined || i.primary)
      .map((i) => {
        const match = /^CREATE (UNIQUE )?INDEX \S+ ON (?:ONLY )?\S+ (.*)$/.exec(i.indexdef);
        if (!match) throw new Error(`unexpected index definition: ${i.indexdef}`);
        return { unique: match[1] !== undefined, spec: match[2] ?? '' };
      }),
    ...(options.indexes ?? []).map((spec) => ({ unique: false, spec })),
  ];
  for (const [i, { unique, spec }] of definitions.entries()) {
    await db.execute(
      `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${targetName}_${i}_idx ON ${target} ${spec}`,
    );
  }
  if (!partitioning?.key) return;
  const bounds = await db.query<{ bound: string }>(
    `SELECT pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = $1::regclass
      ORDER BY c.relname`,
    [source],
  );
  for (const [i, { bound }] of bounds.entries()) {
    await db.execute(`CREATE TABLE ${target}_p${i} PARTITION OF ${target} ${bound}`);
  }
}

export interface PlainInsertTiming {
  readonly table: string;
  readonly rows: number;
  readonly seconds: number;
  /** CPU seconds of this process (PGlite: the engine's too) and of the PostgreSQL backend. */
  readonly nodeCpuSeconds: number;
  readonly serverCpuSeconds?: number;
}

/**
 * The physical limit of writing a fact table: the rows a load wrote (`where`, in `orderBy`
 * order, copied first into an UNLOGGED heap, untimed) inserted again with one plain
 * INSERT … SELECT into an empty table of the same shape — same partitions, primary key and
 * indexes, so index maintenance is the same — without any key lookup, de-duplication or check.
 * `indexesAfter`: the indexes are dropped before the insert and built after it, timed too, as
 * the claim loader does on a first load (withIndexesDeferred), so the limit writes the rows
 * the same way the loader did.
 */
export async function plainInsertLimit(
  db: SqlDatabase,
  source: string,
  options: {
    where: string;
    params?: readonly unknown[];
    orderBy?: string;
    indexesAfter?: boolean;
  },
): Promise<PlainInsertTiming> {
  const schema = 'bench_limit';
  await db.execute(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.execute(`CREATE SCHEMA ${schema}`);
  try {
    await db.execute(
      `CREATE UNLOGGED TABLE ${schema}.source_rows AS
       SELECT * FROM ${source} WHERE ${options.where}
       ${options.orderBy ? `ORDER BY ${options.orderBy}` : ''}`,
      options.params,
    );
    await db.execute(`VACUUM ANALYZE ${schema}.source_rows`);
    await cloneTableShape(db, source, `${schema}.target`);
    await db.execute('CHECKPOINT');
    const server = new BackendCpu();
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    const inserted = await db.transaction(async (tx) => {
      const pid = await backendPid(tx, db.engine);
      if (pid !== undefined) server.attach(pid);
      const insert = (): Promise<{ rowCount: number }> =>
        tx.execute(`INSERT INTO ${schema}.target SELECT * FROM ${schema}.source_rows`);
      return options.indexesAfter ? withIndexesDeferred(tx, `${schema}.target`, insert) : insert();
    });
    const serverCpuSeconds = finite(server.lap());
    return {
      table: source,
      rows: inserted.rowCount,
      seconds: secondsSince(started),
      nodeCpuSeconds: nodeCpuSince(cpu),
      ...(serverCpuSeconds !== undefined ? { serverCpuSeconds } : {}),
    };
  } finally {
    await db.execute(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}
