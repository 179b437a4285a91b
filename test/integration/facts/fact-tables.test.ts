import { expect } from 'chai';
import { describeOnEngines } from '../../support/test-database';

describeOnEngines('fact tables migration', (t) => {
  it('creates monthly partitions on demand, once', async () => {
    const first = await t.db.query<{ n: number }>(
      `SELECT warehouse.ensure_fact_claim_partitions('2024-01-15', '2024-03-02') AS n`,
    );
    const again = await t.db.query<{ n: number }>(
      `SELECT warehouse.ensure_fact_claim_partitions('2024-02-01', '2024-04-01') AS n`,
    );
    const parts = await t.db.query<{ name: string }>(
      `SELECT c.relname AS name
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'warehouse.fact_claim'::regclass
        ORDER BY 1`,
    );
    expect(first[0].n).to.equal(3);
    expect(again[0].n).to.equal(1);
    expect(parts.map((p) => p.name)).to.deep.equal([
      'fact_claim_202401',
      'fact_claim_202402',
      'fact_claim_202403',
      'fact_claim_202404',
      'fact_claim_default',
    ]);
  });

  it('counts member months as covered days over days in each month', async () => {
    const rows = await t.db.query<{ year: string; split: string; none: string; leap: string }>(
      `SELECT round(warehouse.member_months('2024-01-01', '2024-12-31'), 6)::text AS year,
              round(warehouse.member_months('2024-01-15', '2024-02-14'), 6)::text AS split,
              warehouse.member_months('2024-03-01', '2024-02-01')::text AS none,
              round(warehouse.member_months('2024-02-01', '2024-02-29'), 6)::text AS leap`,
    );
    // 17/31 + 14/29
    expect(rows[0]).to.deep.equal({
      year: '12.000000',
      split: '1.031146',
      none: '0',
      leap: '1.000000',
    });
  });
});
