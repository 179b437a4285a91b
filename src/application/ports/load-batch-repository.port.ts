import { SeedSet } from '../../domain/seed-set/seed-set';
import { SqlSession } from './sql-database.port';
import { LoadMode } from '../run-pipeline/batch-context';
import { FileStageCounts } from '../run-pipeline/stage-results';

export type BatchStatus = 'running' | 'succeeded' | 'failed' | 'skipped';

/** A row of etl.load_batch as the pipeline needs it. */
export interface LoadBatchRecord {
  readonly loadId: number;
  readonly asOf: Date;
  readonly mode: LoadMode;
  readonly source: string;
  readonly status: BatchStatus;
  /** sha256 per file name. */
  readonly checksums: Readonly<Record<string, string>>;
  /** Stages the batch was asked to run; a seed set counts as loaded only when all ran. */
  readonly requestedStages: readonly string[];
  readonly error: string | null;
}

export interface BatchOutcome {
  readonly status: Exclude<BatchStatus, 'running'>;
  readonly files: readonly FileStageCounts[];
  readonly stages: Readonly<Record<string, unknown>>;
  readonly error?: string;
}

/** The audit trail of load batches (etl.load_batch). Writes are autocommitted, outside batch transactions. */
export interface LoadBatchRepository {
  start(seedSet: SeedSet, mode: LoadMode, requestedStages: readonly string[]): Promise<number>;
  finish(loadId: number, outcome: BatchOutcome): Promise<void>;
  /**
   * Records the staged file counts inside the batch transaction (`session`), so the
   * data-quality gate can reconcile file lines before the batch commits.
   */
  recordFiles(
    session: SqlSession,
    loadId: number,
    files: readonly FileStageCounts[],
  ): Promise<void>;
  /** The succeeded batch with the latest as_of that ran every stage, if any. */
  latestLoaded(): Promise<LoadBatchRecord | null>;
  /** A succeeded, complete batch that read exactly these file checksums. */
  findLoadedWithChecksums(
    checksums: Readonly<Record<string, string>>,
  ): Promise<LoadBatchRecord | null>;
  /** Marks batches left `running` by a killed process as failed; call only while holding the run lock. */
  failAbandoned(reason: string): Promise<number>;
  /** Whether any batch ever succeeded. */
  hasLoadedData(): Promise<boolean>;
}

export const LOAD_BATCH_REPOSITORY = Symbol('LoadBatchRepository');
