import { BatchContext } from '../run-pipeline/batch-context';
import {
  DimensionsResult,
  FactsResult,
  MartsResult,
  QualityResult,
  StageResult,
} from '../run-pipeline/stage-results';
import { SqlSession } from './sql-database.port';

/**
 * The stages of a load batch as the pipeline sees them. Each runs inside the batch
 * transaction it is handed; the composition root binds each token to its service.
 */
export interface StageSeedSetStage {
  stage(tx: SqlSession, ctx: BatchContext): Promise<StageResult>;
}

export interface LoadDimensionsStage {
  load(tx: SqlSession, ctx: BatchContext): Promise<DimensionsResult>;
}

export interface LoadFactsStage {
  load(tx: SqlSession, ctx: BatchContext): Promise<FactsResult>;
}

export interface QualityRunLike {
  readonly summary: QualityResult;
}

export interface CheckQualityStage<R extends QualityRunLike = QualityRunLike> {
  run(session: SqlSession, scope: { loadId: number | null; asOf?: Date }): Promise<R>;
  save(session: SqlSession, run: R): Promise<void>;
}

export interface RefreshMartsStage {
  refresh(
    tx: SqlSession,
    ctx: BatchContext,
    touchedMonths: readonly string[],
  ): Promise<MartsResult>;
}

export const STAGE_SEED_SET = Symbol('StageSeedSetStage');
export const LOAD_DIMENSIONS = Symbol('LoadDimensionsStage');
export const LOAD_FACTS = Symbol('LoadFactsStage');
export const CHECK_QUALITY = Symbol('CheckQualityStage');
export const REFRESH_MARTS = Symbol('RefreshMartsStage');
