import { expect } from 'chai';
import { resolve } from 'node:path';
import { AddBatchGeography } from '../../../src/application/load-dimensions/add-batch-geography';
import { LoadDimensionsResult } from '../../../src/application/load-dimensions/load-dimensions-result';
import { LoadDimensionsService } from '../../../src/application/load-dimensions/load-dimensions.service';
import { PopulateDateDimensionService } from '../../../src/application/load-dimensions/populate-date-dimension.service';
import { Logger } from '../../../src/application/ports/logger.port';
import { SqlDatabase } from '../../../src/application/ports/sql-database.port';
import { StageSeedSetService } from '../../../src/application/stage-seed-set/stage-seed-set.service';
import { fplBandOf } from '../../../src/domain/aca';
import { DimEnrollment, DimMember, DimPlan, DimProvider } from '../../../src/domain/warehouse';
import { ENTITIES } from '../../../src/infrastructure/persistence/entities';
import { createScd2Repositories } from '../../../src/infrastructure/persistence/scd2-repositories';
import { scd2TableOf } from '../../../src/infrastructure/persistence/scd2-table';
import { FsSeedSetSource } from '../../../src/infrastructure/seed-set/fs-seed-set-source';
import { checkInvariants } from '../../contract/scd2-repository.contract';
import { describeOnEngines } from '../../support/test-database';

const PEER_SEEDS = resolve(__dirname, '../../../../shared/peer-seeds');

const silent: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  child: () => silent,
};

/** Stages the peer folder as batch `loadId` and runs the dimension stage, in one transaction. */
async function loadPeerSeeds(
  db: SqlDatabase,
  loadId: number,
  asOf: string,
): Promise<LoadDimensionsResult> {
  const source = new FsSeedSetSource();
  const seedSet = await source.open(PEER_SEEDS, { asOf: new Date(asOf) });
  const ctx = { loadId, mode: 'full' as const, seedSet, asOf: seedSet.asOf, logger: silent };
  const stager = new StageSeedSetService(source, silent);
  const dimensions = new LoadDimensionsService(
    createScd2Repositories(ENTITIES),
    new PopulateDateDimensionService(),
    new AddBatchGeography(),
  );
  return db.transaction(async (tx) => {
    await stager.stage(tx, ctx);
    return dimensions.load(tx, ctx);
  });
}

describeOnEngines('dimension stage on the peer seed folder', (t) => {
  let first: LoadDimensionsResult;

  before(async () => {
    // The folder's latest date of birth is 2025-11-03: an earlier as_of would reject members.
    first = await loadPeerSeeds(t.db, 1, '2025-12-01T00:00:00Z');
  });

  it('loads every member, plan, provider and enrollment as one current version', async () => {
    const byName = Object.fromEntries(first.dimensions.map((d) => [d.dimension, d]));
    expect(byName.dim_member?.newKeys).to.equal(2000);
    expect(byName.dim_plan?.newKeys).to.equal(20);
    expect(byName.dim_provider?.newKeys).to.equal(101);
    expect(byName.dim_enrollment?.newKeys).to.equal(1727);
    for (const entity of [DimMember, DimPlan, DimProvider, DimEnrollment]) {
      const table = scd2TableOf(entity);
      const rows = await t.db.query(
        `SELECT d.*, encode(attr_hash, 'hex') AS attr_hash FROM ${table.qualified} d`,
      );
      checkInvariants(entity, rows);
    }
  });

  it('resolves every key the staged claims and enrollments reference, inferring the missing ones', async () => {
    const [unresolved] = await t.db.query<{ members: number; providers: number; plans: number }>(
      `SELECT (SELECT count(*) FROM staging.claims c
                WHERE NOT EXISTS (SELECT 1 FROM warehouse.dim_member d WHERE d.member_id = c.member_id))
            + (SELECT count(*) FROM staging.enrollments e
                WHERE NOT EXISTS (SELECT 1 FROM warehouse.dim_member d WHERE d.member_id = e.member_id))
              AS members,
              (SELECT count(*) FROM staging.claims c
                WHERE NOT EXISTS (SELECT 1 FROM warehouse.dim_provider d WHERE d.provider_id = c.provider_id))
              AS providers,
              (SELECT count(*) FROM staging.claims c
                WHERE NOT EXISTS (SELECT 1 FROM warehouse.dim_plan d
                                   WHERE d.plan_id = c.plan_id
                                     AND d.effective_year = extract(year FROM c.service_date)))
            + (SELECT count(*) FROM staging.enrollments e
                WHERE NOT EXISTS (SELECT 1 FROM warehouse.dim_plan d
                                   WHERE d.plan_id = e.plan_id
                                     AND d.effective_year = extract(year FROM e.start_date)))
              AS plans`,
    );
    expect(unresolved).to.deep.equal({ members: 0, providers: 0, plans: 0 });
    const inferredRows = await t.db.query<{ dimension: string; n: number }>(
      `SELECT 'dim_member' AS dimension, count(*) AS n FROM warehouse.dim_member WHERE is_inferred
        UNION ALL SELECT 'dim_plan', count(*) FROM warehouse.dim_plan WHERE is_inferred
        UNION ALL SELECT 'dim_provider', count(*) FROM warehouse.dim_provider WHERE is_inferred
        UNION ALL SELECT 'dim_enrollment', count(*) FROM warehouse.dim_enrollment WHERE is_inferred`,
    );
    for (const { dimension, n } of inferredRows) {
      expect(first.dimensions.find((d) => d.dimension === dimension)?.inferred, dimension).to.equal(
        n,
      );
    }
  });

  it('keeps the unknown state code PW as its own geography and derives fpl_band', async () => {
    const pw = await t.db.query(
      `SELECT DISTINCT g.state, g.state_name, g.is_known_state
         FROM warehouse.dim_member m JOIN warehouse.dim_geography g USING (geography_sk)
        WHERE m.state = 'PW'`,
    );
    expect(pw).to.deep.equal([{ state: 'PW', state_name: 'Unknown (PW)', is_known_state: false }]);
    const rows = await t.db.query<{ fpl_ratio: string; fpl_band: string; geography_sk: number }>(
      `SELECT fpl_ratio, fpl_band, geography_sk FROM warehouse.dim_member WHERE NOT is_inferred`,
    );
    expect(rows).to.have.length(2000);
    for (const row of rows) {
      expect(row.fpl_band, row.fpl_ratio).to.equal(fplBandOf(Number(row.fpl_ratio)));
      expect(row.geography_sk).to.be.a('number');
    }
  });

  it('re-loading the same seed set as a later batch changes nothing', async () => {
    const before = await t.db.query(
      `SELECT 'm' AS d, count(*) AS n, max(updated_at) AS at FROM warehouse.dim_member
        UNION ALL SELECT 'p', count(*), max(updated_at) FROM warehouse.dim_plan
        UNION ALL SELECT 'v', count(*), max(updated_at) FROM warehouse.dim_provider
        UNION ALL SELECT 'e', count(*), max(updated_at) FROM warehouse.dim_enrollment
        UNION ALL SELECT 'g', count(*), NULL FROM warehouse.dim_geography`,
    );
    const again = await loadPeerSeeds(t.db, 2, '2026-01-01T00:00:00Z');
    for (const d of again.dimensions) {
      expect(d, d.dimension).to.include({
        newKeys: 0,
        changed: 0,
        type1Updated: 0,
        inferredCompleted: 0,
        correctedInPlace: 0,
        inferred: 0,
      });
    }
    const after = await t.db.query(
      `SELECT 'm' AS d, count(*) AS n, max(updated_at) AS at FROM warehouse.dim_member
        UNION ALL SELECT 'p', count(*), max(updated_at) FROM warehouse.dim_plan
        UNION ALL SELECT 'v', count(*), max(updated_at) FROM warehouse.dim_provider
        UNION ALL SELECT 'e', count(*), max(updated_at) FROM warehouse.dim_enrollment
        UNION ALL SELECT 'g', count(*), NULL FROM warehouse.dim_geography`,
    );
    expect(after).to.deep.equal(before);
  });
});
