import 'reflect-metadata';
import { expect } from 'chai';
import { RefreshMartsService } from '../../../src/application/refresh-marts/refresh-marts.service';
import { CUBE_COLUMNS, CUBE_GROUPING_SETS, groupingId } from '../../../src/domain/cube';
import { batchContext, MART_FIXTURE_SQL, runSql } from '../../support/fixtures/mart-fixtures';
import { describeOnEngines } from '../../support/test-database';

/**
 * M5 moves from TX to NV on 2024-05-15 and has claims on both sides of the move, so in May his
 * rows differ in state: he is counted by count(DISTINCT) apart from the members whose flags
 * count them. He also has two claim types and two specialties in May, and M1 two specialties in
 * March, so every flag (per member, per specialty, per claim type, per cell) matters.
 */
const MIXED_MEMBER_SQL = [
  `INSERT INTO warehouse.dim_member (member_sk, member_id, state, age_group, clinical_segment,
       plan_metal, validity_start_ts, validity_end_ts, current_flag, attr_hash, load_id)
   VALUES (51, 'M5', 'TX', '45-54', 'Healthy', 'Gold', '2020-01-01', '2024-05-15', false, '\\x06', 1),
          (52, 'M5', 'NV', '45-54', 'Healthy', 'Gold', '2024-05-15', '9999-12-31', true, '\\x07', 1)`,
  `INSERT INTO warehouse.fact_claim (claim_id, member_id, service_date, date_key, member_sk,
       provider_sk, plan_sk, status, diagnosis_code, procedure_code, claim_type,
       provider_specialty, claim_amount, allowed_amount, paid_amount, load_id)
   VALUES ('C51', 'M5', '2024-05-05', 20240505, 51, 101, 3, 'approved', 'I10', '99213', 'Professional', 'Cardiology', 100.00, 90.00, 80.00, 1),
          ('C52', 'M5', '2024-05-06', 20240506, 51, 101, 3, 'approved', 'I10', '93000', 'Facility', 'Cardiology', 300.00, 250.00, 200.00, 1),
          ('C53', 'M5', '2024-05-20', 20240520, 52, 102, 3, 'approved', 'J06', '99213', 'Professional', 'Family Medicine', 120.00, 100.00, 90.00, 1),
          ('C54', 'M5', '2024-05-21', 20240521, 52, 101, 3, 'denied', 'I10', '99214', 'Professional', 'Cardiology', 150.00, 0.00, 0.00, 1)`,
  `INSERT INTO warehouse.fact_enrollment (member_id, plan_id, start_date, end_date, member_sk,
       plan_sk, enrollment_start_date_key, enrollment_end_date_key, coverage_days,
       member_months, premium_paid, span_count, load_id)
   VALUES ('M5', 'P2', '2024-05-01', '2024-05-31', 51, 3, 20240501, 20240531, 31, 1.00, 420.00, 1, 1)`,
];

/**
 * Distinct members per cell, computed from the fact and the versions its keys point at, with
 * count(DISTINCT): independent of the base tables and of the member flags.
 */
function distinctMembersSql(set: readonly string[]): string {
  const expression: Record<string, string> = {
    month: `date_trunc('month', f.service_date)::date`,
    metal_tier: 'p.metal_tier',
    state: 'm.state',
    age_group: 'm.age_group',
    clinical_segment: 'm.clinical_segment',
    plan_id: 'p.plan_id',
    specialty: 'coalesce(pr.specialty, f.provider_specialty)',
    claim_type: 'f.claim_type',
  };
  const columns = CUBE_COLUMNS.map((c) =>
    set.includes(c) ? `${expression[c]} AS ${c}` : `NULL::text AS ${c}`,
  );
  const grouped = set.map((c) => expression[c]);
  return `
    SELECT ${columns.join(', ')}, count(DISTINCT f.member_id) AS members
      FROM warehouse.fact_claim f
      LEFT JOIN warehouse.dim_member m ON m.member_sk = f.member_sk
      LEFT JOIN warehouse.dim_plan p ON p.plan_sk = f.plan_sk
      LEFT JOIN warehouse.dim_provider pr ON pr.provider_sk = f.provider_sk
     GROUP BY ${grouped.join(', ')}`;
}

function cellKey(row: Record<string, unknown>): string {
  return CUBE_COLUMNS.map((c) => String(row[c] ?? '∅')).join('|');
}

describeOnEngines('claims cube distinct members', (t) => {
  const service = new RefreshMartsService({ highCostThreshold: 50000 });

  before(async () => {
    await runSql(t.db, [...MART_FIXTURE_SQL, ...MIXED_MEMBER_SQL]);
    await t.db.transaction((tx) => service.refresh(tx, batchContext(1, 'full'), []));
  });

  it('counts every cell of every stored set like count(DISTINCT member_id) over the fact', async () => {
    let cells = 0;
    for (const set of CUBE_GROUPING_SETS) {
      const expected = await t.db.query<Record<string, unknown>>(distinctMembersSql(set));
      const stored = await t.db.query<Record<string, unknown>>(
        `SELECT to_char(month, 'YYYY-MM-DD') AS month, ${CUBE_COLUMNS.slice(1).join(', ')}, members
           FROM mart.claims_cube
          WHERE grouping_id = $1 AND claims > 0`,
        [groupingId(set)],
      );
      const byCell = (rows: Array<Record<string, unknown>>): Record<string, number> =>
        Object.fromEntries(rows.map((r) => [cellKey(r), Number(r.members)]));
      expect(byCell(stored), set.join(' × ')).to.deep.equal(
        byCell(expected.map((r) => ({ ...r, month: String(r.month) }))),
      );
      cells += stored.length;
    }
    expect(cells).to.be.greaterThan(200);
  });

  it('counts the member who moved mid-month once in the month and once in each state', async () => {
    const rows = await t.db.query<{ state: string | null; members: number; claims: number }>(
      `SELECT state, members, claims FROM mart.claims_cube
        WHERE month = '2024-05-01' AND grouping_id = ANY($1::int[]) AND claims > 0
        ORDER BY grouping_id DESC, state`,
      [[groupingId(['month']), groupingId(['month', 'state'])]],
    );
    expect(rows).to.deep.equal([
      { state: null, members: 1, claims: 4 },
      { state: 'NV', members: 1, claims: 2 },
      { state: 'TX', members: 1, claims: 2 },
    ]);
  });
});
