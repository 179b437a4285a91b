import { expect } from 'chai';
import { hostname } from 'node:os';
import { runEtl, spawnEtl } from '../../support/child-etl';
import { testEngines } from '../../support/test-database';
import {
  cleanPostgresChecksums,
  generatedSeedSet,
  postgresWarehouse,
  TableLock,
} from './process-fixtures';

const onPostgres = testEngines().includes('postgres') ? describe : describe.skip;

/**
 * Two `npm run etl` processes at once on one PostgreSQL warehouse. The first is held inside its
 * batch (it waits on a table lock this suite holds), so the overlap is certain, not a race.
 */
onPostgres('concurrent ETL runs [postgres]', function () {
  it('one proceeds; a second exits with code 3 naming the holder; a third with --wait waits, then skips the loaded seed set', async () => {
    const source = await generatedSeedSet();
    const clean = await cleanPostgresChecksums();
    const warehouse = await postgresWarehouse();
    const lock = await TableLock.take(warehouse.url, 'warehouse.dim_provider');
    try {
      const env = { DATABASE_URL: warehouse.url, LOG_LEVEL: 'info' };
      const first = spawnEtl(['--mode', 'full', '--source', source], env);
      await lock.waitingBackend(first);

      const second = await runEtl(['--mode', 'full', '--source', source], env);
      expect(second.result).to.deep.equal({ code: 3, signal: null });
      const holder = `aca-etl pid=${first.pid} host=${hostname()}`;
      expect(second.stderr, second.stderr).to.match(
        new RegExp(
          `^error: Another ETL run holds the warehouse lock \\(${holder} \\(server pid \\d+( from [0-9a-f.:/]+)?, connected since [0-9T:.-]+Z\\)\\); wait for it to finish or run with --wait\\.\\n$`,
        ),
      );
      expect(second.stdout).to.equal('');

      const third = spawnEtl(['--mode', 'full', '--source', source, '--wait'], env);
      // It waits on the advisory lock (its dedicated lock connection is named after it).
      await third.waitFor(async () => {
        const rows = await lock.observe(
          `SELECT 1 FROM pg_stat_activity
            WHERE application_name = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
          [`aca-etl pid=${third.pid} host=${hostname()}`],
        );
        return rows[0];
      });

      await lock.release();
      expect((await first.exit()).code, first.stderr).to.equal(0);
      expect((await third.exit()).code, third.stderr).to.equal(0);
      expect(
        third
          .logLines()
          .find((l) => l.message === 'seed set already loaded with the same checksums; skipping'),
      ).to.include({ load_id: 1 });
      expect(third.stdout).to.match(/^1\s+2025-01-01T00:00:00Z\s+skipped\b/m);

      // One batch, loaded once: no duplicate rows anywhere.
      expect(
        await warehouse.database.db.query('SELECT load_id, status FROM etl.load_batch ORDER BY 1'),
      ).to.deep.equal([{ load_id: 1, status: 'succeeded' }]);
      expect(await warehouse.checksums()).to.deep.equal(clean);
    } finally {
      await lock.close();
      await warehouse.dispose();
    }
  });
});
