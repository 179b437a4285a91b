import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';
import { DataSource, QueryRunner } from 'typeorm';
import {
  QueryResult,
  SqlDatabase,
  SqlRow,
  SqlSession,
} from '../../application/ports/sql-database.port';

/** A session bound to one TypeORM query runner (one pg connection). */
class PostgresSession implements SqlSession {
  constructor(private readonly runner: QueryRunner) {}

  async query<T extends SqlRow = SqlRow>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<T[]> {
    const result = await this.runner.query(sql, [...params], true);
    return (result.records ?? []) as T[];
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
    const result = await this.runner.query(sql, [...params], true);
    return { rows: (result.records ?? []) as SqlRow[], rowCount: result.affected ?? 0 };
  }

  async copyFrom(copySql: string, chunks: AsyncIterable<Buffer>): Promise<number> {
    const client = (await this.runner.connect()) as PoolClient;
    const sink = client.query(copyFromStream(copySql));
    await pipeline(Readable.from(chunks), sink);
    return Number(sink.rowCount);
  }
}

/** PostgreSQL (15+) through TypeORM's pg driver; COPY through pg-copy-streams. */
export class PostgresSqlDatabase implements SqlDatabase {
  readonly engine = 'postgres' as const;

  constructor(private readonly dataSource: DataSource) {}

  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.withSession((s) => s.query<T>(sql, params));
  }

  execute(sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    return this.withSession((s) => s.execute(sql, params));
  }

  copyFrom(copySql: string, chunks: AsyncIterable<Buffer>): Promise<number> {
    return this.withSession((s) => s.copyFrom(copySql, chunks));
  }

  async transaction<R>(work: (tx: SqlSession) => Promise<R>): Promise<R> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      let committing = false;
      try {
        const result = await work(new PostgresSession(runner));
        committing = true;
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw isConnectionLoss(error) ? new ConnectionLostError(error, committing) : error;
      }
    } finally {
      await runner.release();
    }
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  private async withSession<R>(work: (s: SqlSession) => Promise<R>): Promise<R> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await work(new PostgresSession(runner));
    } finally {
      await runner.release();
    }
  }
}

/**
 * SQLSTATE class 08 (connection exception) and 57P01-57P03 (the server terminated the session:
 * pg_terminate_backend, shutdown, crash), or the driver noticing the socket is gone.
 */
function isConnectionLoss(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && (code.startsWith('08') || /^57P0[123]$/.test(code))) return true;
  if (/Connection terminated|connection (?:is )?closed|ECONNRESET|EPIPE/i.test(error.message)) {
    return true;
  }
  // TypeORM keeps the driver's error; other layers (staging's COPY errors) keep theirs as cause.
  const inner = (error as { driverError?: unknown }).driverError ?? error.cause;
  return isConnectionLoss(inner, depth + 1);
}

/** The transaction's connection went away: the server rolled the transaction back. */
export class ConnectionLostError extends Error {
  constructor(cause: unknown, committing: boolean) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      committing
        ? `the database connection was lost while committing (${reason}); whether the transaction committed is unknown`
        : `the database connection was lost during the transaction (${reason}); the server rolled the transaction back`,
      { cause },
    );
    this.name = 'ConnectionLostError';
  }
}
