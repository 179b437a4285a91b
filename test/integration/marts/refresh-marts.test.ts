import 'reflect-metadata';
import { expect } from 'chai';
import { RefreshMartsService } from '../../../src/application/refresh-marts/refresh-marts.service';
import { CUBE_GROUPING_SETS, groupingId, memberSideSet } from '../../../src/domain/cube';
import {
  batchContext,
  MART_FIXTURE_SQL,
  runSql,
  SECOND_BATCH_SQL,
  SECOND_BATCH_TOUCHED_MONTHS,
  snapshot,
} from '../../support/fixtures/mart-fixtures';
import { describeOnEngines } from '../../support/test-database';

const MAINTAINED = [
  'mart.claims_daily_member',
  'mart.cube_claims_base',
  'mart.cube_coverage_base',
  'mart.claims_cube',
  'mart.high_cost_member_month',
  'mart.high_cost_member_tracking',
  'mart.claims_by_plan_metal_month',
  'mart.utilization_by_specialty',
  'mart.pmpm',
  'mart.medical_loss_ratio',
];

async function snapshotAll(t: {
  db: Parameters<typeof snapshot>[0];
}): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const relation of MAINTAINED) out[relation] = await snapshot(t.db, relation);
  return out;
}

describeOnEngines('marts refresh', (t) => {
  const service = new RefreshMartsService({ highCostThreshold: 50000 });

  before(async () => {
    await runSql(t.db, MART_FIXTURE_SQL);
    await t.db.transaction((tx) => service.refresh(tx, batchContext(1, 'full'), []));
  });

  it('reports every view and table it refreshed, in dependency order', async () => {
    const result = await t.db.transaction((tx) =>
      service.refresh(tx, batchContext(1, 'incremental'), ['2024-03-01']),
    );
    expect(result.refreshed.map((s) => `${s.name}:${s.mode}`)).to.deep.equal([
      'mart.claims_daily_member:incremental',
      'mart.cube_claims_base:incremental',
      // Load 1 wrote every member's enrollment: the coverage base and the cube are rebuilt.
      'mart.cube_coverage_base:full',
      'mart.claims_cube:full',
      'mart.high_cost_member_month:incremental',
      'mart.claims_by_plan_metal_month:full',
      'mart.utilization_by_specialty:full',
      'mart.pmpm:full',
      'mart.medical_loss_ratio:full',
    ]);
    expect(result.refreshed.every((s) => s.seconds >= 0)).to.equal(true);
  });

  it('sums every grouping set of the cube to the fact totals, to the cent', async () => {
    const [fact] = await t.db.query<Record<string, string | number>>(
      `SELECT count(*) AS claims, sum(claim_amount)::text AS billed,
              sum(allowed_amount)::text AS allowed, sum(paid_amount)::text AS paid
         FROM warehouse.fact_claim`,
    );
    const perSet = await t.db.query<Record<string, string | number>>(
      `SELECT grouping_id, sum(claims)::bigint AS claims, sum(billed)::text AS billed,
              sum(allowed)::text AS allowed, sum(paid)::text AS paid,
              round(sum(member_months), 6)::text AS member_months, sum(premium)::numeric(14,2)::text AS premium
         FROM mart.claims_cube GROUP BY grouping_id ORDER BY grouping_id`,
    );
    expect(perSet.map((r) => r.grouping_id)).to.deep.equal(
      CUBE_GROUPING_SETS.map((s) => groupingId(s)).sort((a, b) => a - b),
    );
    // 2023: 12; 2024: M1 12 + M2 (9 + 17/31) + M3 6 + M4 1.
    const memberMonths = (12 + 12 + 9 + 17 / 31 + 6 + 1).toFixed(6);
    for (const row of perSet) {
      const set = CUBE_GROUPING_SETS.find((s) => groupingId(s) === row.grouping_id) ?? [];
      const memberSide = memberSideSet(set).length === set.length;
      expect({ ...row, grouping_id: 0 }).to.deep.equal({
        grouping_id: 0,
        claims: fact.claims,
        billed: fact.billed,
        allowed: fact.allowed,
        paid: fact.paid,
        member_months: memberSide ? memberMonths : null,
        premium: memberSide ? '8910.00' : null,
      });
    }
    expect(fact).to.deep.equal({
      claims: 7,
      billed: '62090.10',
      allowed: '56380.10',
      paid: '53180.80',
    });
  });

  it('keeps a NULL value apart from a roll-up through grouping_id', async () => {
    const rows = await t.db.query<{ grouping_id: number; metal_tier: string | null; paid: string }>(
      `SELECT grouping_id, metal_tier, paid::text AS paid FROM mart.claims_cube
        WHERE month = '2024-12-01' AND grouping_id IN ($1, $2) ORDER BY grouping_id, metal_tier`,
      [groupingId(['month', 'metal_tier']), groupingId(['month'])],
    );
    expect(rows).to.deep.equal([
      { grouping_id: groupingId(['month', 'metal_tier']), metal_tier: 'Gold', paid: '200.00' },
      // M1 is covered by a Silver plan in December without a claim: the cell exists with 0 paid.
      { grouping_id: groupingId(['month', 'metal_tier']), metal_tier: 'Silver', paid: '0.00' },
      { grouping_id: groupingId(['month', 'metal_tier']), metal_tier: null, paid: '0.00' },
      { grouping_id: groupingId(['month']), metal_tier: null, paid: '200.00' },
    ]);
  });
});

describeOnEngines('marts views', (t) => {
  const service = new RefreshMartsService({ highCostThreshold: 50000 });

  before(async () => {
    await runSql(t.db, MART_FIXTURE_SQL);
    await t.db.transaction((tx) => service.refresh(tx, batchContext(1, 'full'), []));
  });

  it('counts a claim in the 12-month windows ending in the 11 months after it, not the 12th', async () => {
    const rows = await t.db.query(
      `SELECT month, rolling_12m_paid::text AS paid, rolling_12m_claims AS claims,
              month_paid::text AS month_paid, paid_rank, is_high_cost
         FROM mart.high_cost_member_tracking
        WHERE member_id = 'M1' AND month IN ('2023-12-01', '2024-11-01', '2024-12-01')
        ORDER BY month`,
    );
    expect(rows).to.deep.equal([
      {
        month: '2023-12-01',
        paid: '52000.50',
        claims: 1,
        month_paid: '52000.50',
        paid_rank: 1,
        is_high_cost: true,
      },
      {
        month: '2024-11-01',
        paid: '52920.75',
        claims: 3,
        month_paid: '0',
        paid_rank: 1,
        is_high_cost: true,
      },
      {
        month: '2024-12-01',
        paid: '920.25',
        claims: 2,
        month_paid: '0',
        paid_rank: 1,
        is_high_cost: false,
      },
    ]);
    const months = await t.db.query<{ first: string; last: string; n: number }>(
      `SELECT min(month) AS first, max(month) AS last, count(*) AS n
         FROM mart.high_cost_member_month WHERE member_id = 'M1'`,
    );
    // Every month from the first claim to the latest claim month of the data (13 months).
    expect(months).to.deep.equal([{ first: '2023-12-01', last: '2024-12-01', n: 13 }]);
  });

  it('slides each window from the month before to exactly the sums of its 12 months', async () => {
    // The refresh sums the first target's window and slides the others (add the new month,
    // take away the month that leaves); here every window is summed directly instead.
    const [diff] = await t.db.query<{ stored: number; direct: number; differing: number }>(
      `WITH direct AS (
         SELECT d.member_id, t.month,
                sum(d.paid_amount)::text AS paid,
                sum(d.claim_count)::bigint AS claims,
                coalesce(sum(d.paid_amount) FILTER (WHERE d.service_date >= t.month), 0)::text AS month_paid
           FROM (SELECT DISTINCT month FROM mart.high_cost_member_month) t
           JOIN mart.claims_daily_member d
             ON d.service_date >= t.month - interval '11 months'
            AND d.service_date < t.month + interval '1 month'
          GROUP BY d.member_id, t.month
       ),
       stored AS (
         SELECT member_id, month, rolling_12m_paid::text, rolling_12m_claims, month_paid::text
           FROM mart.high_cost_member_month
       )
       SELECT (SELECT count(*) FROM stored)::integer AS stored,
              (SELECT count(*) FROM direct)::integer AS direct,
              (SELECT count(*) FROM ((SELECT * FROM stored EXCEPT SELECT * FROM direct)
                                     UNION ALL
                                     (SELECT * FROM direct EXCEPT SELECT * FROM stored)) x)::integer
                AS differing`,
    );
    expect(diff.stored).to.be.greaterThan(13);
    expect(diff).to.deep.equal({ stored: diff.stored, direct: diff.stored, differing: 0 });
  });

  it('flags against the threshold in mart.settings, without a refresh', async () => {
    await t.db.query(`UPDATE mart.settings SET value = 900 WHERE name = 'high_cost_threshold'`);
    const [row] = await t.db.query(
      `SELECT high_cost_threshold::text AS threshold, is_high_cost FROM mart.high_cost_member_tracking
        WHERE member_id = 'M1' AND month = '2024-12-01'`,
    );
    expect(row).to.deep.equal({ threshold: '900', is_high_cost: true });
    await t.db.transaction((tx) => service.refresh(tx, batchContext(2, 'incremental'), []));
    const [setting] = await t.db.query(
      `SELECT value::text AS value FROM mart.settings WHERE name = 'high_cost_threshold'`,
    );
    expect(setting).to.deep.equal({ value: '50000' });
  });

  it('computes PMPM from member months of fact_enrollment, by the versions in force', async () => {
    const rows = await t.db.query(
      `SELECT month, state, member_months::numeric(10,6)::text AS mm, paid_amount::text AS paid, pmpm::text AS pmpm
         FROM mart.pmpm
        WHERE grouping_id = $1 AND month IN ('2024-03-01', '2024-08-01') AND state IN ('CA', 'TX')
        ORDER BY month, state`,
      [groupingId(['month', 'state'])],
    );
    expect(rows).to.deep.equal([
      // M2 joined on 2024-03-15: 17/31 of a member month; C4 paid 60.05 (C3 was denied).
      {
        month: '2024-03-01',
        state: 'CA',
        mm: (17 / 31).toFixed(6),
        paid: '60.05',
        pmpm: ((60.05 * 31) / 17).toFixed(2),
      },
      // M1 (still TX) and M3: two member months; C2 paid 120.25.
      {
        month: '2024-03-01',
        state: 'TX',
        mm: '2.000000',
        paid: '120.25',
        pmpm: (120.25 / 2).toFixed(2),
      },
      // M1 moved to CA in July: his August month counts in CA with M2's, beside C5's 800.00.
      { month: '2024-08-01', state: 'CA', mm: '2.000000', paid: '800.00', pmpm: '400.00' },
      // Nobody is covered in TX in August any more (M3's coverage ended in June).
    ]);
  });

  it('trends PMPM against the same cell twelve months earlier', async () => {
    const rows = await t.db.query(
      `SELECT month, pmpm::text AS pmpm, pmpm_prior_year::text AS prior, pmpm_yoy_change::text AS yoy
         FROM mart.pmpm WHERE grouping_id = $1 AND month IN ('2023-12-01', '2024-11-01', '2024-12-01')
        ORDER BY month`,
      [groupingId(['month'])],
    );
    // 2024-12: M1, M2, M4 covered (3 member months), paid 200.00.
    const december = (200 / 3).toFixed(2);
    expect(rows).to.deep.equal([
      { month: '2023-12-01', pmpm: '52000.50', prior: null, yoy: null },
      // 2023-11 had a member month but no claim: a prior PMPM of 0, so no trend ratio.
      { month: '2024-11-01', pmpm: '0.00', prior: '0.00', yoy: null },
      {
        month: '2024-12-01',
        pmpm: december,
        prior: '52000.50',
        yoy: (Number(december) / 52000.5 - 1).toFixed(4),
      },
    ]);
  });

  it('computes the medical loss ratio per plan and year', async () => {
    const rows = await t.db.query(
      `SELECT plan_id, year, metal_tier, member_months::text AS mm, premium::text AS premium,
              paid_amount::text AS paid, mlr::text AS mlr, meets_80_percent_rule AS meets
         FROM mart.medical_loss_ratio ORDER BY plan_id, year`,
    );
    expect(rows).to.deep.equal([
      {
        plan_id: 'P1',
        year: 2023,
        metal_tier: 'Silver',
        mm: '12.00',
        premium: '3600.00',
        paid: '52000.50',
        mlr: (52000.5 / 3600).toFixed(4),
        meets: true,
      },
      {
        plan_id: 'P1',
        year: 2024,
        metal_tier: 'Silver',
        mm: '12.00',
        premium: '3660.00',
        paid: '920.25',
        mlr: (920.25 / 3660).toFixed(4),
        meets: false,
      },
      {
        plan_id: 'P2',
        year: 2024,
        metal_tier: 'Gold',
        mm: (9 + 17 / 31 + 6).toFixed(2),
        premium: '1600.00',
        paid: '260.05',
        mlr: (260.05 / 1600).toFixed(4),
        meets: false,
      },
      {
        plan_id: 'P3',
        year: 2024,
        metal_tier: null,
        mm: '1.00',
        premium: '50.00',
        paid: '0.00',
        mlr: '0.0000',
        meets: false,
      },
    ]);
  });

  it('reports claims by metal tier and utilization by specialty', async () => {
    const metal = await t.db.query(
      `SELECT metal_tier, claim_count, members_with_claims, paid_amount::text AS paid, denied_count, denial_rate::text AS denial_rate
         FROM mart.claims_by_plan_metal_month WHERE month = '2024-03-01' ORDER BY metal_tier`,
    );
    expect(metal).to.deep.equal([
      {
        metal_tier: 'Gold',
        claim_count: 2,
        members_with_claims: 1,
        paid: '60.05',
        denied_count: 1,
        denial_rate: '0.5000',
      },
      {
        metal_tier: 'Silver',
        claim_count: 1,
        members_with_claims: 1,
        paid: '120.25',
        denied_count: 0,
        denial_rate: '0.0000',
      },
    ]);
    const specialty = await t.db.query(
      `SELECT specialty, claim_count, distinct_members, member_months::text AS mm, claims_per_1000_member_months::text AS per_1000
         FROM mart.utilization_by_specialty WHERE month = '2024-03-01' ORDER BY specialty`,
    );
    const marchMonths = 1 + 17 / 31 + 1;
    expect(specialty).to.deep.equal([
      {
        specialty: 'Cardiology',
        claim_count: 1,
        distinct_members: 1,
        mm: marchMonths.toFixed(2),
        per_1000: (1000 / marchMonths).toFixed(2),
      },
      {
        specialty: 'Family Medicine',
        claim_count: 1,
        distinct_members: 1,
        mm: marchMonths.toFixed(2),
        per_1000: (1000 / marchMonths).toFixed(2),
      },
      // The provider has no specialty: the claim's billed specialty stands in.
      {
        specialty: 'Radiology',
        claim_count: 1,
        distinct_members: 1,
        mm: marchMonths.toFixed(2),
        per_1000: (1000 / marchMonths).toFixed(2),
      },
    ]);
  });
});

/**
 * Batch 2 touches two of the four enrolled members: below a rebuild share of 1 the coverage
 * base and the cube take the member delta; at a share of 0.5 (the default) they are rebuilt.
 */
for (const { coverageRebuildShare, coverageMode } of [
  { coverageRebuildShare: 1, coverageMode: 'incremental' },
  { coverageRebuildShare: 0.5, coverageMode: 'full' },
] as const) {
  describeOnEngines(
    `marts incremental maintenance (coverage ${coverageMode === 'full' ? 'rebuilt' : 'by member delta'})`,
    (t) => {
      const service = new RefreshMartsService({ highCostThreshold: 50000, coverageRebuildShare });
      let incremental: Record<string, string[]>;

      before(async () => {
        await runSql(t.db, MART_FIXTURE_SQL);
        await t.db.transaction((tx) => service.refresh(tx, batchContext(1, 'full'), []));
      });

      it('leaves the published marts as they were when the batch fails', async () => {
        const before = await snapshotAll(t);
        const failure = await t.db
          .transaction(async (tx) => {
            await runSql(tx, SECOND_BATCH_SQL);
            await service.refresh(tx, batchContext(2, 'incremental'), SECOND_BATCH_TOUCHED_MONTHS);
            throw new Error('quality gate failed');
          })
          .catch((e: Error) => e.message);
        expect(failure).to.equal('quality gate failed');
        expect(await snapshotAll(t)).to.deep.equal(before);
      });

      it('equals a full rebuild after an incremental batch', async () => {
        const result = await t.db.transaction(async (tx) => {
          await runSql(tx, SECOND_BATCH_SQL);
          return service.refresh(tx, batchContext(2, 'incremental'), SECOND_BATCH_TOUCHED_MONTHS);
        });
        const modes = Object.fromEntries(result.refreshed.map((s) => [s.name, s.mode]));
        expect(modes).to.include({
          'mart.claims_daily_member': 'incremental',
          'mart.cube_coverage_base': coverageMode,
          'mart.claims_cube': coverageMode,
          'mart.high_cost_member_month': 'incremental',
        });
        incremental = await snapshotAll(t);
        await t.db.transaction((tx) => service.refresh(tx, batchContext(3, 'full'), []));
        const rebuilt = await snapshotAll(t);
        for (const relation of MAINTAINED) {
          expect(incremental[relation], relation).to.deep.equal(rebuilt[relation]);
        }
      });

      it('picked up the batch: new claims, the moved member, the shortened coverage, the longer horizon', async () => {
        const rows = await t.db.query(
          `SELECT member_id, month, rolling_12m_paid::text AS paid, is_high_cost
         FROM mart.high_cost_member_tracking
        WHERE (member_id = 'M3' AND month IN ('2024-05-01', '2025-01-01')) OR (member_id = 'M1' AND month = '2025-01-01')
        ORDER BY member_id, month`,
        );
        expect(rows).to.deep.equal([
          // Window 2024-02..2025-01: C2 120.25 + C5 re-sent at 900.00.
          { member_id: 'M1', month: '2025-01-01', paid: '1020.25', is_high_cost: false },
          { member_id: 'M3', month: '2024-05-01', paid: '70000.00', is_high_cost: true },
          { member_id: 'M3', month: '2025-01-01', paid: '70000.00', is_high_cost: true },
        ]);
        const states = await t.db.query(
          `SELECT month, state, member_months::numeric(10,2)::text AS mm FROM mart.claims_cube
        WHERE grouping_id = $1 AND month IN ('2024-06-01', '2024-10-01') ORDER BY month, state`,
          [groupingId(['month', 'state'])],
        );
        expect(states).to.deep.equal([
          { month: '2024-06-01', state: 'CA', mm: '1.00' },
          { month: '2024-06-01', state: 'TX', mm: '1.00' },
          { month: '2024-10-01', state: 'CA', mm: '1.00' },
          { month: '2024-10-01', state: 'NV', mm: '1.00' },
        ]);
      });
    },
  );
}
