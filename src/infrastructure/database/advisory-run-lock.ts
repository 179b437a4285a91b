import { hostname } from 'node:os';
import { Client } from 'pg';
import { RunLock, RunLockBusyError } from '../../application/ports/run-lock.port';

/** Advisory-lock key of the ETL run; one per database, i.e. per warehouse. */
export const ETL_LOCK_KEY = 4_242_001;

interface HolderRow {
  pid: number;
  application_name: string;
  client_addr: string | null;
  backend_start: Date;
}

/**
 * PostgreSQL session-level advisory lock, held on a dedicated connection for the whole run;
 * the server frees it if the process dies, so a killed run never blocks the next one.
 */
export class AdvisoryRunLock implements RunLock {
  constructor(private readonly url: string) {}

  async acquire(options: { wait: boolean }): Promise<() => Promise<void>> {
    const client = new Client({
      connectionString: this.url,
      application_name: `aca-etl pid=${process.pid} host=${hostname()}`,
    });
    await client.connect();
    try {
      if (options.wait) {
        await client.query('SELECT pg_advisory_lock($1)', [ETL_LOCK_KEY]);
      } else {
        const got = await client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock($1) AS locked',
          [ETL_LOCK_KEY],
        );
        if (!got.rows[0]?.locked) throw new RunLockBusyError(await this.describeHolder(client));
      }
    } catch (error) {
      await client.end();
      throw error;
    }
    return async () => {
      await client.query('SELECT pg_advisory_unlock($1)', [ETL_LOCK_KEY]).catch(() => undefined);
      await client.end();
    };
  }

  private async describeHolder(client: Client): Promise<string> {
    const result = await client.query<HolderRow>(
      `SELECT a.pid, a.application_name, a.client_addr::text AS client_addr, a.backend_start
         FROM pg_locks l
         JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.objid = $1 AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [ETL_LOCK_KEY],
    );
    const holder = result.rows[0];
    if (!holder) return 'a session that has just released it';
    const from = holder.client_addr ? ` from ${holder.client_addr}` : '';
    return `${holder.application_name || 'unknown client'} (server pid ${holder.pid}${from}, connected since ${new Date(holder.backend_start).toISOString()})`;
  }
}
