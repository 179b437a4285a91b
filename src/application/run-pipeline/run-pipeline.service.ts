import { inject, injectable } from 'tsyringe';
import { SeedSet } from '../../domain/seed-set/seed-set';
import { LOAD_BATCH_REPOSITORY, LoadBatchRepository } from '../ports/load-batch-repository.port';
import { LOGGER, Logger } from '../ports/logger.port';
import {
  CHECK_QUALITY,
  CheckQualityStage,
  LOAD_DIMENSIONS,
  LOAD_FACTS,
  LoadDimensionsStage,
  LoadFactsStage,
  QualityRunLike,
  REFRESH_MARTS,
  RefreshMartsStage,
  STAGE_SEED_SET,
  StageSeedSetStage,
} from '../ports/pipeline-stages.port';
import { PROGRESS_REPORTER, ProgressReporter } from '../ports/progress.port';
import { RUN_LOCK, RunLock } from '../ports/run-lock.port';
import { SEED_SET_SOURCE, SeedSetSource } from '../ports/seed-set-source.port';
import { SQL_DATABASE, SqlDatabase, SqlSession } from '../ports/sql-database.port';
import { WAREHOUSE_ADMIN, WarehouseAdmin } from '../ports/warehouse-admin.port';
import { BatchContext, LoadMode } from './batch-context';
import { BatchReport, PipelineReport } from './batch-report';
import {
  OutOfOrderSeedSetError,
  QualityGateError,
  WarehouseNotEmptyError,
} from './pipeline-errors';
import { PIPELINE_STAGES, PipelineOptions, PipelineStage } from './pipeline-options';
import {
  DimensionsResult,
  FactsResult,
  FileStageCounts,
  MartsResult,
  QualityResult,
} from './stage-results';

interface MutableBatch {
  files: readonly FileStageCounts[];
  dimensions?: DimensionsResult;
  facts?: FactsResult;
  quality?: QualityResult;
  marts?: MartsResult;
  seconds: Record<string, number>;
  stageDetails: Record<string, unknown>;
}

/**
 * extract → stage → dimensions → facts → data quality → marts, one transaction per seed set:
 * a batch either commits whole or leaves nothing visible, and the next run redoes it.
 */
@injectable()
export class RunPipelineService {
  constructor(
    @inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @inject(SEED_SET_SOURCE) private readonly seedSets: SeedSetSource,
    @inject(LOAD_BATCH_REPOSITORY) private readonly batches: LoadBatchRepository,
    @inject(RUN_LOCK) private readonly lock: RunLock,
    @inject(WAREHOUSE_ADMIN) private readonly admin: WarehouseAdmin,
    @inject(STAGE_SEED_SET) private readonly stager: StageSeedSetStage,
    @inject(LOAD_DIMENSIONS) private readonly dimensions: LoadDimensionsStage,
    @inject(LOAD_FACTS) private readonly facts: LoadFactsStage,
    @inject(CHECK_QUALITY) private readonly quality: CheckQualityStage,
    @inject(REFRESH_MARTS) private readonly marts: RefreshMartsStage,
    @inject(PROGRESS_REPORTER) private readonly progress: ProgressReporter,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  async run(options: PipelineOptions): Promise<PipelineReport> {
    const release = await this.lock.acquire({ wait: options.wait ?? false });
    try {
      if (options.reset) {
        this.logger.warn('rebuilding the warehouse from scratch (--reset)');
        await this.admin.reset();
      } else {
        const applied = await this.admin.migrate();
        if (applied.length > 0) this.logger.info('migrations applied', { migrations: applied });
      }
      const abandoned = await this.batches.failAbandoned(
        'the process running this batch ended before it finished (killed or crashed); the batch was rolled back',
      );
      if (abandoned > 0)
        this.logger.warn('marked abandoned batches as failed', { batches: abandoned });

      const stages = options.stages ?? [...PIPELINE_STAGES];
      const folders =
        options.mode === 'full' ? [options.source] : await this.incrementalSources(options.source);
      const reports: BatchReport[] = [];
      for (const folder of folders) {
        const report = await this.runSeedSet(folder, options, stages);
        reports.push(report);
        // Later seed sets build on this one: stop at the first failure.
        if (report.status === 'failed') break;
      }
      if (folders.length === 0) this.logger.info('no seed set to load', { source: options.source });
      return { batches: reports };
    } finally {
      await release();
    }
  }

  /** The seed sets of a folder (or the folder itself) newer than the last loaded batch, in as_of order. */
  private async incrementalSources(source: string): Promise<string[]> {
    const folders = await this.seedSets.listSeedSets(source);
    return folders.length > 0 ? folders : [source];
  }

  private async runSeedSet(
    folder: string,
    options: PipelineOptions,
    stages: readonly PipelineStage[],
  ): Promise<BatchReport> {
    const seedSet = await this.seedSets.open(folder, options.asOf ? { asOf: options.asOf } : {});
    const checksums = Object.fromEntries(seedSet.files.map((f) => [f.name, f.sha256]));
    const loaded = await this.batches.findLoadedWithChecksums(checksums);
    if (loaded) {
      this.logger.info('seed set already loaded with the same checksums; skipping', {
        source: folder,
        load_id: loaded.loadId,
      });
      return {
        loadId: loaded.loadId,
        source: folder,
        asOf: seedSet.asOf,
        status: 'skipped',
        files: [],
        seconds: {},
      };
    }
    if (options.mode === 'full' && !options.reset && (await this.batches.hasLoadedData())) {
      throw new WarehouseNotEmptyError(folder);
    }
    const latest = await this.batches.latestLoaded();
    if (latest && seedSet.asOf.getTime() <= latest.asOf.getTime()) {
      throw new OutOfOrderSeedSetError(folder, seedSet.asOf, latest.asOf, latest.loadId);
    }
    return this.runBatch(seedSet, options.mode, stages);
  }

  private async runBatch(
    seedSet: SeedSet,
    mode: LoadMode,
    stages: readonly PipelineStage[],
  ): Promise<BatchReport> {
    const loadId = await this.batches.start(seedSet, mode, stages);
    const logger = this.logger.child({ load_id: loadId });
    const ctx: BatchContext = { loadId, mode, seedSet, asOf: seedSet.asOf, logger };
    const batch: MutableBatch = { files: [], seconds: {}, stageDetails: {} };
    logger.info('batch started', {
      source: seedSet.folder,
      as_of: seedSet.asOf.toISOString(),
      seed_kind: seedSet.kind,
      mode,
      stages,
    });
    this.progress.batchStarted(loadId, seedSet.folder, stages);
    try {
      await this.db.transaction((tx) => this.runStages(tx, ctx, stages, batch));
      await this.batches.finish(loadId, {
        status: 'succeeded',
        files: batch.files,
        stages: this.stageRecord(stages, batch),
      });
      logger.info('batch succeeded', { seconds: batch.seconds });
      return { loadId, source: seedSet.folder, asOf: seedSet.asOf, status: 'succeeded', ...batch };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof QualityGateError) {
        // The batch rolled back; its findings must survive it.
        await this.quality.save(this.db, error.run);
      }
      await this.batches.finish(loadId, {
        status: 'failed',
        files: batch.files,
        stages: this.stageRecord(stages, batch),
        error: message,
      });
      logger.error('batch failed; nothing of it is visible', { error: message });
      return {
        loadId,
        source: seedSet.folder,
        asOf: seedSet.asOf,
        status: 'failed',
        error: message,
        ...batch,
      };
    } finally {
      this.progress.batchFinished();
    }
  }

  private async runStages(
    tx: SqlSession,
    ctx: BatchContext,
    stages: readonly PipelineStage[],
    batch: MutableBatch,
  ): Promise<void> {
    const wants = (s: PipelineStage): boolean => stages.includes(s);
    const staged = await this.timed('stage', batch, () => this.stager.stage(tx, ctx));
    batch.files = staged.files;
    await this.batches.recordFiles(tx, ctx.loadId, staged.files);
    if (wants('dimensions'))
      batch.dimensions = await this.timed('dimensions', batch, () => this.dimensions.load(tx, ctx));
    if (wants('facts'))
      batch.facts = await this.timed('facts', batch, () => this.facts.load(tx, ctx));
    if (wants('quality')) {
      const run: QualityRunLike = await this.timed('quality', batch, () =>
        this.quality.run(tx, { loadId: ctx.loadId, asOf: ctx.asOf }),
      );
      batch.quality = run.summary;
      if (run.summary.errorFailures.length > 0) throw new QualityGateError(run);
      await this.quality.save(tx, run);
    }
    if (wants('marts')) {
      const months = batch.facts?.touchedMonths ?? [];
      batch.marts = await this.timed('marts', batch, () => this.marts.refresh(tx, ctx, months));
    }
  }

  private async timed<R>(
    stage: PipelineStage,
    batch: MutableBatch,
    work: () => Promise<R>,
  ): Promise<R> {
    const started = process.hrtime.bigint();
    const result = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    batch.seconds[stage] = Math.round(seconds * 1000) / 1000;
    batch.stageDetails[stage] = result;
    this.progress.stageFinished(stage, seconds);
    return result;
  }

  private stageRecord(
    requested: readonly PipelineStage[],
    batch: MutableBatch,
  ): Record<string, unknown> {
    const record: Record<string, unknown> = { requested };
    for (const [stage, seconds] of Object.entries(batch.seconds)) {
      const detail = batch.stageDetails[stage];
      record[stage] = {
        seconds,
        ...(stage === 'stage' || stage === 'quality' ? {} : (detail as object)),
      };
    }
    if (batch.quality) record.quality = { seconds: batch.seconds.quality, ...batch.quality };
    return record;
  }
}
