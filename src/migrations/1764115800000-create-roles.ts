import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  DIM_MEMBER_DOC,
  STAGING_REJECTS_DOC,
  STAGING_TABLE_DOCS,
  TableDoc,
} from '../domain/data-dictionary';

const SCHEMAS = ['staging', 'warehouse', 'mart', 'etl'];

/** Tables whose personal columns the analyst must not read; every other column is granted. */
const PERSONAL_TABLES: readonly TableDoc[] = [DIM_MEMBER_DOC, ...STAGING_TABLE_DOCS];

/**
 * Roles are cluster-wide: create them once, whichever database migrates first. The comment is
 * set only on creation, since COMMENT ON ROLE waits for every transaction of every database that
 * holds the role (an ETL batch creating partitions does).
 */
function createRole(name: string, comment: string): string {
  return `
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${name}') THEN
        CREATE ROLE ${name} NOLOGIN;
        COMMENT ON ROLE ${name} IS '${comment}';
      END IF;
    END
    $$`;
}

/**
 * Least privilege: `warehouse_etl` writes every layer; `warehouse_analyst` reads marts,
 * dimensions, facts and the audit tables, but never names, dates of birth, contact details or
 * rejected raw lines. Logins are granted these roles (`GRANT warehouse_analyst TO bi_user`);
 * the dashboard switches to the analyst role on every connection.
 */
export class CreateRoles1764115800000 implements MigrationInterface {
  name = 'CreateRoles1764115800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      createRole(
        'warehouse_etl',
        'Loads the warehouse: reads and writes staging, warehouse, mart and etl.',
      ),
    );
    await q.query(
      createRole(
        'warehouse_analyst',
        'Reads marts, dimensions, facts and audit tables; no personal columns, no writes.',
      ),
    );
    for (const schema of SCHEMAS) {
      await q.query(`GRANT USAGE ON SCHEMA ${schema} TO warehouse_etl, warehouse_analyst`);
      await q.query(`GRANT CREATE ON SCHEMA ${schema} TO warehouse_etl`);
      await q.query(
        `GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA ${schema} TO warehouse_etl`,
      );
      await q.query(
        `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO warehouse_etl`,
      );
      await q.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} TO warehouse_etl`);
      await q.query(
        `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO warehouse_etl`,
      );
    }
    for (const schema of ['warehouse', 'mart', 'etl']) {
      await q.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO warehouse_analyst`);
      await q.query(
        `ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT ON TABLES TO warehouse_analyst`,
      );
    }
    // Column privileges: revoke the table-wide grant, then grant the non-personal columns.
    for (const doc of PERSONAL_TABLES) {
      const table = `${doc.schema}.${doc.name}`;
      const open = doc.columns.filter((c) => !c.personal).map((c) => c.name);
      await q.query(`REVOKE SELECT ON ${table} FROM warehouse_analyst`);
      await q.query(`GRANT SELECT (${open.join(', ')}) ON ${table} TO warehouse_analyst`);
    }
    const rejects = `${STAGING_REJECTS_DOC.schema}.${STAGING_REJECTS_DOC.name}`;
    const rejectColumns = STAGING_REJECTS_DOC.columns
      .filter((c) => c.name !== 'raw_text')
      .map((c) => c.name);
    await q.query(`GRANT SELECT (${rejectColumns.join(', ')}) ON ${rejects} TO warehouse_analyst`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const role of ['warehouse_analyst', 'warehouse_etl']) {
      // DROP OWNED revokes this database's grants; the role itself goes only if no other
      // database still grants it something.
      await q.query(`DROP OWNED BY ${role}`);
      await q.query(`
        DO $$
        BEGIN
          -- Another database's open transaction may hold the role (shared lock): keep it then.
          PERFORM set_config('lock_timeout', '3s', true);
          DROP ROLE IF EXISTS ${role};
          PERFORM set_config('lock_timeout', '0', true);
        EXCEPTION WHEN dependent_objects_still_exist OR lock_not_available THEN
          RAISE NOTICE 'role ${role} is still used by another database; kept';
        END
        $$`);
    }
  }
}
