import { expect } from 'chai';
import { runEtl, spawnEtl } from '../../support/child-etl';
import { testEngines } from '../../support/test-database';
import {
  cleanPostgresChecksums,
  generatedSeedSet,
  postgresWarehouse,
  PostgresWarehouse,
  TableLock,
} from './process-fixtures';

const onPostgres = testEngines().includes('postgres') ? describe : describe.skip;

interface BatchRow extends Record<string, unknown> {
  load_id: number;
  status: string;
  error: string | null;
}

/** Where a batch is stopped: the table whose lock it waits on, inside which stage. */
const KILL_POINTS = [
  {
    stage: 'staging',
    // Staging truncates staging.* in the batch transaction, then clears the batch's rejects.
    table: 'staging.rejects',
    statement: /DELETE FROM staging\.rejects/,
    finishedBefore: [],
  },
  {
    stage: 'the dimension merge',
    // Members and plans are merged; the provider merge waits on its first write.
    table: 'warehouse.dim_provider',
    statement: /warehouse\.dim_provider/,
    finishedBefore: ['stage'],
  },
  {
    stage: 'the fact load',
    // Claim facts are loaded; enrollment facts wait on their first write.
    table: 'warehouse.fact_enrollment',
    statement: /warehouse\.fact_enrollment/,
    finishedBefore: ['stage', 'dimensions'],
  },
] as const;

const ABANDONED =
  'the process running this batch ended before it finished (killed or crashed); the batch was rolled back';

/**
 * Fault tests with real processes on PostgreSQL: `npm run etl` is stopped at a chosen statement
 * of a chosen stage (it waits on a table lock this suite holds; pg_stat_activity shows when),
 * then killed with SIGKILL or cut off from the database. The next normal run must leave exactly
 * the warehouse a clean run leaves (checksums of every staging, warehouse and mart table).
 */
onPostgres('kill -9 and lost connections mid-batch [postgres]', function () {
  let source: string;
  let clean: Record<string, string>;

  before(async function () {
    source = await generatedSeedSet();
    clean = await cleanPostgresChecksums();
  });

  async function batches(warehouse: PostgresWarehouse): Promise<BatchRow[]> {
    return warehouse.database.db.query<BatchRow>(
      'SELECT load_id, status, error FROM etl.load_batch ORDER BY load_id',
    );
  }

  for (const point of KILL_POINTS) {
    it(`kill -9 during ${point.stage}: the next run finishes the load and the warehouse equals a clean run's`, async () => {
      const warehouse = await postgresWarehouse();
      const lock = await TableLock.take(warehouse.url, point.table);
      try {
        const env = { DATABASE_URL: warehouse.url, LOG_LEVEL: 'info' };
        const child = spawnEtl(['--mode', 'full', '--source', source], env);
        const blocked = await lock.waitingBackend(child);
        expect(blocked.query).to.match(point.statement);
        const finished = child
          .logLines()
          .filter((l) => l.message === 'stage finished')
          .map((l) => l.stage);
        expect(finished, 'stages finished before the kill').to.deep.equal(point.finishedBefore);

        expect(await child.killHard()).to.deep.equal({ code: null, signal: 'SIGKILL' });
        // The killed client's backend still waits on the lock; once it may go on, it finds its
        // client gone and the server rolls its transaction back.
        await lock.release();
        await lock.backendGone(blocked.pid);
        expect(await batches(warehouse)).to.deep.equal([
          { load_id: 1, status: 'running', error: null },
        ]);

        const rerun = await runEtl(['--mode', 'full', '--source', source], env);
        expect(rerun.result.code, rerun.stderr).to.equal(0);
        expect(
          rerun.logLines().find((l) => l.message === 'marked abandoned batches as failed'),
        ).to.include({ batches: 1 });
        expect(await batches(warehouse)).to.deep.equal([
          { load_id: 1, status: 'failed', error: ABANDONED },
          { load_id: 2, status: 'succeeded', error: null },
        ]);
        expect(await warehouse.checksums()).to.deep.equal(clean);
      } finally {
        await lock.close();
        await warehouse.dispose();
      }
    });
  }

  it('a connection terminated mid-batch fails the batch with a clear error; the next run succeeds', async () => {
    const warehouse = await postgresWarehouse();
    const lock = await TableLock.take(warehouse.url, 'warehouse.dim_provider');
    try {
      const env = { DATABASE_URL: warehouse.url, LOG_LEVEL: 'info' };
      const child = spawnEtl(['--mode', 'full', '--source', source], env);
      const blocked = await lock.waitingBackend(child);
      // Another session ends the batch's connection (an admin, a failover, a network cut).
      await lock.observe('SELECT pg_terminate_backend($1)', [blocked.pid]);
      const exit = await child.exit();
      await lock.release();

      const reason =
        'the database connection was lost during the transaction (terminating connection due to administrator command); the server rolled the transaction back';
      expect(exit, child.stderr).to.deep.equal({ code: 1, signal: null });
      expect(child.stdout).to.contain(`batch 1 (${source}): ${reason}`);
      expect(child.logLines().find((l) => l.level === 'error')).to.include({
        message: 'batch failed; nothing of it is visible',
        error: reason,
        load_id: 1,
      });
      expect(await batches(warehouse)).to.deep.equal([
        { load_id: 1, status: 'failed', error: reason },
      ]);

      const rerun = await runEtl(['--mode', 'full', '--source', source], env);
      expect(rerun.result.code, rerun.stderr).to.equal(0);
      expect(await batches(warehouse)).to.deep.equal([
        { load_id: 1, status: 'failed', error: reason },
        { load_id: 2, status: 'succeeded', error: null },
      ]);
      expect(await warehouse.checksums()).to.deep.equal(clean);
    } finally {
      await lock.close();
      await warehouse.dispose();
    }
  });
});
