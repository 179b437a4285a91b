import { inject, injectable } from 'tsyringe';
import { LoadDimensionsStage } from '../ports/pipeline-stages.port';
import {
  SCD2_REPOSITORIES,
  Scd2Batch,
  Scd2MergeCounts,
  Scd2RepositoryPort,
} from '../ports/scd2-repository.port';
import { SqlSession } from '../ports/sql-database.port';
import { BatchContext } from '../run-pipeline/batch-context';
import { AddBatchGeography } from './add-batch-geography';
import { DimensionLoadCounts, LoadDimensionsResult } from './load-dimensions-result';
import { PopulateDateDimensionService } from './populate-date-dimension.service';

/**
 * Dimension stage of a load batch, inside the batch transaction, after staging:
 * 1. dim_date covers the configured years; dim_geography gains the batch's (state, region) pairs
 *    (members read their geography_sk from it);
 * 2. every SCD2 dimension merges its staged rows (last row per natural key by source_line);
 * 3. then inferred versions for the keys staged claims and enrollments reference but no
 *    dimension has — after all merges, so a key delivered in the same batch is never inferred —
 *    and the fact loader can rely on every key resolving.
 * Seed sets arrive in as_of order (the pipeline refuses older ones; the repositories too).
 */
@injectable()
export class LoadDimensionsService implements LoadDimensionsStage {
  constructor(
    @inject(SCD2_REPOSITORIES) private readonly repositories: readonly Scd2RepositoryPort<object>[],
    @inject(PopulateDateDimensionService) private readonly dates: PopulateDateDimensionService,
    @inject(AddBatchGeography) private readonly geography: AddBatchGeography,
  ) {}

  async load(tx: SqlSession, ctx: BatchContext): Promise<LoadDimensionsResult> {
    const batch: Scd2Batch = { loadId: ctx.loadId, asOf: ctx.asOf };
    const datesAdded = await this.dates.populate(tx);
    const geography = await this.geography.add(tx, ctx.loadId);

    const merged: Scd2MergeCounts[] = [];
    for (const repository of this.repositories) {
      merged.push(await repository.mergeStaged(tx, batch));
    }
    const dimensions: DimensionLoadCounts[] = [geography];
    for (const [i, repository] of this.repositories.entries()) {
      const inferred = await repository.inferReferenced(tx, batch);
      dimensions.push({ ...(merged[i] as Scd2MergeCounts), inferred });
    }

    ctx.logger.info('dimensions loaded', {
      dates_added: datesAdded,
      dimensions: Object.fromEntries(
        dimensions.map(({ dimension, ...counts }) => [dimension, counts]),
      ),
    });
    return { dimensions, datesAdded };
  }
}
