import { Scd2MergeCounts } from '../ports/scd2-repository.port';
import { DimensionsResult } from '../run-pipeline/stage-results';

/** Counts of one dimension in a batch: the merge, plus the inferred rows the stage added. */
export interface DimensionLoadCounts extends Scd2MergeCounts {
  /** Inferred versions created for keys the batch's staged facts reference but nobody delivered. */
  readonly inferred: number;
}

/** The dimension stage's report (a DimensionsResult with the extra counts). */
export interface LoadDimensionsResult extends DimensionsResult {
  /** dim_geography first, then the SCD2 dimensions in merge order. */
  readonly dimensions: readonly DimensionLoadCounts[];
  /** Days warehouse.dim_date gained (0 once the configured range is in place). */
  readonly datesAdded: number;
}
