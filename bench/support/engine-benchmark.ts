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

function figure(
  batch: BatchKind,
  stage: string,
  seconds: number,
  rows: number,
  rowsMean: string,
  recorded: Pick<RecordedStage, 'peakRssBytes' | 'nodeCpuSeconds' | 'loadAverage'>,
  extra: Partial<StageFigure> = {},
): StageFigure {
  return {
    batch,
    stage,
    seconds: round(seconds),
    rows,
    rowsMean,
    rowsPerSecond: seconds > 0 ? Math.round(rows / seconds) : 0,
    peakRssMB: Math.round(recorded.peakRssBytes / MB),
    nodeCpuSeconds: round(recorded.nodeCpuSeconds, 2),
    loadAverage: recorded.loadAverage,
    ...extra,
  };
}

/** The figures of one batch's stages, each with its limit where it has one. */
function batchFigures(run: BatchRun, plainInsert: readonly PlainInsertTiming[]): StageFigure[] {
  const { kind, report } = run;
  const rawSeconds = sum(run.rawCopy.map((r) => r.seconds));
  const rawRows = sum(run.rawCopy.map((r) => r.rows));
  const factLimit = sum(plainInsert.map((p) => p.seconds));
  const figures: StageFigure[] = [];
  for (const recorded of run.recorded) {
    const seconds = report.seconds[recorded.stage] ?? recorded.seconds;
    const slowestStatements = [...recorded.statements]
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 5)
      .map((s) => ({ ...s, seconds: round(s.seconds) }));
    const common = { slowestStatements };
    switch (recorded.stage) {
      case 'stage':
        figures.push(
          figure(
            kind,
            'stage',
            seconds,
            sum(report.files.map((f) => f.read)),
            'lines read (5 files)',
            recorded,
            {
              ...common,
              limit: {
                name: 'raw COPY into all-text tables',
                seconds: round(rawSeconds),
                rows: rawRows,
              },
              ratio: round(seconds / rawSeconds, 2),
            },
          ),
        );
        break;
      case 'dimensions':
        figures.push(
          figure(
            kind,
            'dimensions',
            seconds,
            stagedRows(report, DIMENSION_FILES),
            'staged members, plans, providers',
            recorded,
            {
              ...common,
              details: {
                mergeSeconds: Object.fromEntries(
                  run.merges.map((m) => [m.dimension, round(m.seconds)]),
                ),
                counts: report.dimensions?.dimensions,
              },
            },
          ),
        );
        break;
      case 'facts':
        figures.push(
          figure(
            kind,
            'facts',
            seconds,
            stagedRows(report, FACT_FILES),
            'staged claims and enrollment spans',
            recorded,
            {
              ...common,
              ...(kind === 'full' && plainInsert.length > 0
                ? {
                    limit: {
                      name: 'plain INSERT … SELECT of the written fact rows',
                      seconds: round(factLimit),
                      rows: sum(plainInsert.map((p) => p.rows)),
                    },
                    ratio: round(seconds / factLimit, 2),
                  }
                : {}),
              details: { ...report.facts, touchedMonths: report.facts?.touchedMonths.length },
            },
          ),
        );
        break;
      case 'quality':
        figures.push(
          figure(
            kind,
            'quality',
            seconds,
            stagedRows(report),
            'staged rows of the batch',
            recorded,
            {
              ...common,
              details: { ...report.quality },
            },
          ),
        );
        break;
      case 'marts':
        figures.push(
          figure(
            kind,
            'marts',
            seconds,
            stagedRows(report, ['claims.csv']),
            'staged claims of the batch',
            recorded,
            {
              ...common,
              details: {
                refreshed: report.marts?.refreshed.map((r) => ({
                  ...r,
                  seconds: round(r.seconds),
                })),
              },
            },
          ),
        );
        break;
      default:
        figures.push(figure(kind, recorded.stage, seconds, 0, 'n/a', recorded, common));
    }
  }
  figures.push(
    figure(
      kind,
      'pipeline',
      run.wallSeconds,
      sum(report.files.map((f) => f.read)),
      'lines read (5 files)',
      {
        peakRssBytes: run.peakRssBytes,
        nodeCpuSeconds: run.nodeCpuSeconds,
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
    const recorder = new StageRecorder(ctx.rss, statements);
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
    ctx.log(
      `${engine}: plain INSERT … SELECT ${plainInsert.map((p) => `${p.table} ${p.seconds.toFixed(2)} s`).join(', ')}`,
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
        ...batchFigures(full, plainInsert),
        ...batchFigures(incremental, []),
        figure(
          'incremental',
          'cube',
          latency.seconds,
          latency.rows,
          `rows returned by ${ctx.cubeRuns} runs of ${latency.queries.length} queries`,
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
      },
      cube: latency,
      peakRssMB: Math.round(enginePeak / MB),
    };
  } finally {
    await scratch.dispose();
  }
}
