import { expect } from 'chai';
import { DIM_MEMBER_DOC, STAGING_TABLE_DOCS } from '../../../src/domain/data-dictionary';
import { describeOnEngines } from '../../support/test-database';

async function failure(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return 'no error';
}

describeOnEngines('least-privilege roles', (t) => {
  const personal = DIM_MEMBER_DOC.columns.filter((c) => c.personal).map((c) => c.name);

  it('marks the personal columns the analyst must not read', () => {
    expect(personal).to.deep.equal(['first_name', 'last_name', 'dob', 'email', 'phone', 'street']);
  });

  it('lets the analyst read dimensions without personal columns, facts, marts and audit tables', async () => {
    await t.db.transaction(async (tx) => {
      await tx.execute('SET LOCAL ROLE warehouse_analyst');
      const open = DIM_MEMBER_DOC.columns.filter((c) => !c.personal).map((c) => c.name);
      expect(await tx.query(`SELECT ${open.join(', ')} FROM warehouse.dim_member`)).to.deep.equal(
        [],
      );
      expect(await tx.query('SELECT count(*) AS n FROM warehouse.fact_claim')).to.deep.equal([
        { n: 0 },
      ]);
      expect(await tx.query('SELECT count(*) AS n FROM etl.load_batch')).to.deep.equal([{ n: 0 }]);
      expect(await tx.query('SELECT member_id, load_id FROM staging.members')).to.deep.equal([]);
    });
  });

  for (const column of ['first_name', 'last_name', 'dob', 'email', 'phone', 'street']) {
    it(`denies the analyst dim_member.${column} and staging.members.${column}`, async () => {
      for (const table of ['warehouse.dim_member', 'staging.members']) {
        const message = await failure(() =>
          t.db.transaction(async (tx) => {
            await tx.execute('SET LOCAL ROLE warehouse_analyst');
            await tx.query(`SELECT ${column} FROM ${table}`);
          }),
        );
        expect(message, `${table}.${column}`).to.match(/permission denied/);
      }
    });
  }

  it('denies the analyst rejected raw lines and every write', async () => {
    const statements = [
      'SELECT raw_text FROM staging.rejects',
      `INSERT INTO etl.load_batch (as_of, mode, seed_kind, source) VALUES (now(), 'full', 'full', 'x')`,
      'DELETE FROM warehouse.dim_plan',
      `UPDATE warehouse.dim_date SET month_name = 'x'`,
      'TRUNCATE staging.claims',
      'CREATE TABLE mart.sneaky (a int)',
    ];
    for (const sql of statements) {
      const message = await failure(() =>
        t.db.transaction(async (tx) => {
          await tx.execute('SET LOCAL ROLE warehouse_analyst');
          await tx.execute(sql);
        }),
      );
      expect(message, sql).to.match(/permission denied/);
    }
  });

  it('lets the ETL role write every layer', async () => {
    // The transaction is rolled back on purpose (sentinel error) so the suite's tables stay empty.
    const message = await failure(() =>
      t.db.transaction(async (tx) => {
        await tx.execute('SET LOCAL ROLE warehouse_etl');
        const inserted = await tx.execute(
          `INSERT INTO etl.load_batch (as_of, mode, seed_kind, source) VALUES (now(), 'full', 'full', 'x')`,
        );
        expect(inserted.rowCount).to.equal(1);
        await tx.execute('TRUNCATE staging.claims');
        for (const doc of STAGING_TABLE_DOCS)
          await tx.execute(`DELETE FROM ${doc.schema}.${doc.name}`);
        await tx.execute(
          `UPDATE warehouse.dim_date SET month_name = month_name WHERE date_key = 20240101`,
        );
        throw new Error('sentinel: all writes allowed');
      }),
    );
    expect(message).to.equal('sentinel: all writes allowed');
  });
});
