import { DataSource } from 'typeorm';
import { getPGliteInstance } from 'typeorm-pglite';
import { SqlDatabase } from '../../application/ports/sql-database.port';
import { createDataSource } from './data-source.factory';
import { DatabaseTarget } from './database-target';
import { PgliteSqlDatabase } from './pglite-sql-database';
import { PostgresSqlDatabase } from './postgres-sql-database';

export interface OpenDatabase {
  readonly dataSource: DataSource;
  readonly db: SqlDatabase;
}

let openPglite = false;

/**
 * Initializes a data source for `target` and wraps it in the SqlDatabase port; with
 * `migrate`, pending migrations run first. typeorm-pglite keeps one PGlite instance per
 * process, so only one embedded database can be open at a time.
 */
export async function openDatabase(
  target: DatabaseTarget,
  options: { migrate?: boolean } = {},
): Promise<OpenDatabase> {
  if (target.kind === 'pglite' && openPglite) {
    throw new Error('An embedded PGlite database is already open in this process; close it first.');
  }
  const dataSource = createDataSource(target);
  await dataSource.initialize();
  let db: SqlDatabase;
  if (target.kind === 'pglite') {
    openPglite = true;
    const pglite = await getPGliteInstance();
    await pglite.exec("SET TIME ZONE 'UTC'");
    db = new PgliteSqlDatabase(dataSource, pglite, () => {
      openPglite = false;
    });
  } else {
    db = new PostgresSqlDatabase(dataSource);
  }
  if (options.migrate) await dataSource.runMigrations({ transaction: 'each' });
  return { dataSource, db };
}
