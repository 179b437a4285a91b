import 'reflect-metadata';
import { join } from 'node:path';
import { GenerateResult } from '../../src/application/generate-seed-set/generate-seed-set.service';
import { PROGRESS_REPORTER } from '../../src/application/ports/progress.port';
import {
  SCD2_REPOSITORIES,
  Scd2RepositoryPort,
} from '../../src/application/ports/scd2-repository.port';
import { SQL_DATABASE, SqlDatabase } from '../../src/application/ports/sql-database.port';
import { QueryCubeService } from '../../src/application/query-cube/query-cube.service';
import { BatchReport } from '../../src/application/run-pipeline/batch-report';
import { RunPipelineService } from '../../src/application/run-pipeline/run-pipeline.service';
import { AppConfig } from '../../src/infrastructure/config/app-config';
import { buildContainer } from '../../src/infrastructure/di/container';
import { EngineResult, StageFigure } from './bench-result';
import { SeedSets } from './generate-seeds';
import { measureCubeLatency, typicalCubeQueries } from './cube-latency';
import { engineInfo, loadAverage } from './machine';
import { plainInsertLimit, PlainInsertTiming } from './plain-insert';
import { rawCopyFile, RawCopyTiming } from './raw-copy';
import { RssSampler } from './rss-sampler';
import { EngineName, openScratchDatabase } from './scratch-database';
import { SILENT_LOGGER } from './silent-logger';
import { MergeTimes, RecordedStage, StageRecorder, TimedScd2Repository } from './stage-recorder';
import { StatementLog, TimedSqlDatabase } from './timed-sql-database';
import { nodeCpuSince, round, secondsSince } from './timing';

export interface EngineRunContext {
  /** The PostgreSQL server to create the scratch database on. */
  readonly adminUrl?: string;
  readonly rss: RssSampler;
  /** Timed runs of each cube query. */
  readonly cubeRuns: number;
  readonly keepDatabase?: boolean;
  readonly log: (line: string) => void;
}

type BatchKind = 'full' | 'incremental';

interface BatchRun {
  readonly kind: BatchKind;
  readonly report: BatchReport;
  readonly recorded: readonly RecordedStage[];
  readonly merges: ReadonlyArray<{ dimension: string; seconds: number }>;
  readonly rawCopy: readonly RawCopyTiming[];
  readonly wallSeconds: number;
  readonly nodeCpuSeconds: number;
  readonly peakRssBytes: number;
}

const MB = 1e6;
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const DIMENSION_FILES = ['members.csv', 'plans.csv', 'providers.csv'];
const FACT_FILES = ['claims.csv', 'enrollments.csv'];

/** Rows of the given files the batch staged. */
function stagedRows(report: BatchReport, files?: readonly string[]): number {
  return sum(report.files.filter((f) => !files || files.includes(f.file)).map((f) => f.staged));
}

type Measured = Pick<
  RecordedStage,
  'peakRssBytes' | 'nodeCpuSeconds' | 'serverCpuSeconds' | 'loadAverage'
>;

/** Node + backend CPU seconds; undefined when the backend's is not known on PostgreSQL. */
function cpuOf(engine: EngineName, m: Pick<RecordedStage, 'nodeCpuSeconds' | 'serverCpuSeconds'>) {
  if (engine === 'pglite') return m.nodeCpuSeconds;
  return m.serverCpuSeconds === undefined ? undefined : m.nodeCpuSeconds + m.serverCpuSeconds;
}

function figure(
  batch: BatchKind,
  stage: string,
  seconds: number,
  rows: { count: number; mean: string },
  measured: Measured,
  extra: Partial<StageFigure> = {},
): StageFigure {
  return {
    batch,
    stage,
    seconds: round(seconds),
    rows: rows.count,
    rowsMean: rows.mean,
    rowsPerSecond: seconds > 0 ? Math.round(rows.count / seconds) : 0,
    peakRssMB: Math.round(measured.peakRssBytes / MB),
    nodeCpuSeconds: round(measured.nodeCpuSeconds, 2),
    ...(measured.serverCpuSeconds !== undefined
      ? { serverCpuSeconds: round(measured.serverCpuSeconds, 2) }
      : {}),
    loadAverage: measured.loadAverage,
    ...extra,
  };
}

type LimitTiming = Pick<RawCopyTiming, 'seconds' | 'rows' | 'nodeCpuSeconds' | 'serverCpuSeconds'>;

/** A stage's limit (the sum of `timings`) and its wall and CPU ratios. */
function limitOf(
  engine: EngineName,
  name: string,
  timings: readonly LimitTiming[],
  seconds: number,
  measured: Measured,
): Partial<StageFigure> {
  const limitSeconds = sum(timings.map((t) => t.seconds));
  const cpus = timings.map((t) => cpuOf(engine, t));
  const limitCpu = cpus.every((c) => c !== undefined) ? sum(cpus as number[]) : undefined;
  const stageCpu = cpuOf(engine, measured);
  return {
    limit: {
      name,
      seconds: round(limitSeconds),
      rows: sum(timings.map((t) => t.rows)),
      ...(limitCpu !== undefined ? { cpuSeconds: round(limitCpu, 2) } : {}),
    },
    ratio: round(seconds / limitSeconds, 2),
    ...(limitCpu !== undefined && stageCpu !== undefined
      ? { cpuRatio: round(stageCpu / limitCpu, 2) }
      : {}),
  };
}

/** The figures of one batch's stages, each with its limit where it has one. */
function batchFigures(
  engine: EngineName,
  run: BatchRun,
  plainInsert: readonly PlainInsertTiming[],
): StageFigure[] {
  const { kind, report } = run;
  const linesRead = { count: sum(report.files.map((f) => f.read)), mean: 'lines read (5 files)' };
  const figures: StageFigure[] = [];
  for (const recorded of run.recorded) {
    const seconds = report.seconds[recorded.stage] ?? recorded.seconds;
    const slowestStatements = [...recorded.statements]
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 5)
      .map((s) => ({ ...s, seconds: round(s.seconds) }));
    const at = (rows: { count: number; mean: string }, extra: Partial<StageFigure> = {}) =>
      figures.push(
        figure(kind, recorded.stage, seconds, rows, recorded, { slowestStatements, ...extra }),
      );
    switch (recorded.stage) {
      case 'stage':
        at(
          linesRead,
          limitOf(engine, 'raw COPY into all-text tables', run.rawCopy, seconds, recorded),
        );
        break;
      case 'dimensions':
        at(
          { count: stagedRows(report, DIMENSION_FILES), mean: 'staged members, plans, providers' },
          {
            details: {
              mergeSeconds: Object.fromEntries(
                run.merges.map((m) => [m.dimension, round(m.seconds)]),
              ),
              counts: report.dimensions?.dimensions,
            },
          },
        );
        break;
      case 'facts':
        at(
          { count: stagedRows(report, FACT_FILES), mean: 'staged claims and enrollment spans' },
          {
            ...(plainInsert.length > 0
              ? limitOf(
                  engine,
                  'plain INSERT … SELECT of the written fact rows',
                  plainInsert,
                  seconds,
                  recorded,
                )
              : {}),
            details: { ...report.facts, touchedMonths: report.facts?.touchedMonths.length },
          },
        );
        break;
      case 'quality':
        at(
          { count: stagedRows(report), mean: 'staged rows of the batch' },
          { details: { ...report.quality } },
        );
        break;
      case 'marts':
        at(
          { count: stagedRows(report, ['claims.csv']), mean: 'staged claims of the batch' },
          {
            details: {
              refreshed: report.marts?.refreshed.map((r) => ({ ...r, seconds: round(r.seconds) })),
            },
          },
        );
        break;
      default:
        at({ count: 0, mean: 'n/a' });
    }
  }
  const servers = run.recorded.map((r) => r.serverCpuSeconds);
  figures.push(
    figure(
      kind,
      'pipeline',
      run.wallSeconds,
      linesRead,
      {
        peakRssBytes: run.peakRssBytes,
        nodeCpuSeconds: run.nodeCpuSeconds,
        ...(servers.every((c) => c !== undefined)
          ? { serverCpuSeconds: sum(servers as number[]) }
          : {}),
        loadAverage: loadAverage()[0],
      },
      { details: { stageSeconds: report.seconds } },
    ),
  );
  return figures;
}

/** Wires the real pipeline to `db` with the recorder and timed repositories in place. */
function wirePipeline(
  scratch: Awaited<ReturnType<typeof openScratchDatabase>>,
  db: SqlDatabase,
  recorder: StageRecorder,
  merges: MergeTimes,
): { pipeline: RunPipelineService; cube: QueryCubeService } {
  const container = buildContainer({
    config: new AppConfig(),
    target: scratch.target,
    database: { db, dataSource: scratch.database.dataSource },
    logger: SILENT_LOGGER,
  });
  container.registerInstance(SQL_DATABASE, db);
  container.registerInstance(PROGRESS_REPORTER, recorder);
  const repositories = container.resolve<Scd2RepositoryPort<object>[]>(SCD2_REPOSITORIES);
  container.registerInstance(
    SCD2_REPOSITORIES,
    repositories.map((r) => new TimedScd2Repository(r, merges)),
  );
  return {
    pipeline: container.resolve(RunPipelineService),
    cube: container.resolve(QueryCubeService),
  };
}

/**
 * One engine, in a scratch database: for each seed set (full, then incremental) the raw COPY
 * limit of its files, then the real pipeline (one transaction per batch, as in production)
 * with every stage timed; after the full batch the plain INSERT … SELECT limit of the facts it
 * wrote; at the end the cube's typical queries.
 */
export async function benchmarkEngine(
  engine: EngineName,
  seeds: SeedSets,
  ctx: EngineRunContext,
): Promise<EngineResult> {
  const scratch = await openScratchDatabase(engine, {
    prefix: 'aca_bench',
    ...(ctx.adminUrl ? { adminUrl: ctx.adminUrl } : {}),
    keep: ctx.keepDatabase ?? false,
  });
  ctx.rss.segment();
  let enginePeak = 0;
  try {
    const raw = scratch.database.db;
    const info = await engineInfo(raw);
    ctx.log(`${engine}: ${info.version}, scratch database ${scratch.location}`);
    const statements = new StatementLog();
    const db = new TimedSqlDatabase(raw, statements);
    const recorder = new StageRecorder(ctx.rss, statements, db.backendCpu);
    const merges = new MergeTimes();
    const { pipeline, cube } = wirePipeline(scratch, db, recorder, merges);

    const runBatch = async (kind: BatchKind, seedSet: GenerateResult): Promise<BatchRun> => {
      const rawCopy: RawCopyTiming[] = [];
      for (const file of seedSet.files) {
        rawCopy.push(await rawCopyFile(raw, join(seedSet.folder, file.file)));
        ctx.log(`${engine} ${kind}: raw COPY ${file.file} ${rawCopy.at(-1)?.seconds.toFixed(2)} s`);
      }
      await raw.execute('CHECKPOINT');
      enginePeak = Math.max(enginePeak, ctx.rss.segment());
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      const result = await pipeline.run({ mode: kind, source: seedSet.folder });
      const wallSeconds = secondsSince(started);
      const report = result.batches.at(-1);
      if (!report || report.status !== 'succeeded') {
        throw new Error(
          `${engine} ${kind} batch ${report?.status ?? 'missing'}: ${report?.error ?? ''}`,
        );
      }
      const recorded = recorder.take();
      const peakRssBytes = Math.max(ctx.rss.segment(), ...recorded.map((r) => r.peakRssBytes));
      enginePeak = Math.max(enginePeak, peakRssBytes);
      ctx.log(
        `${engine} ${kind}: pipeline ${wallSeconds.toFixed(1)} s (${recorded
          .map((r) => `${r.stage} ${r.seconds.toFixed(1)}`)
          .join(', ')})`,
      );
      return {
        kind,
        report,
        recorded,
        merges: merges.take(),
        rawCopy,
        wallSeconds,
        nodeCpuSeconds: nodeCpuSince(cpu),
        peakRssBytes,
      };
    };

    const full = await runBatch('full', seeds.full);
    const loadId = full.report.loadId;
    const plainInsert = [
      await plainInsertLimit(raw, 'warehouse.fact_claim', {
        where: 'load_id = $1',
        params: [loadId],
        orderBy: 'service_date',
      }),
      await plainInsertLimit(raw, 'warehouse.fact_enrollment', {
        where: 'load_id = $1',
        params: [loadId],
      }),
    ];
    // The full batch loads into an empty fact_claim, and the loader builds its indexes after
    // the rows; the ratio stays against the plain insert under live indexes (the limit of every
    // earlier run), and this second figure shows the same rows written the loader's way.
    const plainInsertIndexesAfter = await plainInsertLimit(raw, 'warehouse.fact_claim', {
      where: 'load_id = $1',
      params: [loadId],
      orderBy: 'service_date',
      indexesAfter: true,
    });
    ctx.log(
      `${engine}: plain INSERT … SELECT ${plainInsert.map((p) => `${p.table} ${p.seconds.toFixed(2)} s`).join(', ')}; ` +
        `fact_claim with its indexes built after the rows ${plainInsertIndexesAfter.seconds.toFixed(2)} s`,
    );
    const incremental = await runBatch('incremental', seeds.incremental);

    ctx.rss.segment();
    const cpu = process.cpuUsage();
    // the month with the most claims, so the one-month question has an answer
    const [busiest] = await raw.query<{ month: string }>(
      `SELECT to_char(month, 'YYYY-MM') AS month
         FROM mart.claims_cube GROUP BY month ORDER BY sum(claims) DESC, month LIMIT 1`,
    );
    const latency = await measureCubeLatency(
      cube,
      typicalCubeQueries(busiest?.month ?? '2024-06'),
      ctx.cubeRuns,
    );
    const cubePeak = ctx.rss.segment();
    enginePeak = Math.max(enginePeak, cubePeak);
    ctx.log(`${engine}: cube p50 ${latency.p50Ms} ms, p95 ${latency.p95Ms} ms`);

    return {
      engine,
      info,
      stages: [
        ...batchFigures(engine, full, plainInsert),
        ...batchFigures(engine, incremental, []),
        figure(
          'incremental',
          'cube',
          latency.seconds,
          {
            count: latency.rows,
            mean: `rows returned by ${ctx.cubeRuns} runs of ${latency.queries.length} queries`,
          },
          {
            peakRssBytes: cubePeak,
            nodeCpuSeconds: nodeCpuSince(cpu),
            loadAverage: loadAverage()[0],
          },
          { details: { p50Ms: latency.p50Ms, p95Ms: latency.p95Ms } },
        ),
      ],
      limits: {
        rawCopy: { full: full.rawCopy, incremental: incremental.rawCopy },
        plainInsert,
        plainInsertIndexesAfter,
      },
      cube: latency,
      peakRssMB: Math.round(enginePeak / MB),
    };
  } finally {
    await scratch.dispose();
  }
}
