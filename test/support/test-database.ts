import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SqlDatabase } from '../../src/application/ports/sql-database.port';
import { DatabaseTarget } from '../../src/infrastructure/database/database-target';
import { openDatabase } from '../../src/infrastructure/database/open-database';

export type EngineName = 'pglite' | 'postgres';

/**
 * PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. TEST_ENGINES (comma list)
 * narrows the choice, e.g. CI runs the integration suites a second time with `postgres` only.
 */
export function testEngines(): EngineName[] {
  const available: EngineName[] = process.env.TEST_DATABASE_URL
    ? ['pglite', 'postgres']
    : ['pglite'];
  const wanted = process.env.TEST_ENGINES?.split(',').map((e) => e.trim());
  return wanted ? available.filter((e) => wanted.includes(e)) : available;
}

export interface TestDatabase {
  readonly engine: EngineName;
  readonly db: SqlDatabase;
  readonly dataSource: DataSource;
  readonly target: DatabaseTarget;
  /** Drops the private PostgreSQL database, or discards the in-memory PGlite one. */
  dispose(): Promise<void>;
}

/**
 * A fresh, private, migrated database: an in-memory PGlite, or a new database on the
 * PostgreSQL server of TEST_DATABASE_URL, so suites never see each other's rows.
 */
export async function createTestDatabase(
  engine: EngineName,
  options: { migrate?: boolean } = { migrate: true },
): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const target: DatabaseTarget = { kind: 'pglite' };
    const { db, dataSource } = await openDatabase(target, options);
    return { engine, db, dataSource, target, dispose: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `aca_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { kind: 'postgres', url: url.toString() };
  const { db, dataSource } = await openDatabase(target, options);
  return {
    engine,
    db,
    dataSource,
    target,
    dispose: async () => {
      await db.close();
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<R>(url: string, work: (client: Client) => Promise<R>): Promise<R> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Declares `body` once per engine under a describe block; the suite shares one fresh database
 * (`t.db`), created before its first test and dropped after its last.
 */
export function describeOnEngines(
  title: string,
  body: (t: TestDatabase) => void,
  options: { migrate?: boolean } = { migrate: true },
): void {
  for (const engine of testEngines()) {
    describe(`${title} [${engine}]`, function () {
      const holder = {} as { current?: TestDatabase };
      const proxy = new Proxy({} as TestDatabase, {
        get(_target, prop: keyof TestDatabase) {
          if (prop === 'engine') return engine;
          if (!holder.current)
            throw new Error('test database not ready (use it inside hooks or tests)');
          return holder.current[prop];
        },
      });
      before(async function () {
        holder.current = await createTestDatabase(engine, options);
      });
      after(async function () {
        await holder.current?.dispose();
      });
      body(proxy);
    });
  }
}
