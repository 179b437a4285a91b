import { expect } from 'chai';
import { describeOnEngines } from '../../support/test-database';
import { warehouseChecksums } from '../../support/warehouse-checksum';

const REJECT = `INSERT INTO staging.rejects (load_id, file, line, column_name, reason, raw_text)
               VALUES ($1, 'claims.csv', 7, 'status', 'status: bad', 'C7,…')`;

/** The fault tests compare warehouses with this helper: it must see content, and only content. */
describeOnEngines('warehouse checksums (test helper)', (t) => {
  it('cover every staging, warehouse and mart table and the partitions of partitioned ones', async () => {
    const sums = await warehouseChecksums(t.db);
    expect(sums).to.include.keys(
      'staging.members',
      'staging.rejects',
      'warehouse.dim_member',
      'warehouse.fact_claim',
      'mart.claims_cube',
      'mart.pmpm',
    );
    expect(Object.keys(sums).some((k) => k.startsWith('etl.'))).to.equal(false);
    expect(sums['warehouse.dim_geography']).to.match(/^51:[0-9a-f]{32}$/);
  });

  it('ignore load ids and row numbers from sequences, but see every value', async () => {
    const before = await warehouseChecksums(t.db);
    await t.db.execute(REJECT, [1]);
    const once = await warehouseChecksums(t.db);
    expect(once['staging.rejects']).not.to.equal(before['staging.rejects']);

    // The same reject again under another load id and reject_id: the same content.
    await t.db.execute('DELETE FROM staging.rejects');
    await t.db.execute(REJECT, [2]);
    expect(await warehouseChecksums(t.db)).to.deep.equal(once);

    await t.db.execute(`UPDATE warehouse.dim_geography SET load_id = 9 WHERE state = 'WI'`);
    expect(await warehouseChecksums(t.db)).to.deep.equal(once);
    await t.db.execute(
      `UPDATE warehouse.dim_geography SET state_name = 'Wisconsin!' WHERE state = 'WI'`,
    );
    const changed = await warehouseChecksums(t.db);
    expect(changed['warehouse.dim_geography']).not.to.equal(once['warehouse.dim_geography']);
    await t.db.execute(
      `UPDATE warehouse.dim_geography SET state_name = 'Wisconsin' WHERE state = 'WI'`,
    );
    await t.db.execute('DELETE FROM staging.rejects');
  });
});
