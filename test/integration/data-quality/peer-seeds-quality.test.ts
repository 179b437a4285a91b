import { expect } from 'chai';
import { resolve } from 'node:path';
import { QualityRun } from '../../../src/application/check-quality/quality-run';
import { AddBatchGeography } from '../../../src/application/load-dimensions/add-batch-geography';
import { LoadDimensionsService } from '../../../src/application/load-dimensions/load-dimensions.service';
import { PopulateDateDimensionService } from '../../../src/application/load-dimensions/populate-date-dimension.service';
import { LoadClaimFactsService } from '../../../src/application/load-facts/load-claim-facts.service';
import { LoadEnrollmentFactsService } from '../../../src/application/load-facts/load-enrollment-facts.service';
import { LoadFactsService } from '../../../src/application/load-facts/load-facts.service';
import { BatchContext } from '../../../src/application/run-pipeline/batch-context';
import { StageResult } from '../../../src/application/run-pipeline/stage-results';
import { StageSeedSetService } from '../../../src/application/stage-seed-set/stage-seed-set.service';
import { ENTITIES } from '../../../src/infrastructure/persistence/entities';
import { SqlLoadBatchRepository } from '../../../src/infrastructure/persistence/load-batch.repository';
import { createScd2Repositories } from '../../../src/infrastructure/persistence/scd2-repositories';
import { FsSeedSetSource } from '../../../src/infrastructure/seed-set/fs-seed-set-source';
import { describeOnEngines } from '../../support/test-database';
import { qualityService, silentLogger } from './quality-test-kit';

const PEER_SEEDS = resolve(__dirname, '../../../../shared/peer-seeds');
// The folder's latest date of birth is 2025-11-03: an earlier as_of would reject members.
const AS_OF = new Date('2025-12-01T00:00:00Z');

/** What a run found, by check name: status and failing count. */
function findings(run: QualityRun): Record<string, [string, number]> {
  return Object.fromEntries(
    run.results.filter((r) => r.status !== 'pass').map((r) => [r.name, [r.status, r.failingCount]]),
  );
}

describeOnEngines('data quality of the peer seed folder', (t) => {
  let loadId: number;
  let inBatch: QualityRun;
  let staged: StageResult;

  before(async () => {
    // The pipeline's order: batch row, then stage → dimensions → facts → quality in one
    // transaction, then the per-file counts recorded on the batch when it ends.
    const source = new FsSeedSetSource();
    const seedSet = await source.open(PEER_SEEDS, { asOf: AS_OF });
    const batches = new SqlLoadBatchRepository(t.db);
    loadId = await batches.start(seedSet, 'full', ['stage', 'dimensions', 'facts', 'quality']);
    const ctx: BatchContext = { loadId, mode: 'full', seedSet, asOf: AS_OF, logger: silentLogger };
    const dimensions = new LoadDimensionsService(
      createScd2Repositories(ENTITIES),
      new PopulateDateDimensionService(),
      new AddBatchGeography(),
    );
    const facts = new LoadFactsService(
      new LoadClaimFactsService(),
      new LoadEnrollmentFactsService(),
    );
    inBatch = await t.db.transaction(async (tx) => {
      staged = await new StageSeedSetService(source, silentLogger).stage(tx, ctx);
      await dimensions.load(tx, ctx);
      await facts.load(tx, ctx);
      const run = await qualityService.run(tx, { loadId, asOf: AS_OF });
      await qualityService.save(tx, run);
      return run;
    });
    await batches.finish(loadId, { status: 'succeeded', files: staged.files, stages: {} });
  });

  it('passes every error check inside the batch: the batch would commit', () => {
    expect(inBatch.results.filter((r) => r.status === 'error')).to.deep.equal([]);
    expect(inBatch.summary.errorFailures).to.deep.equal([]);
    expect(inBatch.skipped).to.deep.equal([]);
  });

  it('reports the known defects of the data as warnings with counts', () => {
    expect(findings(inBatch)).to.deep.equal({
      member_state_is_us_state: ['fail', 292],
      provider_npi_check_digit: ['fail', 100],
    });
    expect(inBatch.summary).to.include({ warned: 2, failed: 0 });
    const states = inBatch.results.find((r) => r.name === 'member_state_is_us_state')!;
    expect(states.observed).to.deep.equal({
      unexpected_values: { VI: 48, FM: 45, PW: 44, MP: 41, PR: 38, AS: 29, GU: 26, MH: 21 },
    });
    // Ids only: the sample carries member_id and nothing else.
    expect(states.sampleKeys).to.deep.equal(
      ['MBR2024000002', 'MBR2024000010', 'MBR2024000018', 'MBR2024000044', 'MBR2024000049'].map(
        (member_id) => ({ member_id }),
      ),
    );
    const npis = inBatch.results.find((r) => r.name === 'provider_npi_check_digit')!;
    expect(npis.sampleKeys).to.deep.equal(
      ['PRV00001', 'PRV00002', 'PRV00003', 'PRV00004', 'PRV00005'].map((provider_id) => ({
        provider_id,
      })),
    );
  });

  it('reconciles every staged claim with the fact, to the cent', () => {
    const paid = inBatch.results.find((r) => r.name === 'batch_claims_paid_reconcile')!;
    expect(paid.status).to.equal('pass');
    expect(paid.observed).to.include({ source_rows: 5187, target_rows: 5187 });
    expect(paid.observed?.source_paid_amount).to.equal(paid.observed?.target_paid_amount);
    const files = inBatch.results.find((r) => r.name === 'batch_file_lines_reconcile')!;
    // Inside the transaction the pipeline has not recorded the per-file counts yet.
    expect(files.observed).to.include({ files_checked: 0, files_without_counts: 5 });
  });

  it('saved the findings of the batch in etl.dq_result', async () => {
    const rows = await t.db.query<{ status: string; n: number }>(
      `SELECT status, count(*) AS n FROM etl.dq_result WHERE load_id = $1 GROUP BY status ORDER BY status`,
      [loadId],
    );
    expect(rows).to.deep.equal([
      { status: 'fail', n: 2 },
      { status: 'pass', n: inBatch.results.length - 2 },
    ]);
  });

  it('reconciles the recorded file lines once the batch has ended (npm run dq)', async () => {
    const run = await qualityService.run(t.db, { loadId });
    const files = run.results.find((r) => r.name === 'batch_file_lines_reconcile')!;
    const read = staged.files.reduce((sum, f) => sum + f.read, 0);
    expect(files.status).to.equal('pass');
    expect(files.observed).to.include({ files_checked: 5, files_without_counts: 0, read });
    expect(read).to.equal(2000 + 20 + 101 + 1727 + 5187);
    // Measured against now() outside a load, data as of 2025-12-01 is no longer fresh.
    expect(findings(run)).to.deep.equal({
      member_state_is_us_state: ['fail', 292],
      provider_npi_check_digit: ['fail', 100],
      ...(Date.now() - AS_OF.getTime() > 31 * 86_400_000 ? { warehouse_fresh: ['fail', 1] } : {}),
    });
  });
});
