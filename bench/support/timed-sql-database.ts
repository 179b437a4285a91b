import {
  QueryResult,
  SqlDatabase,
  SqlRow,
  SqlSession,
} from '../../src/application/ports/sql-database.port';
import { processCpuSync } from './timing';

export interface StatementTiming {
  /** The statement's first characters, whitespace collapsed. */
  readonly sql: string;
  readonly seconds: number;
  /** Rows returned or affected (COPY: rows copied). */
  readonly rows: number;
}

/** Statement timings in the order they ran; `take` hands over and forgets the ones so far. */
export class StatementLog {
  private entries: StatementTiming[] = [];

  record(sql: string, started: bigint, rows: number): void {
    const label = sql.replace(/\s+/g, ' ').trim().slice(0, 120);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.entries.push({ sql: label, seconds, rows });
  }

  take(): StatementTiming[] {
    const taken = this.entries;
    this.entries = [];
    return taken;
  }
}

/**
 * CPU seconds of the PostgreSQL backend serving the current transaction, read from /proc (a
 * server on this host; NaN elsewhere, and on PGlite, whose work is this process's CPU). On a
 * shared machine CPU seconds scatter much less than wall time. Parallel workers not included.
 */
export class BackendCpu {
  private pid: number | undefined;
  private last = NaN;

  /** Starts counting for the backend `pid`. */
  attach(pid: number): void {
    this.pid = pid;
    this.last = processCpuSync(pid);
  }

  /** CPU seconds the backend used since the previous lap (or attach); NaN when unknown. */
  lap(): number {
    if (this.pid === undefined) return NaN;
    const now = processCpuSync(this.pid);
    const used = now - this.last;
    this.last = now;
    return used;
  }
}

/** The backend pid of a PostgreSQL session (undefined on PGlite). */
export async function backendPid(
  tx: SqlSession,
  engine: SqlDatabase['engine'],
): Promise<number | undefined> {
  if (engine !== 'postgres') return undefined;
  const [row] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return row?.pid;
}

/** A session that records how long each statement took. */
export class TimedSession implements SqlSession {
  constructor(
    private readonly inner: SqlSession,
    private readonly log: StatementLog,
  ) {}

  async query<T extends SqlRow = SqlRow>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    const started = process.hrtime.bigint();
    const rows = await this.inner.query<T>(sql, params);
    this.log.record(sql, started, rows.length);
    return rows;
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    const started = process.hrtime.bigint();
    const result = await this.inner.execute(sql, params);
    this.log.record(sql, started, result.rowCount);
    return result;
  }

  async copyFrom(copySql: string, chunks: AsyncIterable<Buffer>): Promise<number> {
    const started = process.hrtime.bigint();
    const rows = await this.inner.copyFrom(copySql, chunks);
    this.log.record(copySql, started, rows);
    return rows;
  }
}

/**
 * The database port with every statement timed (transactions included), so a benchmark can
 * say which statements of a stage took its time without touching the stage; `backendCpu`
 * follows the backend of the latest transaction.
 */
export class TimedSqlDatabase extends TimedSession implements SqlDatabase {
  readonly engine: SqlDatabase['engine'];
  readonly backendCpu = new BackendCpu();

  constructor(
    private readonly database: SqlDatabase,
    private readonly statements: StatementLog,
  ) {
    super(database, statements);
    this.engine = database.engine;
  }

  transaction<R>(work: (tx: SqlSession) => Promise<R>): Promise<R> {
    return this.database.transaction(async (tx) => {
      const pid = await backendPid(tx, this.engine);
      if (pid !== undefined) this.backendCpu.attach(pid);
      return work(new TimedSession(tx, this.statements));
    });
  }

  close(): Promise<void> {
    return this.database.close();
  }
}
