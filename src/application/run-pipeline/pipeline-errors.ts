import { QualityRunLike } from '../ports/pipeline-stages.port';

/** A seed set whose as_of is not after what the warehouse already holds. */
export class OutOfOrderSeedSetError extends Error {
  constructor(folder: string, asOf: Date, latestAsOf: Date, latestLoadId: number) {
    super(
      `Seed set ${folder} has as_of ${asOf.toISOString()}, not after ${latestAsOf.toISOString()} already loaded by batch ${latestLoadId}; seed sets load in as_of order.`,
    );
    this.name = 'OutOfOrderSeedSetError';
  }
}

/** A full load asked of a warehouse that already holds data. */
export class WarehouseNotEmptyError extends Error {
  constructor(folder: string) {
    super(
      `The warehouse already holds loaded batches; a full load of ${folder} would mix histories. Use --reset to rebuild it from scratch, or --mode incremental to add newer seed sets.`,
    );
    this.name = 'WarehouseNotEmptyError';
  }
}

/** Checks of severity error failed: the batch is rolled back and its findings saved. */
export class QualityGateError extends Error {
  constructor(readonly run: QualityRunLike) {
    super(`Data-quality checks of severity error failed: ${run.summary.errorFailures.join(', ')}`);
    this.name = 'QualityGateError';
  }
}
