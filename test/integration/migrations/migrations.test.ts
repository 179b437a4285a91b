import { expect } from 'chai';
import { MIGRATIONS } from '../../../src/migrations';
import { describeOnEngines } from '../../support/test-database';

async function tableCount(t: {
  db: { query: (sql: string) => Promise<Array<{ n: number }>> };
}): Promise<number> {
  const rows = await t.db.query(
    `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('staging', 'warehouse', 'mart', 'etl') AND c.relkind IN ('r', 'p', 'm', 'v')`,
  );
  return rows[0]?.n ?? -1;
}

describeOnEngines(
  'migrations',
  (t) => {
    it('run, revert every step and run again to the same schema', async () => {
      const applied = await t.dataSource.runMigrations({ transaction: 'each' });
      expect(applied.map((m) => m.name)).to.deep.equal(
        MIGRATIONS.map((m) => new m().name).sort(
          (a, b) => Number(a.slice(-13)) - Number(b.slice(-13)),
        ),
      );
      const tables = await tableCount(t);
      expect(tables).to.be.greaterThan(10);

      for (let i = 0; i < MIGRATIONS.length; i++)
        await t.dataSource.undoLastMigration({ transaction: 'each' });
      const schemas = await t.db.query(
        `SELECT nspname FROM pg_namespace WHERE nspname IN ('staging', 'warehouse', 'mart', 'etl')`,
      );
      expect(schemas).to.deep.equal([]);
      expect(await t.dataSource.showMigrations()).to.equal(true);

      await t.dataSource.runMigrations({ transaction: 'each' });
      expect(await tableCount(t)).to.equal(tables);
      expect(await t.dataSource.showMigrations()).to.equal(false);
    });
  },
  { migrate: false },
);
