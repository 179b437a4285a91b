import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardQueryService } from '../../../src/application/dashboard/dashboard-query.service';
import { SqlDatabase } from '../../../src/application/ports/sql-database.port';
import {
  DIM_MEMBER_DOC,
  STAGING_REJECTS_DOC,
  STAGING_TABLE_DOCS,
} from '../../../src/domain/data-dictionary';
import { loadConfig } from '../../../src/infrastructure/config/load-config';
import { openDatabase } from '../../../src/infrastructure/database/open-database';
import { ANALYST_ROLE } from '../../../src/infrastructure/database/session-role';
import { CliRuntime, openCliRuntime } from '../../../src/interfaces/cli/support/cli-runtime';
import { ChildCli } from '../../support/child-etl';
import { createTestDatabase, TestDatabase, testEngines } from '../../support/test-database';

async function failure(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return 'no error';
}

/** Every column the data dictionary marks personal, per table (dimension and staging). */
const PERSONAL_COLUMNS = [DIM_MEMBER_DOC, ...STAGING_TABLE_DOCS, STAGING_REJECTS_DOC].flatMap(
  (doc) => doc.columns.filter((c) => c.personal).map((c) => `${doc.schema}.${doc.name}.${c.name}`),
);

const WRITES = [
  `INSERT INTO etl.load_batch (as_of, mode, seed_kind, source) VALUES (now(), 'full', 'full', 'x')`,
  `UPDATE etl.load_batch SET status = 'failed'`,
  'DELETE FROM warehouse.dim_plan',
  'TRUNCATE mart.claims_daily_member',
  'CREATE TABLE mart.sneaky (a int)',
  'DROP TABLE warehouse.fact_claim',
];

/**
 * The HTTP server opens its database through `openCliRuntime({ role: ANALYST_ROLE })`
 * (serve.cli.ts). These tests open the same handle and prove what a session of the server can
 * and cannot do: it runs as warehouse_analyst on every pooled connection, cannot read a single
 * personal column, cannot write, and the dashboard still answers.
 */
for (const engine of testEngines()) {
  describe(`the HTTP server's database sessions run as the analyst [${engine}]`, function () {
    let admin: TestDatabase | undefined;
    let dataDir: string | undefined;
    let runtime: CliRuntime;
    let db: SqlDatabase;

    before(async function () {
      if (engine === 'postgres') {
        admin = await createTestDatabase('postgres');
        await admin.db.execute(
          `INSERT INTO etl.load_batch (as_of, mode, seed_kind, source, status)
           VALUES ('2025-01-01T00:00:00Z', 'full', 'full', '/seeds/20250101', 'succeeded')`,
        );
        const url = admin.target.kind === 'postgres' ? admin.target.url : '';
        runtime = await openCliRuntime({
          config: loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'error' }),
          role: ANALYST_ROLE,
        });
      } else {
        // A migrated embedded warehouse in a folder, then opened again the way the server opens it.
        dataDir = mkdtempSync(join(tmpdir(), 'aca-analyst-'));
        const setup = await openDatabase({ kind: 'pglite', dataDir }, { migrate: true });
        await setup.db.execute(
          `INSERT INTO etl.load_batch (as_of, mode, seed_kind, source, status)
           VALUES ('2025-01-01T00:00:00Z', 'full', 'full', '/seeds/20250101', 'succeeded')`,
        );
        await setup.db.close();
        runtime = await openCliRuntime({
          config: loadConfig({
            ...process.env,
            DATABASE_URL: '',
            PGLITE_DATA_DIR: dataDir,
            LOG_LEVEL: 'error',
          }),
          role: ANALYST_ROLE,
        });
      }
      db = runtime.database.db;
    });

    after(async function () {
      await runtime?.close();
      await admin?.dispose();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('runs every session as warehouse_analyst in read-only transactions', async () => {
      expect(runtime.database.sessionRole).to.equal(ANALYST_ROLE);
      // Concurrent queries take several pooled connections on PostgreSQL; each must be restricted.
      const sessions = await Promise.all(
        [1, 2, 3, 4].map(() =>
          db.query<{ role: string; read_only: string; pid: number }>(
            `SELECT current_user::text AS role,
                    current_setting('default_transaction_read_only') AS read_only,
                    pg_backend_pid() AS pid,
                    pg_sleep(0.05)::text AS slept`,
          ),
        ),
      );
      for (const [row] of sessions) {
        expect({ role: row?.role, read_only: row?.read_only }).to.deep.equal({
          role: ANALYST_ROLE,
          read_only: 'on',
        });
      }
      if (engine === 'postgres') {
        expect(new Set(sessions.map(([row]) => row?.pid)).size).to.be.greaterThan(1);
      }
      const inTransaction = await db.transaction((tx) =>
        tx.query<{ role: string }>('SELECT current_user::text AS role'),
      );
      expect(inTransaction).to.deep.equal([{ role: ANALYST_ROLE }]);
    });

    it('cannot read any personal column (names, dob, contact details, rejected raw lines)', async () => {
      expect(PERSONAL_COLUMNS).to.include.members([
        'warehouse.dim_member.first_name',
        'warehouse.dim_member.dob',
        'staging.members.email',
        'staging.rejects.raw_text',
      ]);
      for (const qualified of PERSONAL_COLUMNS) {
        const column = qualified.split('.').pop() as string;
        const table = qualified.slice(0, qualified.length - column.length - 1);
        const message = await failure(() => db.query(`SELECT ${column} FROM ${table} LIMIT 1`));
        expect(message, qualified).to.match(/permission denied/);
      }
      const message = await failure(() => db.query('SELECT * FROM warehouse.dim_member LIMIT 1'));
      expect(message).to.match(/permission denied/);
    });

    it('cannot write anything, not even inside an explicit transaction', async () => {
      for (const sql of WRITES) {
        expect(await failure(() => db.execute(sql)), sql).to.match(
          /permission denied|read-only transaction|must be owner/,
        );
        expect(
          await failure(() => db.transaction((tx) => tx.execute(sql))),
          `${sql} in a transaction`,
        ).to.match(/permission denied|read-only transaction|must be owner/);
      }
      const [batches] = await db.query<{ n: number }>('SELECT count(*) AS n FROM etl.load_batch');
      expect(batches?.n).to.equal(1);
    });

    it("still answers the dashboard's reads", async () => {
      const dashboard = runtime.container.resolve(DashboardQueryService);
      const history = await dashboard.loadHistory();
      expect(history.map((b) => ({ id: b.load_id, status: b.status }))).to.deep.equal([
        { id: 1, status: 'succeeded' },
      ]);
      const health = await dashboard.health();
      expect(health).to.include({ status: 'ok', migrated: true, latest_load_status: 'succeeded' });
      expect(await dashboard.dataQualityStatus()).to.deep.equal([]);
    });
  });
}

describe('the HTTP server on a warehouse not migrated yet [pglite]', () => {
  it('has no analyst role to switch to, so its sessions are read-only', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aca-analyst-empty-'));
    const runtime = await openCliRuntime({
      config: loadConfig({
        ...process.env,
        DATABASE_URL: '',
        PGLITE_DATA_DIR: dataDir,
        LOG_LEVEL: 'error',
      }),
      role: ANALYST_ROLE,
    });
    try {
      expect(runtime.database.sessionRole).to.equal(null);
      expect(
        await failure(() => runtime.database.db.execute('CREATE TABLE public.sneaky (a int)')),
      ).to.match(/read-only transaction/);
      const health = await runtime.container.resolve(DashboardQueryService).health();
      expect(health).to.include({ status: 'ok', migrated: false });
    } finally {
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

const onPostgres = testEngines().includes('postgres') ? describe : describe.skip;

/**
 * The same from outside: `npm run serve` as a process. Revoking one grant from
 * warehouse_analyst (in this private database) makes the server's reads of that table fail,
 * which can only happen if its sessions run as the analyst, not as the login (a superuser here).
 */
onPostgres('npm run serve reads as warehouse_analyst [postgres]', function () {
  it('loses /api/batches when the analyst loses SELECT on etl.load_batch', async () => {
    const admin = await createTestDatabase('postgres');
    const url = admin.target.kind === 'postgres' ? admin.target.url : '';
    await admin.db.execute(
      `INSERT INTO etl.load_batch (as_of, mode, seed_kind, source, status)
       VALUES ('2025-01-01T00:00:00Z', 'full', 'full', '/seeds/20250101', 'succeeded')`,
    );
    const server = new ChildCli('src/interfaces/http/serve.cli.ts', ['--port', '0'], {
      DATABASE_URL: url,
      LOG_LEVEL: 'error',
    });
    try {
      const base = await server.waitFor(
        () => /dashboard listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(server.stdout)?.[1],
        60_000,
        'server to listen',
      );
      const before = await fetch(`${base}/api/batches`);
      expect(before.status).to.equal(200);

      await admin.db.execute('REVOKE SELECT ON etl.load_batch FROM warehouse_analyst');
      const after = await fetch(`${base}/api/batches`);
      expect(after.status).to.equal(500);
      expect(await after.json()).to.deep.equal({ error: 'internal error' });
      await server.waitFor(() =>
        /permission denied for table load_batch/.test(server.stderr) ? true : undefined,
      );
    } finally {
      server.process.kill('SIGTERM');
      await server.exit();
      await admin.dispose();
    }
  });
});
