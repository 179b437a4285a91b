import { expect } from 'chai';
import { AddBatchGeography } from '../../../src/application/load-dimensions/add-batch-geography';
import {
  DimensionLoadCounts,
  LoadDimensionsResult,
} from '../../../src/application/load-dimensions/load-dimensions-result';
import { LoadDimensionsService } from '../../../src/application/load-dimensions/load-dimensions.service';
import { PopulateDateDimensionService } from '../../../src/application/load-dimensions/populate-date-dimension.service';
import { SqlRow } from '../../../src/application/ports/sql-database.port';
import { ENTITIES } from '../../../src/infrastructure/persistence/entities';
import { createScd2Repositories } from '../../../src/infrastructure/persistence/scd2-repositories';
import { checkInvariants } from '../../contract/scd2-repository.contract';
import { describeOnEngines } from '../../support/test-database';
import { DimMember } from '../../../src/domain/warehouse';
import { batchContext, claim, enrollment, member, stage } from './staged-rows';

function counts(
  result: LoadDimensionsResult,
  dimension: string,
): Omit<DimensionLoadCounts, 'dimension'> {
  const found = result.dimensions.find((d) => d.dimension === dimension);
  if (!found) throw new Error(`no counts for ${dimension}`);
  const { dimension: _name, ...rest } = found;
  return rest;
}

const ZERO = {
  newKeys: 0,
  changed: 0,
  unchanged: 0,
  type1Updated: 0,
  inferredCompleted: 0,
  correctedInPlace: 0,
  inferred: 0,
};

describeOnEngines('load dimensions from staging', (t) => {
  const service = new LoadDimensionsService(
    createScd2Repositories(ENTITIES),
    new PopulateDateDimensionService(),
    new AddBatchGeography(),
  );

  beforeEach(async () => {
    await t.db.execute(
      `TRUNCATE staging.members, staging.plans, staging.providers, staging.enrollments, staging.claims,
                warehouse.dim_member, warehouse.dim_plan, warehouse.dim_provider, warehouse.dim_enrollment`,
    );
    await t.db.execute(`DELETE FROM warehouse.dim_geography WHERE load_id IS NOT NULL`);
  });

  async function members(): Promise<SqlRow[]> {
    const rows = await t.db.query(
      `SELECT d.*, encode(attr_hash, 'hex') AS attr_hash
         FROM warehouse.dim_member d ORDER BY member_id, validity_start_ts`,
    );
    checkInvariants(DimMember, rows);
    return rows;
  }

  it('incremental batches: changed, new, unchanged, re-sent and duplicate rows', async () => {
    const first = await t.db.transaction(async (tx) => {
      await stage(tx, 'members', 1, [member('M1'), member('M2'), member('M3')]);
      return service.load(tx, batchContext(1, '2024-01-01T00:00:00Z'));
    });
    expect(counts(first, 'dim_member')).to.deep.equal({ ...ZERO, newKeys: 3 });

    const second = await t.db.transaction(async (tx) => {
      await tx.execute('TRUNCATE staging.members');
      await stage(tx, 'members', 2, [
        member('M1', { clinical_segment: 'Chronic' }),
        member('M2', { clinical_segment: 'Complex' }),
        member('M4'),
        // Re-sent later in the file with the old values: the last line wins, so no change.
        member('M2'),
        member('M3', { email: 'new@example.org' }),
      ]);
      return service.load(tx, batchContext(2, '2024-04-01T00:00:00Z'));
    });
    expect(counts(second, 'dim_member')).to.deep.equal({
      ...ZERO,
      newKeys: 1,
      changed: 1,
      unchanged: 2,
      type1Updated: 1,
    });
    const rows = await members();
    expect(
      rows.map((r) => [
        r.member_id,
        r.clinical_segment,
        (r.validity_start_ts as Date).toISOString().slice(0, 10),
        (r.validity_end_ts as Date).toISOString().slice(0, 10),
        r.current_flag,
        r.load_id,
      ]),
    ).to.deep.equal([
      ['M1', 'Healthy', '2024-01-01', '2024-04-01', false, 1],
      ['M1', 'Chronic', '2024-04-01', '9999-12-31', true, 2],
      ['M2', 'Healthy', '2024-01-01', '9999-12-31', true, 1],
      ['M3', 'Healthy', '2024-01-01', '9999-12-31', true, 1],
      ['M4', 'Healthy', '2024-04-01', '9999-12-31', true, 2],
    ]);
    expect(rows.find((r) => r.member_id === 'M3')?.email).to.equal('new@example.org');
  });

  it('derives age_group at the as_of when absent (a birthday makes a version), fpl_band and geography', async () => {
    const load = (loadId: number, asOf: string, overrides = {}): Promise<LoadDimensionsResult> =>
      t.db.transaction(async (tx) => {
        await tx.execute('TRUNCATE staging.members');
        await stage(tx, 'members', loadId, [
          member('M1', { dob: '2006-03-01', fpl_ratio: '1.500', ...overrides }),
          member('M2', { age_group: '65+', dob: '2006-03-01', fpl_ratio: '4.001' }),
        ]);
        return service.load(tx, batchContext(loadId, asOf));
      });
    await load(1, '2024-02-29T23:00:00Z');
    // Turns 18 on 2024-03-01: a derived driver changed, so a new version.
    const second = await load(2, '2024-03-01T00:00:00Z');
    expect(counts(second, 'dim_member')).to.deep.include({ changed: 1, unchanged: 1 });
    const rows = await members();
    expect(rows.map((r) => [r.member_id, r.age_group, r.fpl_band])).to.deep.equal([
      ['M1', '<18', '100-150%'],
      ['M1', '18-25', '100-150%'],
      ['M2', '65+', '400%+'],
    ]);
    const [geo] = await t.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM warehouse.dim_member m
         JOIN warehouse.dim_geography g USING (geography_sk)
        WHERE g.state = m.state AND g.region = m.region`,
    );
    expect(geo?.n).to.equal(3);
  });

  it('adds unknown and re-regioned (state, region) pairs to dim_geography', async () => {
    const result = await t.db.transaction(async (tx) => {
      await stage(tx, 'members', 1, [
        member('M1', { state: 'PW', region: 'West' }),
        member('M2', { state: 'TX', region: 'West' }),
        member('M3', { state: 'IL', region: 'Midwest' }),
      ]);
      await stage(tx, 'providers', 1, [
        { provider_id: 'P1', npi: '1234567893', name: 'A', specialty: 'X', state: 'ZZ' },
        { provider_id: 'P2', npi: '1234567893', name: 'B', specialty: 'X', state: 'TX' },
        { provider_id: 'P3', npi: '1234567893', name: 'C', specialty: 'X' },
      ]);
      return service.load(tx, batchContext(1, '2024-01-01T00:00:00Z'));
    });
    expect(counts(result, 'dim_geography')).to.deep.equal({ ...ZERO, newKeys: 3, unchanged: 2 });
    const added = await t.db.query(
      `SELECT state, region, state_name, census_region, census_division, is_known_state, load_id
         FROM warehouse.dim_geography WHERE load_id IS NOT NULL ORDER BY state, region`,
    );
    expect(added).to.deep.equal([
      {
        state: 'PW',
        region: 'West',
        state_name: 'Unknown (PW)',
        census_region: null,
        census_division: null,
        is_known_state: false,
        load_id: 1,
      },
      {
        state: 'TX',
        region: 'West',
        state_name: 'Texas',
        census_region: 'South',
        census_division: 'West South Central',
        is_known_state: true,
        load_id: 1,
      },
      {
        state: 'ZZ',
        region: 'Unknown',
        state_name: 'Unknown (ZZ)',
        census_region: null,
        census_division: null,
        is_known_state: false,
        load_id: 1,
      },
    ]);
    const missing = await t.db.query(
      `SELECT member_id FROM warehouse.dim_member WHERE geography_sk IS NULL`,
    );
    expect(missing).to.deep.equal([]);
  });

  it('creates inferred rows for keys staged facts reference, completed in place later', async () => {
    const first = await t.db.transaction(async (tx) => {
      await stage(tx, 'members', 1, [member('M1')]);
      await stage(tx, 'plans', 1, [
        {
          plan_id: 'PLN1',
          effective_year: 2024,
          name: 'S',
          metal_tier: 'Silver',
          monthly_premium: '300',
          deductible: '100',
          oop_max: '9000',
          coinsurance_rate: '0.2',
          pcp_copay: '30',
        },
      ]);
      await stage(tx, 'claims', 1, [
        claim('C1', {
          member_id: 'M1',
          provider_id: 'PRV1',
          plan_id: 'PLN1',
          service_date: '2024-03-10',
        }),
        claim('C2', {
          member_id: 'M9',
          provider_id: 'PRV1',
          plan_id: 'PLN1',
          service_date: '2025-01-05',
        }),
      ]);
      await stage(tx, 'enrollments', 1, [enrollment('M8', 'PLN7', { start_date: '2023-11-01' })]);
      return service.load(tx, batchContext(1, '2024-06-01T00:00:00Z'));
    });
    expect(counts(first, 'dim_member')).to.deep.equal({ ...ZERO, newKeys: 1, inferred: 2 });
    expect(counts(first, 'dim_provider')).to.deep.equal({ ...ZERO, inferred: 1 });
    expect(counts(first, 'dim_plan')).to.deep.equal({ ...ZERO, newKeys: 1, inferred: 2 });
    expect(counts(first, 'dim_enrollment')).to.deep.equal({ ...ZERO, newKeys: 1 });
    const inferred = await t.db.query(
      `SELECT 'member' AS dim, member_id AS key, validity_start_ts FROM warehouse.dim_member WHERE is_inferred
        UNION ALL
       SELECT 'plan', plan_id || '/' || effective_year, validity_start_ts FROM warehouse.dim_plan WHERE is_inferred
        UNION ALL
       SELECT 'provider', provider_id, validity_start_ts FROM warehouse.dim_provider WHERE is_inferred
        ORDER BY 1, 2`,
    );
    const asOf = new Date('2024-06-01T00:00:00Z');
    expect(inferred).to.deep.equal([
      { dim: 'member', key: 'M8', validity_start_ts: asOf },
      { dim: 'member', key: 'M9', validity_start_ts: asOf },
      { dim: 'plan', key: 'PLN1/2025', validity_start_ts: asOf },
      { dim: 'plan', key: 'PLN7/2023', validity_start_ts: asOf },
      { dim: 'provider', key: 'PRV1', validity_start_ts: asOf },
    ]);
    const [placeholder] = await t.db.query<{ member_sk: number }>(
      `SELECT member_sk FROM warehouse.dim_member WHERE member_id = 'M9'`,
    );

    const second = await t.db.transaction(async (tx) => {
      await tx.execute(
        'TRUNCATE staging.members, staging.plans, staging.claims, staging.enrollments',
      );
      await stage(tx, 'members', 2, [member('M9', { first_name: 'Bo' })]);
      await stage(tx, 'claims', 2, [claim('C3', { member_id: 'M9', service_date: '2024-07-01' })]);
      return service.load(tx, batchContext(2, '2024-09-01T00:00:00Z'));
    });
    expect(counts(second, 'dim_member')).to.deep.equal({ ...ZERO, inferredCompleted: 1 });
    expect(counts(second, 'dim_plan')).to.deep.equal({ ...ZERO });
    const m9 = (await members()).filter((r) => r.member_id === 'M9');
    expect(m9).to.have.length(1);
    expect(m9[0]).to.include({
      member_sk: placeholder?.member_sk,
      first_name: 'Bo',
      is_inferred: false,
    });
    expect((m9[0]?.validity_start_ts as Date).toISOString()).to.equal(asOf.toISOString());
  });
});
