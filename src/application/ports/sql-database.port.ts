/**
 * The one port through which application services reach the warehouse database. Adapters
 * (PostgreSQL through pg, embedded PGlite) return the same JavaScript types:
 * - `int8` (bigint, count(*)) as `number` (an adapter throws rather than lose precision),
 * - `numeric` as `string` (exact to the cent; convert with care),
 * - `date` as `'YYYY-MM-DD'` string (no time-zone shifts),
 * - `timestamptz` / `timestamp` as `Date` (sessions run in UTC).
 */
export type SqlRow = Record<string, unknown>;

export interface QueryResult<T extends SqlRow = SqlRow> {
  rows: T[];
  /** Rows inserted, updated or deleted by a DML statement. */
  rowCount: number;
}

export interface SqlSession {
  /** Rows of a single statement; `$1…$n` placeholders, never string-pasted values. */
  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** A single DML statement with its affected row count. */
  execute(sql: string, params?: readonly unknown[]): Promise<QueryResult>;
  /**
   * Bulk load with `COPY <table> (<cols>) FROM STDIN …`. `chunks` must each end on a row
   * boundary (the embedded engine loads chunk by chunk); returns the number of rows copied.
   */
  copyFrom(copySql: string, chunks: AsyncIterable<Buffer>): Promise<number>;
}

export interface SqlDatabase extends SqlSession {
  readonly engine: 'postgres' | 'pglite';
  /** Runs `work` in one transaction; PGlite transactions run one at a time. */
  transaction<R>(work: (tx: SqlSession) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

export const SQL_DATABASE = Symbol('SqlDatabase');
