import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ChildCli, runEtl } from '../../support/child-etl';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { warehouseChecksums } from '../../support/warehouse-checksum';

/**
 * Shared pieces of the process-level reliability suites (kill -9, lost connections, concurrent
 * runs, personal data in logs): one small generated seed set, PostgreSQL warehouses and a table
 * lock that stops a batch at a chosen statement.
 */

/** A few hundred members: a batch takes about a second, the processes around it a few more. */
const GENERATE_ARGS = [
  '--members',
  '300',
  '--providers',
  '40',
  '--plans',
  '8',
  '--seed',
  '7',
  '--as-of',
  '2025-01-01',
  '--messy',
] as const;

const scratch = mkdtempSync(join(tmpdir(), 'aca-reliability-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));

/** A temporary folder that lives as long as the test process. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(scratch, prefix));
}

let seedSet: Promise<string> | undefined;

/**
 * One messy seed set (300 members, rows to reject, business-rule breaches) written by
 * `npm run generate` as a child process, once per test process.
 */
export function generatedSeedSet(): Promise<string> {
  seedSet ??= (async () => {
    const out = scratchDir('seeds-');
    const child = new ChildCli(
      'src/interfaces/cli/generate.cli.ts',
      ['--out', out, ...GENERATE_ARGS],
      {
        LOG_LEVEL: 'error',
      },
    );
    const { code } = await child.exit();
    if (code !== 0) throw new Error(`npm run generate failed (${code}):\n${child.stderr}`);
    const [folder] = readdirSync(out);
    if (!folder) throw new Error('the generator wrote no seed set');
    return join(out, folder);
  })();
  return seedSet;
}

/** A private, migrated PostgreSQL database and the URL a child process connects with. */
export interface PostgresWarehouse {
  readonly database: TestDatabase;
  readonly url: string;
  checksums(): Promise<Record<string, string>>;
  dispose(): Promise<void>;
}

export async function postgresWarehouse(): Promise<PostgresWarehouse> {
  const database = await createTestDatabase('postgres');
  if (database.target.kind !== 'postgres') throw new Error('not a PostgreSQL database');
  return {
    database,
    url: database.target.url,
    checksums: () => warehouseChecksums(database.db),
    dispose: () => database.dispose(),
  };
}

let cleanChecksums: Promise<Record<string, string>> | undefined;

/** The warehouse checksums of one clean `npm run etl -- --mode full` of the seed set. */
export function cleanPostgresChecksums(): Promise<Record<string, string>> {
  cleanChecksums ??= (async () => {
    const warehouse = await postgresWarehouse();
    try {
      const run = await runEtl(['--mode', 'full', '--source', await generatedSeedSet()], {
        DATABASE_URL: warehouse.url,
        LOG_LEVEL: 'error',
      });
      if (run.result.code !== 0) throw new Error(`clean run failed:\n${run.stderr}`);
      return await warehouse.checksums();
    } finally {
      await warehouse.dispose();
    }
  })();
  return cleanChecksums;
}

export interface BlockedStatement {
  readonly pid: number;
  readonly query: string;
}

/**
 * A session that holds `LOCK TABLE <table> IN EXCLUSIVE MODE` in an open transaction: readers
 * pass, the first statement of a batch that writes the table waits. Watching pg_stat_activity
 * from another session shows when a batch waits on it, which is a deterministic point inside a
 * stage: no hook in production code, no timing guess.
 */
export class TableLock {
  private constructor(
    private readonly holder: Client,
    private readonly observer: Client,
    private readonly holderPid: number,
  ) {}

  static async take(url: string, table: string): Promise<TableLock> {
    const holder = new Client({ connectionString: url, application_name: 'reliability-lock' });
    const observer = new Client({ connectionString: url, application_name: 'reliability-watch' });
    await holder.connect();
    await observer.connect();
    await holder.query('BEGIN');
    await holder.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
    const pid = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return new TableLock(holder, observer, pid.rows[0]?.pid ?? -1);
  }

  /** The backend of `child` once it waits on this lock (polled from a separate session). */
  waitingBackend(child: ChildCli): Promise<BlockedStatement> {
    return child.waitFor(
      async () => {
        const rows = await this.observer.query<BlockedStatement>(
          // Only the ETL's own sessions (not, say, an autovacuum worker that also waits).
          `SELECT pid, query
           FROM pg_stat_activity
          WHERE application_name = 'aca-warehouse' AND $1 = ANY (pg_blocking_pids(pid))`,
          [this.holderPid],
        );
        return rows.rows[0];
      },
      120_000,
      'batch waiting on the table lock',
    );
  }

  /** Runs a statement from the observing session (e.g. pg_terminate_backend). */
  async observe<T extends Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    return (await this.observer.query<T>(sql, params)).rows;
  }

  /** Waits until backend `pid` has ended (a killed client's backend notices once unblocked). */
  async backendGone(pid: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const rows = await this.observe('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
      if (rows.length === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`backend ${pid} is still there after ${timeoutMs} ms`);
  }

  async release(): Promise<void> {
    await this.holder.query('ROLLBACK').catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.release();
    await this.holder.end();
    await this.observer.end();
  }
}
