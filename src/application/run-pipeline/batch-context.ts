import { SeedSet } from '../../domain/seed-set/seed-set';
import { Logger } from '../ports/logger.port';

export type LoadMode = 'full' | 'incremental';

/** What every stage of one load batch knows about it. */
export interface BatchContext {
  readonly loadId: number;
  readonly mode: LoadMode;
  readonly seedSet: SeedSet;
  /** The seed set's as_of: SCD2 versions of this batch are valid from it. */
  readonly asOf: Date;
  /** Child logger carrying `load_id`. */
  readonly logger: Logger;
}
