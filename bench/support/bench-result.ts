import type { CubeLatency } from './cube-latency';
import type { EngineInfo, MachineInfo } from './machine';
import type { PlainInsertTiming } from './plain-insert';
import type { RawCopyTiming } from './raw-copy';
import type { EngineName } from './scratch-database';
import type { StatementTiming } from './timed-sql-database';

/** The batch a figure belongs to; `seed` is generation, before any engine. */
export type BenchBatch = 'seed' | 'full' | 'incremental';

/** One timed step: a pipeline stage, generation, the pipeline as a whole or the cube queries. */
export interface StageFigure {
  readonly batch: BenchBatch;
  readonly stage: string;
  readonly seconds: number;
  readonly rows: number;
  /** What `rows` counts, e.g. "lines read from the five files". */
  readonly rowsMean: string;
  readonly rowsPerSecond: number;
  /** Peak RSS of the Node process during the step, in MB (10^6 bytes). */
  readonly peakRssMB: number;
  /** CPU seconds of the Node process (all threads; on PGlite the engine's too) during the step. */
  readonly nodeCpuSeconds: number;
  /** CPU seconds of the PostgreSQL backend during the step (a server on this host only). */
  readonly serverCpuSeconds?: number;
  /** 1-minute load average at the end of the step (other jobs on the machine). */
  readonly loadAverage: number;
  /** The physical limit measured in the same run on the same data, when the stage has one. */
  readonly limit?: {
    readonly name: string;
    readonly seconds: number;
    readonly rows: number;
    /** Node + backend CPU seconds of the limit. */
    readonly cpuSeconds?: number;
  };
  /** seconds / limit.seconds. */
  readonly ratio?: number;
  /**
   * (Node + backend CPU) / the limit's: steadier than the wall ratio when other jobs share
   * the machine (backend parallel workers are not counted).
   */
  readonly cpuRatio?: number;
  /** The slowest statements of the stage (up to five). */
  readonly slowestStatements?: readonly StatementTiming[];
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface EngineResult {
  readonly engine: EngineName;
  readonly info: EngineInfo;
  readonly stages: readonly StageFigure[];
  readonly limits: {
    readonly rawCopy: {
      readonly full: readonly RawCopyTiming[];
      readonly incremental: readonly RawCopyTiming[];
    };
    readonly plainInsert: readonly PlainInsertTiming[];
    /** fact_claim's rows again, its indexes dropped first and built after (as a first load). */
    readonly plainInsertIndexesAfter: PlainInsertTiming;
  };
  readonly cube: CubeLatency;
  /** Peak RSS over everything this engine ran, in MB. */
  readonly peakRssMB: number;
}

export interface TargetCheck {
  readonly name: string;
  readonly engine?: EngineName;
  readonly target: string;
  readonly measured: string;
  /** null: not applicable at this scale or not measured. */
  readonly met: boolean | null;
}

export interface BenchResult {
  readonly benchmark: 'aca-warehouse pipeline';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly command: string;
  readonly machine: MachineInfo & {
    /** The installed PGlite package, and the PostgreSQL server's version when it ran. */
    readonly versions: { readonly pglite: string; readonly postgres?: string };
    readonly loadAverageStart: readonly number[];
    readonly loadAverageEnd: readonly number[];
  };
  readonly scale: {
    readonly members: number;
    readonly providers: number;
    readonly plans: number;
    readonly years: number;
    readonly claimsPerMemberYear: number;
    readonly incremental: Readonly<Record<string, number>>;
    /** Data rows per file of each seed set. */
    readonly rows: Readonly<Record<'full' | 'incremental', Readonly<Record<string, number>>>>;
    readonly bytes: Readonly<Record<'full' | 'incremental', number>>;
  };
  readonly generate: readonly StageFigure[];
  readonly engines: readonly EngineResult[];
  readonly skippedEngines: ReadonlyArray<{ readonly engine: EngineName; readonly reason: string }>;
  readonly targets: readonly TargetCheck[];
  /** Peak RSS of the process over the whole run, in MB. */
  readonly peakRssMB: number;
}
