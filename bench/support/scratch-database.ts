import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DatabaseTarget } from '../../src/infrastructure/database/database-target';
import { openDatabase, OpenDatabase } from '../../src/infrastructure/database/open-database';

export type EngineName = 'postgres' | 'pglite';

/** A private, migrated database for one benchmark run, dropped (or deleted) by `dispose`. */
export interface ScratchDatabase {
  readonly engine: EngineName;
  readonly target: DatabaseTarget;
  readonly database: OpenDatabase;
  /** Where it lives: the database name, or the PGlite data folder. */
  readonly location: string;
  dispose(): Promise<void>;
}

export interface ScratchOptions {
  /** Name prefix of the PostgreSQL database or PGlite folder. */
  readonly prefix: string;
  /** The server to create the database on (PostgreSQL only). */
  readonly adminUrl?: string;
  /** Run the migrations (default true). */
  readonly migrate?: boolean;
  /** Leave the database in place (for EXPLAIN afterwards). */
  readonly keep?: boolean;
}

/** Runs `work` on a short-lived connection to the server of `url`. */
export async function withAdmin<R>(url: string, work: (client: Client) => Promise<R>): Promise<R> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database: `<prefix>_<pid>` on the PostgreSQL server of `adminUrl`, or a PGlite data
 * folder under the system temp folder. Benchmarks never touch an existing warehouse.
 */
export async function openScratchDatabase(
  engine: EngineName,
  options: ScratchOptions,
): Promise<ScratchDatabase> {
  const migrate = options.migrate ?? true;
  if (engine === 'pglite') {
    const folder = mkdtempSync(join(tmpdir(), `${options.prefix}-pglite-`));
    const target: DatabaseTarget = { kind: 'pglite', dataDir: folder };
    const database = await openDatabase(target, { migrate });
    return {
      engine,
      target,
      database,
      location: folder,
      dispose: async () => {
        await database.db.close();
        if (!options.keep) rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = options.adminUrl;
  if (!adminUrl) throw new Error('DATABASE_URL must point at a PostgreSQL server');
  const name = `${options.prefix}_${process.pid}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  await withAdmin(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { kind: 'postgres', url: url.toString() };
  try {
    const database = await openDatabase(target, { migrate });
    return {
      engine,
      target,
      database,
      location: name,
      dispose: async () => {
        await database.db.close();
        if (!options.keep) {
          await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        }
      },
    };
  } catch (error) {
    await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    throw error;
  }
}
