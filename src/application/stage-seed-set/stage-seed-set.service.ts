import { inject, injectable } from 'tsyringe';
import { US_STATES } from '../../domain/aca/us-states';
import { SEED_FILES, SeedFileSpec } from '../../domain/seed-contract';
import { SeedSetFile } from '../../domain/seed-set/seed-set';
import { SeedFileError } from '../../domain/staging/seed-file-error';
import { LOGGER, Logger } from '../ports/logger.port';
import { SEED_SET_SOURCE, SeedSetSource } from '../ports/seed-set-source.port';
import { SqlSession } from '../ports/sql-database.port';
import { BatchContext } from '../run-pipeline/batch-context';
import { FileStageCounts, StageResult } from '../run-pipeline/stage-results';
import { checkSeedFile } from './check-seed-file';
import { SeedFileStager } from './seed-file-stager';
import { DELETE_BATCH_REJECTS_SQL, nonUsStatesSql, TRUNCATE_STAGING_SQL } from './staging-sql';

/** Files whose state codes are profiled after staging (reported, never rejected). */
const STATE_PROFILED: ReadonlySet<string> = new Set(['members', 'providers']);

/**
 * Stage: loads the five files of the batch's seed set into staging.* (typed, one row per
 * valid input line) and staging.rejects, inside the batch transaction. Staging holds only
 * the latest batch, so it starts by truncating the staging tables.
 */
@injectable()
export class StageSeedSetService {
  constructor(
    @inject(SEED_SET_SOURCE) private readonly source: SeedSetSource,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  async stage(tx: SqlSession, ctx: BatchContext): Promise<StageResult> {
    const logger = (ctx.logger ?? this.logger).child({ stage: 'stage' });
    // Refuse a broken file before anything is staged, not after its predecessors.
    for (const spec of SEED_FILES) await checkSeedFile(this.source, spec, this.fileOf(ctx, spec));
    await tx.execute(TRUNCATE_STAGING_SQL);
    await tx.execute(DELETE_BATCH_REJECTS_SQL, [ctx.loadId]);
    const files: FileStageCounts[] = [];
    for (const spec of SEED_FILES) {
      const stager = new SeedFileStager(spec, this.fileOf(ctx, spec), {
        tx,
        source: this.source,
        logger,
        loadId: ctx.loadId,
        asOf: ctx.asOf,
      });
      files.push(await stager.stage());
      if (STATE_PROFILED.has(spec.entity)) await this.reportStates(tx, ctx, spec, logger);
    }
    return { files };
  }

  private fileOf(ctx: BatchContext, spec: SeedFileSpec): SeedSetFile {
    const file = ctx.seedSet.files.find((f) => f.entity === spec.entity);
    if (!file) throw new SeedFileError({ file: spec.file }, 'the seed set has no such file');
    return file;
  }

  /** Non-US state codes are a known quirk of some sources: counted here, judged by data quality. */
  private async reportStates(
    tx: SqlSession,
    ctx: BatchContext,
    spec: SeedFileSpec,
    logger: Logger,
  ): Promise<void> {
    const rows = await tx.query<{ state: string; rows: number }>(nonUsStatesSql(spec), [
      ctx.loadId,
      US_STATES.map((s) => s.code),
    ]);
    if (rows.length === 0) return;
    logger.info('state codes that are not US states (kept; data quality reports them)', {
      file: spec.file,
      rows: rows.reduce((sum, r) => sum + r.rows, 0),
      codes: Object.fromEntries(rows.map((r) => [r.state, r.rows])),
    });
  }
}
