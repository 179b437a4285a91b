import { expect } from 'chai';
import { SqlSession } from '../../../src/application/ports/sql-database.port';
import { LoadEnrollmentFactsService } from '../../../src/application/load-facts/load-enrollment-facts.service';
import {
  insertMemberHistory,
  insertPlanHistory,
  insertSpan,
  SpanSpec,
} from '../../support/fixtures/dimension-rows';
import { describeOnEngines } from '../../support/test-database';
import { batchContext, stageSpans } from './fact-batch';

interface PeriodRow {
  member_id: string;
  plan_id: string;
  start_date: string;
  end_date: string | null;
  member_sk: number;
  plan_sk: number;
  enrollment_start_date_key: number;
  enrollment_end_date_key: number | null;
  coverage_days: number;
  member_months: string;
  premium_paid: string;
  csr_variant: string | null;
  span_count: number;
  load_id: number;
}

async function periods(db: SqlSession, memberId: string): Promise<PeriodRow[]> {
  return db.query<PeriodRow & Record<string, unknown>>(
    `SELECT * FROM warehouse.fact_enrollment WHERE member_id = $1 ORDER BY plan_id, start_date`,
    [memberId],
  );
}

const span = (
  memberId: string,
  startDate: string,
  endDate: string | null,
  premiumPaid: string,
  extra: Partial<SpanSpec> = {},
): SpanSpec => ({ memberId, planId: 'PA', startDate, endDate, premiumPaid, ...extra });

describeOnEngines('load enrollment facts', (t) => {
  const service = new LoadEnrollmentFactsService();
  const sk = {} as Record<string, number>;

  before(async () => {
    for (const id of ['E1', 'E2', 'E3', 'E4'])
      [sk[id]] = await insertMemberHistory(t.db, id, [{ from: '2024-01-01' }]);
    // E5 moved on 2024-06-01; the period started before
    [sk.E5a, sk.E5b] = await insertMemberHistory(t.db, 'E5', [
      { from: '2024-01-01', attrs: { state: 'TX' } },
      { from: '2024-06-01', attrs: { state: 'CA' } },
    ]);
    [sk.PA] = await insertPlanHistory(t.db, 'PA', 2024, [{ from: '2024-01-01' }]);
    [sk.PB] = await insertPlanHistory(t.db, 'PB', 2024, [{ from: '2024-01-01' }]);

    for (const s of [
      // touching: the second starts the day after the first ends
      span('E1', '2024-01-01', '2024-03-31', '300.00', { csrVariant: '73' }),
      span('E1', '2024-04-01', '2024-06-30', '310.50', { csrVariant: '87' }),
      // overlapping, one inside another
      span('E2', '2024-01-01', '2024-05-31', '100.00'),
      span('E2', '2024-03-01', '2024-04-15', '50.00'),
      span('E2', '2024-05-15', '2024-08-31', '80.00', { csrVariant: '94' }),
      // a gap of 2 days (February 1st uncovered)
      span('E3', '2024-01-01', '2024-01-31', '40.00'),
      span('E3', '2024-02-02', '2024-02-29', '45.00'),
      // open-ended, and a closed span touching an open one in another plan
      span('E4', '2024-10-01', null, '120.00'),
      span('E4', '2024-01-01', '2024-01-31', '30.00', { planId: 'PB' }),
      span('E4', '2024-02-01', null, '330.00', { planId: 'PB' }),
      span('E5', '2024-03-15', '2024-09-14', '600.00'),
    ])
      await insertSpan(t.db, s);
  });

  it('merges touching and overlapping spans into continuous periods (full recompute)', async () => {
    const result = await t.db.transaction((tx) =>
      service.load(tx, batchContext(1, '2024-12-31', 'full')),
    );
    expect(result).to.deep.equal({
      enrollmentPeriods: 7,
      enrollmentMembers: 5,
      openPeriodsRefreshed: 0,
      scope: 'all',
    });

    expect(await periods(t.db, 'E1')).to.deep.equal([
      {
        member_id: 'E1',
        plan_id: 'PA',
        start_date: '2024-01-01',
        end_date: '2024-06-30',
        member_sk: sk.E1,
        plan_sk: sk.PA,
        enrollment_start_date_key: 20240101,
        enrollment_end_date_key: 20240630,
        coverage_days: 182,
        member_months: '6.00',
        premium_paid: '610.50',
        csr_variant: '87',
        span_count: 2,
        load_id: 1,
      },
    ]);
    const e2 = await periods(t.db, 'E2');
    expect(e2).to.have.length(1);
    expect(e2[0]).to.deep.include({
      start_date: '2024-01-01',
      end_date: '2024-08-31',
      coverage_days: 244,
      member_months: '8.00',
      premium_paid: '230.00',
      csr_variant: '94',
      span_count: 3,
    });
  });

  it('keeps spans two days apart as two periods', async () => {
    const e3 = await periods(t.db, 'E3');
    expect(
      e3.map((p) => [p.start_date, p.end_date, p.coverage_days, p.member_months]),
    ).to.deep.equal([
      ['2024-01-01', '2024-01-31', 31, '1.00'],
      ['2024-02-02', '2024-02-29', 28, '0.97'],
    ]);
    expect(e3.map((p) => p.premium_paid)).to.deep.equal(['40.00', '45.00']);
  });

  it('counts an open period up to the as_of date and keeps its end NULL', async () => {
    const e4 = await periods(t.db, 'E4');
    expect(
      e4.map((p) => [
        p.plan_id,
        p.start_date,
        p.end_date,
        p.enrollment_end_date_key,
        p.coverage_days,
        p.member_months,
        p.span_count,
      ]),
    ).to.deep.equal([
      ['PA', '2024-10-01', null, null, 92, '3.00', 1],
      ['PB', '2024-01-01', null, null, 366, '12.00', 2],
    ]);
    expect(e4[1].plan_sk).to.equal(sk.PB);
  });

  it('keys a period to the member version in force at its start', async () => {
    const [e5] = await periods(t.db, 'E5');
    // 17/31 + 5 + 14/30
    expect(e5).to.deep.include({ member_sk: sk.E5a, coverage_days: 184, member_months: '6.02' });
  });

  it('recomputes only the members with spans in an incremental batch', async () => {
    // E3's missing day arrives: the two periods become one
    const bridge = span('E3', '2024-02-01', '2024-02-01', '5.00');
    await insertSpan(t.db, bridge, { loadId: 2 });
    await stageSpans(t.db, 2, [bridge]);

    const result = await t.db.transaction((tx) => service.load(tx, batchContext(2, '2025-01-31')));

    expect(result).to.deep.equal({
      enrollmentPeriods: 1,
      enrollmentMembers: 1,
      openPeriodsRefreshed: 2,
      scope: 'batch-members',
    });
    const e3 = await periods(t.db, 'E3');
    expect(
      e3.map((p) => [
        p.start_date,
        p.end_date,
        p.coverage_days,
        p.premium_paid,
        p.span_count,
        p.load_id,
      ]),
    ).to.deep.equal([['2024-01-01', '2024-02-29', 60, '90.00', 3, 2]]);
    // other members keep their rows; open periods now count up to the new as_of
    expect((await periods(t.db, 'E1'))[0].load_id).to.equal(1);
    const e4 = await periods(t.db, 'E4');
    expect(e4.map((p) => [p.coverage_days, p.member_months, p.load_id])).to.deep.equal([
      [123, '4.00', 2],
      [397, '13.00', 2],
    ]);
  });

  it('drops periods whose spans are no longer current on a full recompute', async () => {
    await t.db.execute(
      `UPDATE warehouse.dim_enrollment
          SET validity_end_ts = '2025-02-01T00:00:00Z', current_flag = false
        WHERE member_id = 'E2'`,
    );
    const result = await t.db.transaction((tx) =>
      service.load(tx, batchContext(3, '2025-02-01', 'full')),
    );
    expect(result).to.deep.include({ enrollmentPeriods: 5, enrollmentMembers: 4 });
    expect(await periods(t.db, 'E2')).to.deep.equal([]);
    const [row] = await t.db.query<{ n: number; loads: number }>(
      `SELECT count(*) AS n, count(DISTINCT load_id) AS loads FROM warehouse.fact_enrollment`,
    );
    expect(row).to.deep.equal({ n: 5, loads: 1 });
  });
});
