import type { PGlite } from '@electric-sql/pglite';
import { DataSource } from 'typeorm';
import {
  QueryResult,
  SqlDatabase,
  SqlRow,
  SqlSession,
} from '../../application/ports/sql-database.port';
import { SerialQueue } from './serial-queue';

/** Statements run directly on the PGlite instance, which reports affected rows (TypeORM does not). */
class PgliteSession implements SqlSession {
  constructor(private readonly db: PGlite) {}

  async query<T extends SqlRow = SqlRow>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<T[]> {
    const result = await this.db.query<T>(sql, [...params]);
    return result.rows;
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
    const result = await this.db.query<SqlRow>(sql, [...params]);
    return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
  }

  /** PGlite reads COPY input from a blob, so each row-aligned chunk is one COPY statement. */
  async copyFrom(copySql: string, chunks: AsyncIterable<Buffer>): Promise<number> {
    const fromBlob = copySql.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'");
    if (fromBlob === copySql) throw new Error(`COPY statement must read FROM STDIN: ${copySql}`);
    let rows = 0;
    for await (const chunk of chunks) {
      if (chunk.length === 0) continue;
      const result = await this.db.query(fromBlob, [], { blob: new Blob([new Uint8Array(chunk)]) });
      rows += result.affectedRows ?? 0;
    }
    return rows;
  }
}

/** The embedded engine: one PGlite instance, one session, so all work is queued. */
export class PgliteSqlDatabase implements SqlDatabase {
  readonly engine = 'pglite' as const;
  private readonly queue = new SerialQueue();
  private readonly session: PgliteSession;

  constructor(
    private readonly dataSource: DataSource,
    private readonly db: PGlite,
    private readonly onClose: () => void = () => undefined,
  ) {
    this.session = new PgliteSession(db);
  }

  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.queue.run(() => this.session.query<T>(sql, params));
  }

  execute(sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    return this.queue.run(() => this.session.execute(sql, params));
  }

  copyFrom(copySql: string, chunks: AsyncIterable<Buffer>): Promise<number> {
    return this.queue.run(() => this.session.copyFrom(copySql, chunks));
  }

  transaction<R>(work: (tx: SqlSession) => Promise<R>): Promise<R> {
    return this.queue.run(async () => {
      await this.db.exec('BEGIN');
      try {
        const result = await work(this.session);
        await this.db.exec('COMMIT');
        return result;
      } catch (error) {
        await this.db.exec('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.queue.run(async () => {
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
      this.onClose();
    });
  }
}
