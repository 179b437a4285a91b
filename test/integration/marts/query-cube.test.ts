import 'reflect-metadata';
import { expect } from 'chai';
import { QueryCubeService } from '../../../src/application/query-cube/query-cube.service';
import { RefreshMartsService } from '../../../src/application/refresh-marts/refresh-marts.service';
import { CubeQueryError } from '../../../src/domain/cube';
import { batchContext, MART_FIXTURE_SQL, runSql } from '../../support/fixtures/mart-fixtures';
import { describeOnEngines } from '../../support/test-database';

describeOnEngines('cube query service', (t) => {
  let cube: QueryCubeService;

  before(async () => {
    await runSql(t.db, MART_FIXTURE_SQL);
    await t.db.transaction((tx) =>
      new RefreshMartsService().refresh(tx, batchContext(1, 'full'), []),
    );
    cube = new QueryCubeService(t.db);
  });

  it('slices: paid and PMPM by metal tier and month for one state, from the cube', async () => {
    const result = await cube.query({
      measures: ['paid', 'pmpm'],
      by: ['metal_tier', 'month'],
      where: { state: ['TX'] },
    });
    expect(result.columns).to.deep.equal(['metal_tier', 'month', 'paid', 'pmpm']);
    expect(result.source).to.equal('cube');
    // TX: M3 (Gold) covered 2024-01..06; M1 (Silver) all 2023 and 2024-01..06.
    expect(result.rows).to.have.length(6 + 18);
    expect(result.rows.filter((r) => r.paid !== '0.00')).to.deep.equal([
      { metal_tier: 'Silver', month: '2023-12-01', paid: '52000.50', pmpm: '52000.50' },
      { metal_tier: 'Silver', month: '2024-03-01', paid: '120.25', pmpm: '120.25' },
    ]);
    expect(result.rows[0]).to.deep.equal({
      metal_tier: 'Gold',
      month: '2024-01-01',
      paid: '0.00',
      pmpm: '0.00',
    });
  });

  it('rolls months up to years, with distinct members counted across months', async () => {
    const result = await cube.query({
      measures: ['paid', 'member_months', 'pmpm', 'members'],
      by: ['year', 'metal_tier'],
    });
    expect(result.source).to.equal('base');
    const goldMonths = 9 + 17 / 31 + 6;
    expect(result.rows).to.deep.equal([
      {
        year: 2023,
        metal_tier: 'Silver',
        paid: '52000.50',
        member_months: '12.00',
        pmpm: (52000.5 / 12).toFixed(2),
        members: 1,
      },
      {
        year: 2024,
        metal_tier: 'Gold',
        paid: '260.05',
        member_months: goldMonths.toFixed(2),
        pmpm: (260.05 / goldMonths).toFixed(2),
        members: 1,
      },
      {
        year: 2024,
        metal_tier: 'Silver',
        paid: '920.25',
        member_months: '12.00',
        pmpm: (920.25 / 12).toFixed(2),
        members: 1,
      },
      {
        year: 2024,
        metal_tier: null,
        paid: '0.00',
        member_months: '1.00',
        pmpm: '0.00',
        members: 1,
      },
    ]);
    const additiveOnly = await cube.query({ measures: ['paid'], by: ['year'] });
    expect(additiveOnly.source).to.equal('cube');
    expect(additiveOnly.rows).to.deep.equal([
      { year: 2023, paid: '52000.50' },
      { year: 2024, paid: '1180.30' },
    ]);
  });

  it('dices by a claim-side dimension against the member months of the whole slice', async () => {
    const result = await cube.query({
      measures: ['claims', 'paid', 'pmpm', 'members'],
      by: ['specialty'],
      where: { month: ['2024-03'] },
    });
    expect(result.source).to.equal('cube');
    const march = 1 + 17 / 31 + 1;
    expect(result.rows).to.deep.equal([
      { specialty: 'Cardiology', claims: 1, paid: '0.00', pmpm: '0.00', members: 1 },
      {
        specialty: 'Family Medicine',
        claims: 1,
        paid: '120.25',
        pmpm: (120.25 / march).toFixed(2),
        members: 1,
      },
      {
        specialty: 'Radiology',
        claims: 1,
        paid: '60.05',
        pmpm: (60.05 / march).toFixed(2),
        members: 1,
      },
    ]);
  });

  it('answers the grand total, equal to the fact and the enrollment', async () => {
    const result = await cube.query({
      measures: ['claims', 'billed', 'allowed', 'paid', 'member_months', 'premium', 'mlr'],
      by: [],
    });
    expect(result.rows).to.deep.equal([
      {
        claims: 7,
        billed: '62090.10',
        allowed: '56380.10',
        paid: '53180.80',
        member_months: (12 + 12 + 9 + 17 / 31 + 6 + 1).toFixed(2),
        premium: '8910.00',
        mlr: (53180.8 / 8910).toFixed(4),
      },
    ]);
  });

  it('answers combinations no stored set holds from the base tables, with the same totals', async () => {
    const result = await cube.query({
      measures: ['claims', 'paid'],
      by: ['metal_tier', 'state', 'age_group', 'specialty'],
    });
    expect(result.source).to.equal('base');
    expect(result.rows.reduce((n, r) => n + Number(r.claims), 0)).to.equal(7);
    const cents = result.rows.reduce((n, r) => n + Math.round(Number(r.paid) * 100), 0);
    expect(cents).to.equal(5318080);
  });

  it('orders and limits', async () => {
    const result = await cube.query({
      measures: ['paid'],
      by: ['state'],
      orderBy: '-paid',
      limit: 2,
    });
    expect(result.rows).to.deep.equal([
      { state: 'TX', paid: '52120.75' },
      { state: 'CA', paid: '1060.05' },
    ]);
  });

  it('treats filter values as values, never as SQL', async () => {
    const result = await cube.query({
      measures: ['claims'],
      by: ['state'],
      where: { state: ["TX' OR '1'='1"] },
    });
    expect(result.rows).to.deep.equal([]);
  });

  it('rejects unknown names with the list of valid ones', async () => {
    const error = await cube.query({ measures: ['cost'], by: ['state'] }).catch((e: Error) => e);
    expect(error).to.be.instanceOf(CubeQueryError);
    expect((error as Error).message).to.equal(
      "Unknown measure 'cost'; valid measures: claims, denied_claims, members, billed, allowed, paid, member_months, premium, pmpm, allowed_pmpm, denial_rate, claims_per_1000, mlr",
    );
    const byError = await cube.query({ measures: ['paid'], by: ['county'] }).catch((e: Error) => e);
    expect((byError as Error).message).to.equal(
      "Unknown dimension 'county'; valid dimensions: month, year, metal_tier, state, age_group, clinical_segment, plan_id, specialty, claim_type",
    );
  });

  it('describes its catalogue', () => {
    const catalog = cube.describe();
    expect(catalog.measures.map((m) => m.name)).to.include.members(['paid', 'pmpm', 'members']);
    expect(catalog.measures.find((m) => m.name === 'members')?.additive).to.equal(false);
    expect(catalog.dimensions.map((d) => d.name)).to.include.members(['month', 'year', 'state']);
    expect(catalog.groupingSets).to.have.length(44);
  });
});
