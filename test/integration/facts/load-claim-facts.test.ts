import { expect } from 'chai';
import { container } from 'tsyringe';
import { SqlSession } from '../../../src/application/ports/sql-database.port';
import {
  LoadClaimFactsService,
  UnresolvedClaimKeysError,
} from '../../../src/application/load-facts/load-claim-facts.service';
import { LoadFactsService } from '../../../src/application/load-facts/load-facts.service';
import {
  insertMemberHistory,
  insertPlanHistory,
  insertProviderHistory,
} from '../../support/fixtures/dimension-rows';
import { describeOnEngines } from '../../support/test-database';
import { batchContext, stageClaims } from './fact-batch';

interface FactRow {
  claim_id: string;
  member_id: string;
  service_date: string;
  date_key: number;
  member_sk: number;
  provider_sk: number;
  plan_sk: number;
  status: string;
  claim_amount: string;
  paid_amount: string;
  load_id: number;
  partition: string;
}

async function facts(db: SqlSession): Promise<Record<string, FactRow>> {
  const rows = await db.query<FactRow & Record<string, unknown>>(
    `SELECT claim_id, member_id, service_date, date_key, member_sk, provider_sk, plan_sk, status,
            claim_amount, paid_amount, load_id, tableoid::regclass::text AS partition
       FROM warehouse.fact_claim ORDER BY claim_id`,
  );
  return Object.fromEntries(rows.map((r) => [r.claim_id, r]));
}

async function stagedClaimIds(db: SqlSession, loadId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(DISTINCT claim_id) AS n FROM staging.claims WHERE load_id = $1`,
    [loadId],
  );
  return row.n;
}

describeOnEngines('load claim facts', (t) => {
  const service = container.resolve(LoadFactsService);
  const sk = {} as Record<string, number>;

  before(async () => {
    // M1 moved from TX to CA on 2024-07-01; M2 is an inferred row created by a batch of June.
    [sk.m1TX, sk.m1CA] = await insertMemberHistory(t.db, 'M1', [
      { from: '2024-01-01', attrs: { state: 'TX' } },
      { from: '2024-07-01', attrs: { state: 'CA' } },
    ]);
    [sk.m2] = await insertMemberHistory(t.db, 'M2', [{ from: '2024-06-01', inferred: true }]);
    [sk.prv1, sk.prv2] = await insertProviderHistory(t.db, 'PRV1', [
      { from: '2024-03-01', attrs: { specialty: 'Cardiology' } },
      { from: '2024-10-01', attrs: { specialty: 'Internal Medicine' } },
    ]);
    // PLN1: 2024 only, corrected on 2024-05-01; PLN2: 2024 and 2025; PLN3: 2025 only.
    [sk.pln1a, sk.pln1b] = await insertPlanHistory(t.db, 'PLN1', 2024, [
      { from: '2024-01-01', attrs: { monthly_premium: 400 } },
      { from: '2024-05-01', attrs: { monthly_premium: 410 } },
    ]);
    [sk.pln2y24] = await insertPlanHistory(t.db, 'PLN2', 2024, [{ from: '2024-01-01' }]);
    [sk.pln2y25] = await insertPlanHistory(t.db, 'PLN2', 2025, [{ from: '2024-11-01' }]);
    [sk.pln3y25] = await insertPlanHistory(t.db, 'PLN3', 2025, [{ from: '2024-11-01' }]);
  });

  it('keys each claim to the versions in force on its service date', async () => {
    await stageClaims(t.db, 1, [
      { claimId: 'C1', memberId: 'M1', serviceDate: '2024-02-10' },
      { claimId: 'C2', memberId: 'M1', serviceDate: '2024-08-05' },
      { claimId: 'C3', memberId: 'M1', serviceDate: '2023-12-15' },
      {
        claimId: 'C4',
        memberId: 'M2',
        serviceDate: '2024-03-03',
        planId: 'PLN2',
        amount: '100.00',
      },
      { claimId: 'C5', memberId: 'M1', serviceDate: '2025-03-01' },
      { claimId: 'C6', memberId: 'M1', serviceDate: '2025-02-01', planId: 'PLN2' },
      { claimId: 'C7', memberId: 'M1', serviceDate: '2024-11-11', planId: 'PLN3' },
      { claimId: 'C8', memberId: 'M1', serviceDate: '2024-07-01' },
      // the same claim again later in the file: its last line wins
      {
        claimId: 'C4',
        memberId: 'M2',
        serviceDate: '2024-03-03',
        planId: 'PLN2',
        amount: '250.00',
      },
    ]);

    const result = await t.db.transaction((tx) => service.load(tx, batchContext(1, '2024-12-31')));

    expect(result).to.deep.include({
      claimsInserted: 8,
      claimsUpdated: 0,
      inferredMembers: 1,
      inferredProviders: 0,
      inferredPlans: 0,
    });
    expect(result.touchedMonths).to.deep.equal([
      '2023-12-01',
      '2024-02-01',
      '2024-03-01',
      '2024-07-01',
      '2024-08-01',
      '2024-11-01',
      '2025-02-01',
      '2025-03-01',
    ]);
    expect(result.claimsInserted + result.claimsUpdated).to.equal(await stagedClaimIds(t.db, 1));

    const f = await facts(t.db);
    const keys = (id: string) => [f[id].member_sk, f[id].provider_sk, f[id].plan_sk];
    expect(keys('C1')).to.deep.equal([sk.m1TX, sk.prv1, sk.pln1a]);
    expect(keys('C2')).to.deep.equal([sk.m1CA, sk.prv1, sk.pln1b]);
    // before the first version of member, provider and plan year: the first version
    expect(keys('C3')).to.deep.equal([sk.m1TX, sk.prv1, sk.pln1a]);
    expect(keys('C4')).to.deep.equal([sk.m2, sk.prv1, sk.pln2y24]);
    // PLN1 has no 2025 row: the nearest earlier year's version in force (the 2024 correction)
    expect(keys('C5')).to.deep.equal([sk.m1CA, sk.prv2, sk.pln1b]);
    expect(keys('C6')).to.deep.equal([sk.m1CA, sk.prv2, sk.pln2y25]);
    // PLN3 starts in 2025: a 2024 claim takes its first year
    expect(keys('C7')).to.deep.equal([sk.m1CA, sk.prv2, sk.pln3y25]);
    // validity_start_ts is inclusive
    expect(keys('C8')).to.deep.equal([sk.m1CA, sk.prv1, sk.pln1b]);
    expect(f.C4.claim_amount).to.equal('250.00');
    expect(f.C3).to.deep.include({ date_key: 20231215, partition: 'warehouse.fact_claim_202312' });
    expect(f.C5).to.deep.include({ date_key: 20250301, partition: 'warehouse.fact_claim_202503' });

    // The first load built the indexes after the rows: every partition has its key and the
    // four key indexes again, attached to the parent's.
    const indexes = await t.db.query<{ part: string; n: number }>(
      `SELECT c.relname AS part, count(*)::integer AS n
         FROM pg_inherits p
         JOIN pg_class c ON c.oid = p.inhrelid
         JOIN pg_index x ON x.indrelid = c.oid
         JOIN pg_inherits ix ON ix.inhrelid = x.indexrelid
        WHERE p.inhparent = 'warehouse.fact_claim'::regclass AND x.indisvalid
        GROUP BY c.relname`,
    );
    expect(indexes).to.have.length(17); // 2023-12 … 2025-03 and the default partition
    expect(indexes.every((r) => r.n === 5)).to.equal(true);
  });

  it('creates the partitions of the loaded range and leaves the default partition empty', async () => {
    const parts = await t.db.query<{ name: string }>(
      `SELECT c.relname AS name
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'warehouse.fact_claim'::regclass
        ORDER BY 1`,
    );
    expect(parts.map((p) => p.name)).to.have.length(17);
    expect(parts[0].name).to.equal('fact_claim_202312');
    expect(parts[15].name).to.equal('fact_claim_202503');
    expect(parts[16].name).to.equal('fact_claim_default');
    const [row] = await t.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM warehouse.fact_claim_default`,
    );
    expect(row.n).to.equal(0);
  });

  it('updates a re-sent claim in place, moves one whose service date or member changed', async () => {
    const before = await facts(t.db);
    await stageClaims(t.db, 2, [
      { claimId: 'C1', memberId: 'M1', serviceDate: '2024-02-10', status: 'denied', paid: '0.00' },
      { claimId: 'C2', memberId: 'M1', serviceDate: '2024-06-20' },
      { claimId: 'C7', memberId: 'M2', serviceDate: '2024-11-11', planId: 'PLN3' },
      { claimId: 'C9', memberId: 'M1', serviceDate: '2025-05-01' },
      // sent again exactly as before: counted, not rewritten
      { claimId: 'C3', memberId: 'M1', serviceDate: '2023-12-15' },
    ]);

    const result = await t.db.transaction((tx) =>
      new LoadClaimFactsService().load(tx, batchContext(2, '2025-06-01')),
    );

    expect(result).to.deep.include({
      claimsInserted: 1,
      claimsUpdated: 4,
      claimsUnchanged: 1,
      partitionsCreated: 2,
    });
    expect(result.claimsInserted + result.claimsUpdated).to.equal(await stagedClaimIds(t.db, 2));
    // the months the claims left (2024-08) are touched too: their marts lose a claim;
    // the unchanged claim's month (2023-12) is not
    expect(result.touchedMonths).to.deep.equal([
      '2024-02-01',
      '2024-06-01',
      '2024-08-01',
      '2024-11-01',
      '2025-05-01',
    ]);

    const f = await facts(t.db);
    expect(Object.keys(f)).to.deep.equal(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9']);
    expect(f.C1).to.deep.include({ status: 'denied', paid_amount: '0.00', load_id: 2 });
    expect(f.C1.member_sk).to.equal(before.C1.member_sk);
    expect(f.C2).to.deep.include({
      service_date: '2024-06-20',
      member_sk: sk.m1TX,
      partition: 'warehouse.fact_claim_202406',
      load_id: 2,
    });
    expect(f.C7).to.deep.include({ member_id: 'M2', member_sk: sk.m2, load_id: 2 });
    expect(f.C3.load_id).to.equal(1);
    expect(f.C9.partition).to.equal('warehouse.fact_claim_202505');

    const [stamps] = await t.db.query<{ kept: boolean }>(
      `SELECT created_at < updated_at AS kept FROM warehouse.fact_claim WHERE claim_id = 'C1'`,
    );
    expect(stamps.kept).to.equal(true);
  });

  it('reports zeros for a batch without claims or spans', async () => {
    const result = await t.db.transaction((tx) => service.load(tx, batchContext(99, '2026-01-01')));
    expect(result).to.deep.equal({
      claimsInserted: 0,
      claimsUpdated: 0,
      inferredMembers: 0,
      inferredProviders: 0,
      inferredPlans: 0,
      enrollmentPeriods: 0,
      enrollmentMembers: 0,
      touchedMonths: [],
    });
  });

  it('refuses a claim whose member has no dimension row, leaving nothing behind', async () => {
    await stageClaims(t.db, 3, [
      { claimId: 'C10', memberId: 'M1', serviceDate: '2026-01-15' },
      { claimId: 'C11', memberId: 'NOPE', serviceDate: '2026-01-16' },
    ]);
    let error: unknown;
    try {
      await t.db.transaction((tx) => service.load(tx, batchContext(3, '2026-02-01')));
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(UnresolvedClaimKeysError);
    expect((error as Error).message).to.equal(
      'fact_claim: 1 claims without a member row, 0 without a provider row, 0 without a plan row ' +
        '(load-dimensions creates inferred rows for every referenced key); e.g. C11 (member_id NOPE)',
    );
    const [row] = await t.db.query<{ n: number }>(`SELECT count(*) AS n FROM warehouse.fact_claim`);
    expect(row.n).to.equal(9);
  });
});
