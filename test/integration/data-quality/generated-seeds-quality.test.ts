import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QualityRun } from '../../../src/application/check-quality/quality-run';
import {
  FullGenerateOptions,
  GenerateSeedSetOptions,
} from '../../../src/application/generate-seed-set/generate-seed-set.options';
import {
  GenerateResult,
  GenerateSeedSetService,
} from '../../../src/application/generate-seed-set/generate-seed-set.service';
import { AddBatchGeography } from '../../../src/application/load-dimensions/add-batch-geography';
import { LoadDimensionsService } from '../../../src/application/load-dimensions/load-dimensions.service';
import { PopulateDateDimensionService } from '../../../src/application/load-dimensions/populate-date-dimension.service';
import { LoadClaimFactsService } from '../../../src/application/load-facts/load-claim-facts.service';
import { LoadEnrollmentFactsService } from '../../../src/application/load-facts/load-enrollment-facts.service';
import { LoadFactsService } from '../../../src/application/load-facts/load-facts.service';
import { SqlDatabase } from '../../../src/application/ports/sql-database.port';
import { StageSeedSetService } from '../../../src/application/stage-seed-set/stage-seed-set.service';
import { ENTITIES } from '../../../src/infrastructure/persistence/entities';
import { SqlLoadBatchRepository } from '../../../src/infrastructure/persistence/load-batch.repository';
import { createScd2Repositories } from '../../../src/infrastructure/persistence/scd2-repositories';
import { FakerTextPools } from '../../../src/infrastructure/seed-writer/faker-text-pools';
import { FsPreviousSeedSetReader } from '../../../src/infrastructure/seed-writer/fs-previous-seed-set-reader';
import { FsSeedSetWriter } from '../../../src/infrastructure/seed-writer/fs-seed-set-writer';
import { FsSeedSetSource } from '../../../src/infrastructure/seed-set/fs-seed-set-source';
import { describeOnEngines } from '../../support/test-database';
import { qualityService, silentLogger } from './quality-test-kit';

/** The check that reports each business-rule breach the generator's messy mode writes. */
const CHECK_OF_BREACH: Readonly<Record<string, string>> = {
  non_us_state: 'member_state_is_us_state',
  deductible_exceeds_oop_max: 'plan_deductible_within_oop_max',
  invalid_npi_check_digit: 'provider_npi_check_digit',
  paid_exceeds_allowed: 'claim_paid_within_allowed',
  paid_on_denied: 'claim_denied_not_paid',
  allowed_exceeds_billed: 'claim_allowed_within_billed',
};
/** Breaches the contract rejects while staging (a cross-field rule), so no check sees them. */
const REJECTED_BREACHES = ['end_before_start'];

const SMALL: Omit<FullGenerateOptions, 'outDir' | 'messy'> = {
  kind: 'full',
  asOf: new Date('2025-01-01T00:00:00Z'),
  messyRate: 0.02,
  seed: 7,
  members: 300,
  years: 1,
  providers: 40,
  plans: 8,
  claimsPerMemberYear: 6,
  workers: 1,
};

function generate(options: GenerateSeedSetOptions): Promise<GenerateResult> {
  return new GenerateSeedSetService({
    writer: new FsSeedSetWriter(),
    reader: new FsPreviousSeedSetReader(),
    textPools: new FakerTextPools(),
  }).run(options);
}

/** The pipeline's stages for one seed set, the quality run inside the batch transaction. */
async function loadAndCheck(db: SqlDatabase, folder: string): Promise<QualityRun> {
  const source = new FsSeedSetSource();
  const seedSet = await source.open(folder);
  const batches = new SqlLoadBatchRepository(db);
  const loadId = await batches.start(seedSet, 'full', ['stage', 'dimensions', 'facts', 'quality']);
  const ctx = { loadId, mode: 'full' as const, seedSet, asOf: seedSet.asOf, logger: silentLogger };
  const dimensions = new LoadDimensionsService(
    createScd2Repositories(ENTITIES),
    new PopulateDateDimensionService(),
    new AddBatchGeography(),
  );
  const facts = new LoadFactsService(new LoadClaimFactsService(), new LoadEnrollmentFactsService());
  return db.transaction(async (tx) => {
    await new StageSeedSetService(source, silentLogger).stage(tx, ctx);
    await dimensions.load(tx, ctx);
    await facts.load(tx, ctx);
    return qualityService.run(tx, { loadId, asOf: seedSet.asOf });
  });
}

function findings(run: QualityRun): Record<string, number> {
  return Object.fromEntries(
    run.results.filter((r) => r.status !== 'pass').map((r) => [r.name, r.failingCount]),
  );
}

describe('data quality of generated seed sets', () => {
  let root: string;
  let clean: GenerateResult;
  let next: GenerateResult;
  let messy: GenerateResult;

  before(async function () {
    root = mkdtempSync(join(tmpdir(), 'aca-dq-'));
    clean = await generate({ ...SMALL, outDir: join(root, 'clean'), messy: false });
    next = await generate({
      kind: 'incremental',
      outDir: join(root, 'clean'),
      from: clean.folder,
      asOf: new Date('2025-02-01T00:00:00Z'),
      messy: false,
      messyRate: 0,
      changeRate: 0.1,
      resendRate: 0.05,
      newMemberRate: 0.04,
      providerChangeRate: 0.02,
    });
    messy = await generate({ ...SMALL, outDir: join(root, 'messy'), messy: true });
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  describeOnEngines('clean chain', (t) => {
    it('passes every check, error and warn, on a full and then an incremental seed set', async () => {
      for (const seedSet of [clean, next]) {
        const run = await loadAndCheck(t.db, seedSet.folder);
        expect(findings(run), seedSet.folder).to.deep.equal({});
        expect(run.summary.errorFailures).to.deep.equal([]);
      }
    });
  });

  describeOnEngines('messy mode', (t) => {
    it('passes every error check and reports each business-rule breach with its count', async () => {
      const run = await loadAndCheck(t.db, messy.folder);
      expect(run.summary.errorFailures).to.deep.equal([]);
      const expected: Record<string, number> = {};
      for (const report of Object.values(messy.manifest.messy ?? {})) {
        for (const [breach, count] of Object.entries(report.breaches)) {
          if (REJECTED_BREACHES.includes(breach)) continue;
          const check = CHECK_OF_BREACH[breach];
          expect(check, `no check for the breach ${breach}`).to.be.a('string');
          expected[check!] = (expected[check!] ?? 0) + count;
        }
      }
      expect(Object.keys(expected)).to.have.length.greaterThan(3);
      expect(findings(run)).to.deep.equal(expected);
    });
  });
});
