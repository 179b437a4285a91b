import 'reflect-metadata';
import { expect } from 'chai';
import { resolve } from 'node:path';
import { container } from 'tsyringe';
import { AddBatchGeography } from '../../../src/application/load-dimensions/add-batch-geography';
import { LoadDimensionsService } from '../../../src/application/load-dimensions/load-dimensions.service';
import { PopulateDateDimensionService } from '../../../src/application/load-dimensions/populate-date-dimension.service';
import { LoadFactsService } from '../../../src/application/load-facts/load-facts.service';
import { Logger } from '../../../src/application/ports/logger.port';
import { QueryCubeService } from '../../../src/application/query-cube/query-cube.service';
import { RefreshMartsService } from '../../../src/application/refresh-marts/refresh-marts.service';
import { BatchContext } from '../../../src/application/run-pipeline/batch-context';
import { StageSeedSetService } from '../../../src/application/stage-seed-set/stage-seed-set.service';
import { groupingId } from '../../../src/domain/cube';
import { ENTITIES } from '../../../src/infrastructure/persistence/entities';
import { createScd2Repositories } from '../../../src/infrastructure/persistence/scd2-repositories';
import { FsSeedSetSource } from '../../../src/infrastructure/seed-set/fs-seed-set-source';
import { describeOnEngines } from '../../support/test-database';

const PEER_SEEDS = resolve(__dirname, '../../../../shared/peer-seeds');

const silent: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  child: () => silent,
};

describeOnEngines('marts over the peer seed folder, loaded by the real stages', (t) => {
  before(async () => {
    const source = new FsSeedSetSource();
    // The folder's latest date of birth is 2025-11-03: an earlier as_of would reject members.
    const seedSet = await source.open(PEER_SEEDS, { asOf: new Date('2025-12-01T00:00:00Z') });
    const ctx: BatchContext = {
      loadId: 1,
      mode: 'full',
      seedSet,
      asOf: seedSet.asOf,
      logger: silent,
    };
    const dimensions = new LoadDimensionsService(
      createScd2Repositories(ENTITIES),
      new PopulateDateDimensionService(),
      new AddBatchGeography(),
    );
    await t.db.transaction(async (tx) => {
      await new StageSeedSetService(source, silent).stage(tx, ctx);
      await dimensions.load(tx, ctx);
      const facts = await container.resolve(LoadFactsService).load(tx, ctx);
      await new RefreshMartsService().refresh(tx, ctx, facts.touchedMonths);
    });
  });

  it('sums the cube and the member-day table to the fact totals', async () => {
    const [fact] = await t.db.query(
      `SELECT count(*) AS claims, sum(paid_amount)::text AS paid FROM warehouse.fact_claim`,
    );
    const [cube] = await t.db.query(
      `SELECT sum(claims)::bigint AS claims, sum(paid)::text AS paid
         FROM mart.claims_cube WHERE grouping_id = $1`,
      [groupingId(['month'])],
    );
    const [daily] = await t.db.query(
      `SELECT sum(claim_count)::bigint AS claims, sum(paid_amount)::text AS paid
         FROM mart.claims_daily_member`,
    );
    expect(fact.claims).to.equal(5187);
    expect(cube).to.deep.equal(fact);
    expect(daily).to.deep.equal(fact);
  });

  it('counts the member months of fact_enrollment, claim-less members included', async () => {
    const [enrollment] = await t.db.query(
      `SELECT round(sum(warehouse.member_months(start_date,
                      coalesce(end_date, start_date + coverage_days - 1))), 4)::text AS mm,
              round(sum(premium_paid), 2)::text AS premium
         FROM warehouse.fact_enrollment`,
    );
    const [cube] = await t.db.query(
      `SELECT round(sum(member_months), 4)::text AS mm, round(sum(premium), 2)::text AS premium
         FROM mart.claims_cube WHERE grouping_id = $1`,
      [groupingId(['month'])],
    );
    expect(cube).to.deep.equal(enrollment);
  });

  it('answers PMPM by year equal to paid over member months computed from the facts', async () => {
    const expected = await t.db.query<{ year: number; pmpm: string }>(
      `WITH paid AS (
         SELECT extract(year FROM service_date)::integer AS year, sum(paid_amount) AS paid
           FROM warehouse.fact_claim GROUP BY 1
       ),
       months AS (
         SELECT extract(year FROM m)::integer AS year,
                sum(warehouse.member_months(greatest(e.start_date, m::date),
                      least(coalesce(e.end_date, e.start_date + e.coverage_days - 1),
                            (m + interval '1 month')::date - 1))) AS mm
           FROM warehouse.fact_enrollment e,
                generate_series(date_trunc('month', e.start_date::timestamp),
                                date_trunc('month', coalesce(e.end_date, e.start_date + e.coverage_days - 1)::timestamp),
                                interval '1 month') AS m
          GROUP BY 1
       )
       SELECT coalesce(p.year, m.year) AS year,
              round(coalesce(p.paid, 0) / nullif(m.mm, 0), 2)::text AS pmpm
         FROM paid p FULL JOIN months m ON m.year = p.year
        ORDER BY 1`,
    );
    const answer = await new QueryCubeService(t.db).query({ measures: ['pmpm'], by: ['year'] });
    expect(answer.rows).to.deep.equal(expected);
    expect(answer.rows.length).to.be.greaterThan(0);
  });
});
