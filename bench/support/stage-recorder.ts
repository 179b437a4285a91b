import { ProgressReporter } from '../../src/application/ports/progress.port';
import {
  Scd2Batch,
  Scd2Key,
  Scd2MergeCounts,
  Scd2RepositoryPort,
  Scd2SourceRow,
} from '../../src/application/ports/scd2-repository.port';
import { SqlSession } from '../../src/application/ports/sql-database.port';
import { loadAverage } from './machine';
import { RssSampler } from './rss-sampler';
import { BackendCpu, StatementLog, StatementTiming } from './timed-sql-database';
import { finite, nodeCpuSince, secondsSince } from './timing';

/** What one pipeline stage cost, as the recorder saw it. */
export interface RecordedStage {
  readonly stage: string;
  /** The pipeline's own measure of the stage. */
  readonly seconds: number;
  readonly peakRssBytes: number;
  /** CPU seconds of this process (all threads) during the stage. */
  readonly nodeCpuSeconds: number;
  /** CPU seconds of the PostgreSQL backend running the batch (when readable). */
  readonly serverCpuSeconds?: number;
  /** 1-minute load average when the stage finished. */
  readonly loadAverage: number;
  readonly statements: readonly StatementTiming[];
}

/**
 * The pipeline's progress port, used to cut the run into stages: at every stage boundary it
 * takes the peak RSS since the last boundary, the process's CPU time and the statements the
 * timed database logged, so each stage gets its own figures without touching its code.
 */
export class StageRecorder implements ProgressReporter {
  private stages: RecordedStage[] = [];
  private cpu = process.cpuUsage();

  constructor(
    private readonly rss: RssSampler,
    private readonly statements: StatementLog,
    private readonly backendCpu?: BackendCpu,
  ) {}

  batchStarted(): void {
    this.rss.segment();
    this.statements.take();
    this.cpu = process.cpuUsage();
  }

  stageFinished(stage: string, seconds: number): void {
    const serverCpuSeconds = finite(this.backendCpu?.lap() ?? NaN);
    this.stages.push({
      stage,
      seconds,
      peakRssBytes: this.rss.segment(),
      nodeCpuSeconds: nodeCpuSince(this.cpu),
      ...(serverCpuSeconds !== undefined ? { serverCpuSeconds } : {}),
      loadAverage: loadAverage()[0],
      statements: this.statements.take(),
    });
    this.cpu = process.cpuUsage();
  }

  batchFinished(): void {}

  /** The stages recorded since the last call. */
  take(): RecordedStage[] {
    const taken = this.stages;
    this.stages = [];
    return taken;
  }
}

/** Seconds each dimension's merge took, by table name, in the order they ran. */
export class MergeTimes {
  private times: Array<{ dimension: string; seconds: number }> = [];

  add(dimension: string, seconds: number): void {
    this.times.push({ dimension, seconds });
  }

  take(): Array<{ dimension: string; seconds: number }> {
    const taken = this.times;
    this.times = [];
    return taken;
  }
}

/** An SCD2 repository that times its merge (the SCD2 targets are per dimension). */
export class TimedScd2Repository<T extends object> implements Scd2RepositoryPort<T> {
  readonly dimension: string;

  constructor(
    private readonly inner: Scd2RepositoryPort<T>,
    private readonly times: MergeTimes,
  ) {
    this.dimension = inner.dimension;
  }

  async mergeStaged(tx: SqlSession, batch: Scd2Batch): Promise<Scd2MergeCounts> {
    const started = process.hrtime.bigint();
    const counts = await this.inner.mergeStaged(tx, batch);
    this.times.add(this.dimension, secondsSince(started));
    return counts;
  }

  mergeRows(
    tx: SqlSession,
    rows: readonly Scd2SourceRow<T>[],
    batch: Scd2Batch,
  ): Promise<Scd2MergeCounts> {
    return this.inner.mergeRows(tx, rows, batch);
  }

  inferReferenced(tx: SqlSession, batch: Scd2Batch): Promise<number> {
    return this.inner.inferReferenced(tx, batch);
  }

  inferKeys(tx: SqlSession, keys: readonly Scd2Key<T>[], batch: Scd2Batch): Promise<number> {
    return this.inner.inferKeys(tx, keys, batch);
  }

  findVersions(tx: SqlSession, key?: Scd2Key<T>): Promise<T[]> {
    return this.inner.findVersions(tx, key);
  }
}
