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

  it('moves rows the default partition caught into the month partition it creates', async () => {
    await t.db.execute(
      `INSERT INTO warehouse.fact_claim (claim_id, member_id, service_date, date_key, member_sk,
         provider_sk, plan_sk, status, diagnosis_code, procedure_code, claim_amount,
         allowed_amount, paid_amount, load_id)
       VALUES ('X1', 'M1', '2030-05-17', 20300517, 1, 1, 1, 'approved', 'E11', '99213', 1, 1, 1, 1)`,
    );
    const [caught] = await t.db.query<{ part: string }>(
      `SELECT tableoid::regclass::text AS part FROM warehouse.fact_claim WHERE claim_id = 'X1'`,
    );
    const [created] = await t.db.query<{ n: number }>(
      `SELECT warehouse.ensure_fact_claim_partitions('2030-05-01', '2030-05-31') AS n`,
    );
    const [moved] = await t.db.query<{ part: string; comment: string }>(
      `SELECT tableoid::regclass::text AS part,
              obj_description(tableoid, 'pg_class') AS comment
         FROM warehouse.fact_claim WHERE claim_id = 'X1'`,
    );
    expect(caught.part).to.equal('warehouse.fact_claim_default');
    expect(created.n).to.equal(1);
    expect(moved).to.deep.equal({
      part: 'warehouse.fact_claim_203005',
      comment: 'Monthly partition of warehouse.fact_claim: service dates of 2030-05.',
    });
  });
});
