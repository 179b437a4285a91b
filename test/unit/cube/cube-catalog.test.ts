import { expect } from 'chai';
import { buildCubeQuery } from '../../../src/application/query-cube/cube-sql-builder';
import {
  columnsOfGroupingId,
  CUBE_GROUPING_SETS,
  CubeQueryError,
  groupingId,
  isStoredSet,
  planCubeQuery,
} from '../../../src/domain/cube';

describe('cube catalogue', () => {
  it('stores 44 grouping sets, every one with month', () => {
    expect(CUBE_GROUPING_SETS).to.have.length(44);
    expect(CUBE_GROUPING_SETS.every((s) => s[0] === 'month')).to.equal(true);
    expect(isStoredSet(['month', 'metal_tier', 'state', 'age_group', 'clinical_segment'])).to.equal(
      true,
    );
    expect(isStoredSet(['month', 'metal_tier', 'state', 'age_group', 'specialty'])).to.equal(false);
    expect(isStoredSet(['month', 'plan_id', 'state'])).to.equal(false);
  });

  it("numbers sets as PostgreSQL's GROUPING() does: a set bit is a rolled-up column", () => {
    expect(groupingId(['month'])).to.equal(0b01111111);
    expect(groupingId(['month', 'claim_type'])).to.equal(0b01111110);
    expect(groupingId(['month', 'metal_tier', 'specialty'])).to.equal(0b00111101);
    for (const set of CUBE_GROUPING_SETS) {
      expect(columnsOfGroupingId(groupingId(set))).to.deep.equal(set);
    }
  });
});

describe('planCubeQuery', () => {
  it('picks the set of by ∪ where ∪ month', () => {
    const plan = planCubeQuery({
      measures: ['paid', 'pmpm'],
      by: ['metal_tier', 'month'],
      where: { state: ['TX'] },
    });
    expect(plan.claimSet).to.deep.equal(['month', 'metal_tier', 'state']);
    expect(plan.memberSet).to.deep.equal(['month', 'metal_tier', 'state']);
    expect(plan.claimMeasures).to.deep.equal(['paid']);
    expect(plan.memberMeasures).to.deep.equal(['member_months']);
  });

  it('reads member months from the member side of a claim-side question', () => {
    const plan = planCubeQuery({ measures: ['pmpm'], by: ['specialty', 'state'] });
    expect(plan.claimSet).to.deep.equal(['month', 'state', 'specialty']);
    expect(plan.memberSet).to.deep.equal(['month', 'state']);
  });

  it('reads distinct members from the cube only when each answer row is one stored cell', () => {
    const one = (q: Parameters<typeof planCubeQuery>[0]) => planCubeQuery(q).membersFromCube;
    expect(one({ measures: ['members'], by: ['month', 'state'] })).to.equal(true);
    expect(one({ measures: ['members'], by: ['state'], where: { month: ['2024-01'] } })).to.equal(
      true,
    );
    expect(one({ measures: ['members'], by: ['state'] })).to.equal(false);
    expect(one({ measures: ['members'], by: ['year'] })).to.equal(false);
    expect(one({ measures: ['members'], by: ['month'], where: { state: ['TX', 'CA'] } })).to.equal(
      false,
    );
  });

  it('falls back to the base tables for combinations no set stores', () => {
    const plan = planCubeQuery({
      measures: ['paid', 'member_months'],
      by: ['metal_tier', 'state', 'age_group', 'specialty'],
    });
    expect(plan.claimSet).to.equal(null);
    expect(plan.memberSet).to.deep.equal(['month', 'metal_tier', 'state', 'age_group']);
  });

  it('names the valid choices when a name is unknown', () => {
    expect(() => planCubeQuery({ measures: ['paid'], by: ['zip'] })).to.throw(
      CubeQueryError,
      "Unknown dimension 'zip'; valid dimensions: month, year, metal_tier, state, age_group, clinical_segment, plan_id, specialty, claim_type",
    );
    expect(() => planCubeQuery({ measures: [], by: [] })).to.throw(
      CubeQueryError,
      'Ask for at least one measure; valid measures: claims, denied_claims, members,',
    );
    expect(() =>
      planCubeQuery({ measures: ['paid'], by: [], where: { month: ['2024-13'] } }),
    ).to.throw("month values are months (YYYY-MM or YYYY-MM-01); got '2024-13'");
    expect(() => planCubeQuery({ measures: ['paid'], by: ['state'], orderBy: 'pmpm' })).to.throw(
      "Cannot order by 'pmpm'; order by one of the asked measures or dimensions: paid, state",
    );
    expect(() => planCubeQuery({ measures: ['paid'], by: [], limit: 0 })).to.throw(
      'limit must be an integer from 1 to 100000; got 0',
    );
  });
});

describe('buildCubeQuery', () => {
  it('passes every value as a parameter and no user text into the SQL', () => {
    const hostile = "TX'; DROP TABLE mart.claims_cube; --";
    const built = buildCubeQuery(
      planCubeQuery({ measures: ['paid'], by: ['state'], where: { state: [hostile] }, limit: 5 }),
    );
    expect(built.sql).not.to.include('DROP');
    expect(built.params).to.deep.include([hostile]);
    expect(built.params).to.include(5);
    expect(built.columns).to.deep.equal(['state', 'paid']);
  });
});
