import { DataSource } from 'typeorm';
import { getPGliteInstance } from 'typeorm-pglite';
import { SqlDatabase } from '../../application/ports/sql-database.port';
import { createDataSource } from './data-source.factory';
import { DatabaseTarget } from './database-target';
import { PgliteSqlDatabase } from './pglite-sql-database';
import { PostgresSqlDatabase } from './postgres-sql-database';
import {
  assertRoleName,
  postgresRoleExists,
  ROLE_EXISTS_SQL,
  SessionRestriction,
  sessionStatements,
} from './session-role';

export interface OpenDatabase {
  readonly dataSource: DataSource;
  readonly db: SqlDatabase;
  /**
   * With the `role` option: the role every session runs as, or null when that role does not
   * exist yet (an unmigrated warehouse: nothing to read; sessions are then read-only only).
   */
  readonly sessionRole?: string | null;
}

export interface OpenDatabaseOptions {
  /** Run pending migrations first. */
  readonly migrate?: boolean;
  /**
   * Least privilege for readers (the HTTP server): every session runs as this role (PostgreSQL:
   * a startup option of each pooled connection; PGlite: SET ROLE on its one session) and in
   * read-only transactions. Cannot be combined with `migrate`.
   */
  readonly role?: string;
}

let openPglite = false;

/**
 * Initializes a data source for `target` and wraps it in the SqlDatabase port; with
 * `migrate`, pending migrations run first. typeorm-pglite keeps one PGlite instance per
 * process, so only one embedded database can be open at a time.
 */
export async function openDatabase(
  target: DatabaseTarget,
  options: OpenDatabaseOptions = {},
): Promise<OpenDatabase> {
  if (target.kind === 'pglite' && openPglite) {
    throw new Error('An embedded PGlite database is already open in this process; close it first.');
  }
  const role = options.role === undefined ? undefined : assertRoleName(options.role);
  if (role && options.migrate) {
    throw new Error(`A database opened as role ${role} cannot migrate; migrate it first.`);
  }
  // PostgreSQL applies the role at connection start, so learn first whether it exists.
  const postgresRole =
    role && target.kind === 'postgres' && (await postgresRoleExists(target.url, role))
      ? role
      : undefined;
  const restriction: SessionRestriction = role
    ? { ...(postgresRole ? { role: postgresRole } : {}), readOnly: true }
    : {};
  const dataSource = createDataSource(target, restriction);
  await dataSource.initialize();
  let db: SqlDatabase;
  let sessionRole: string | null | undefined = role ? (postgresRole ?? null) : undefined;
  if (target.kind === 'pglite') {
    openPglite = true;
    const pglite = await getPGliteInstance();
    await pglite.exec("SET TIME ZONE 'UTC'");
    if (role) {
      const exists = (await pglite.query(ROLE_EXISTS_SQL, [role])).rows.length > 0;
      sessionRole = exists ? role : null;
      for (const sql of sessionStatements({ ...(exists ? { role } : {}), readOnly: true })) {
        await pglite.exec(sql);
      }
    }
    db = new PgliteSqlDatabase(dataSource, pglite, () => {
      openPglite = false;
    });
  } else {
    db = new PostgresSqlDatabase(dataSource);
  }
  if (options.migrate) await dataSource.runMigrations({ transaction: 'each' });
  return { dataSource, db, ...(sessionRole === undefined ? {} : { sessionRole }) };
}
