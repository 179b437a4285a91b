/**
 * Staging throughput against the physical limit.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
 *     npx ts-node bench/staging.bench.ts <claims.csv> [--runs 3] [--json out.json]
 *
 * Creates a private scratch database on the server of DATABASE_URL, migrates it, and times
 * (best of --runs, each in its own transaction):
 * - raw COPY: the file piped as is into an UNLOGGED all-text table created in the same
 *   transaction (COPY … FORMAT csv, HEADER, FREEZE, as staging's COPY): what PostgreSQL
 *   alone can ingest, the floor for any loader (bench/support/raw-copy.ts, shared with
 *   bench/run-bench.ts);
 * - staging: SeedFileStager on the same file (read + sha256 check, tokenize, type,
 *   COPY into the typed staging.claims, rejects, duplicate/conflict counts, reconciliation);
 * - parse only: the staging hot path without a database (tokenize, type, encode COPY rows).
 * Prints rows/s, the ratio staging / raw COPY (target ≤ 2) and the process's RSS, sampled
 * during staging (target: flat, independent of file size). Not a test: numbers depend on
 * the machine.
 */
import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CopyChunkWriter } from '../src/application/stage-seed-set/copy-chunk-writer';
import { SeedFileStager } from '../src/application/stage-seed-set/seed-file-stager';
import { StagingRowEncoder } from '../src/application/stage-seed-set/staging-row-encoder';
import { SqlDatabase, SqlSession } from '../src/application/ports/sql-database.port';
import { CLAIMS_FILE } from '../src/domain/seed-contract';
import { CsvRecord, CsvTokenizer } from '../src/domain/staging/csv-tokenizer';
import { mapHeader } from '../src/domain/staging/header-mapping';
import { RecordTyper } from '../src/domain/staging/record-typer';
import {
  describeSeedFile,
  FsSeedSetSource,
} from '../src/infrastructure/seed-set/fs-seed-set-source';
import { copyRawFile, headerFields } from './support/raw-copy';
import { RssSampler } from './support/rss-sampler';
import { openScratchDatabase } from './support/scratch-database';
import { SILENT_LOGGER } from './support/silent-logger';
import { median, processCpu, toMiB } from './support/timing';

interface Timing {
  readonly seconds: number;
  readonly rows: number;
  /** CPU seconds of this process and of the PostgreSQL backend (NaN if not on this host). */
  readonly nodeCpu: number;
  readonly serverCpu: number;
}

interface Args {
  readonly claims: string;
  readonly runs: number;
  readonly json?: string;
}

function parseArgs(argv: readonly string[]): Args {
  let claims: string | undefined;
  let runs = 3;
  let json: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs') runs = Number(argv[++i]);
    else if (arg === '--json') json = argv[++i];
    else if (arg !== undefined && !arg.startsWith('--')) claims = arg;
  }
  if (!claims || !Number.isInteger(runs) || runs < 1) {
    throw new Error('usage: bench/staging.bench.ts <claims.csv> [--runs N] [--json out.json]');
  }
  return { claims: resolve(claims), runs, ...(json ? { json: resolve(json) } : {}) };
}

/**
 * Wall time of `work` (which runs in one transaction and reports its backend pid), with the
 * CPU time of this process and of that backend: on a busy machine wall times scatter, CPU
 * seconds much less.
 */
async function timed(db: SqlDatabase, work: (tx: SqlSession) => Promise<number>): Promise<Timing> {
  return db.transaction(async (tx) => {
    const [backend] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = backend?.pid ?? -1;
    const serverBefore = await processCpu(pid);
    const nodeBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    const rows = await work(tx);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const node = process.cpuUsage(nodeBefore);
    return {
      seconds,
      rows,
      nodeCpu: (node.user + node.system) / 1e6,
      serverCpu: (await processCpu(pid)) - serverBefore,
    };
  });
}

async function timedLocal(work: () => Promise<number>): Promise<Timing> {
  const nodeBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const rows = await work();
  const node = process.cpuUsage(nodeBefore);
  return {
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    rows,
    nodeCpu: (node.user + node.system) / 1e6,
    serverCpu: 0,
  };
}

function best(timings: readonly Timing[]): Timing {
  return timings.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

async function parseOnly(path: string): Promise<number> {
  const tokenizer = new CsvTokenizer({ file: 'claims.csv' });
  const writer = new CopyChunkWriter();
  let typer: RecordTyper | undefined;
  let encoder: StagingRowEncoder | undefined;
  let rows = 0;
  const onRecord = (record: CsvRecord): void => {
    if (!typer || !encoder) {
      typer = new RecordTyper(CLAIMS_FILE, mapHeader(CLAIMS_FILE, record.fieldTexts()), new Date());
      encoder = new StagingRowEncoder(1, typer, writer);
      return;
    }
    rows++;
    if (typer.type(record)) encoder.write(record);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    tokenizer.push(chunk as Buffer, onRecord);
    writer.take();
  }
  tokenizer.end(onRecord);
  writer.take();
  return rows;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const scratch = await openScratchDatabase('postgres', {
    prefix: 'aca_bench_staging',
    ...(process.env.DATABASE_URL ? { adminUrl: process.env.DATABASE_URL } : {}),
  });
  const db = scratch.database.db;
  try {
    const file = await describeSeedFile(args.claims, CLAIMS_FILE);
    const source = new FsSeedSetSource();
    const [batch] = await db.query<{ load_id: number }>(
      `INSERT INTO etl.load_batch (as_of, mode, seed_kind, source)
       VALUES (now(), 'full', 'full', $1) RETURNING load_id`,
      [args.claims],
    );
    const loadId = batch?.load_id ?? 1;

    const raw: Timing[] = [];
    const staging: Timing[] = [];
    const parse: Timing[] = [];
    const rss = new RssSampler();
    const rssDuringStaging: number[] = [];
    rss.start();
    for (let run = 0; run < args.runs; run++) {
      await db.execute('DROP TABLE IF EXISTS bench_raw_claims');
      raw.push(
        await timed(db, (tx) => copyRawFile(tx, db.engine, args.claims, 'bench_raw_claims')),
      );
      rss.segment();
      staging.push(
        await timed(db, async (tx) => {
          await tx.execute('TRUNCATE staging.claims');
          await tx.execute('DELETE FROM staging.rejects WHERE load_id = $1', [loadId]);
          const counts = await new SeedFileStager(CLAIMS_FILE, file, {
            tx,
            source,
            logger: SILENT_LOGGER,
            loadId,
            asOf: new Date(),
          }).stage();
          return counts.staged + counts.rejected;
        }),
      );
      rssDuringStaging.push(rss.segment());
      parse.push(await timedLocal(() => parseOnly(args.claims)));
      process.stderr.write(
        `run ${run + 1}: raw ${raw[run]?.seconds.toFixed(2)} s, staging ${staging[run]?.seconds.toFixed(2)} s, parse ${parse[run]?.seconds.toFixed(2)} s\n`,
      );
    }
    const peak = rss.stop();

    const line = (label: string, t: Timing): string =>
      `${label.padEnd(34)} ${t.seconds.toFixed(2).padStart(7)} s  ${Math.round(t.rows / t.seconds)
        .toLocaleString('en-US')
        .padStart(
          11,
        )} rows/s   cpu: node ${t.nodeCpu.toFixed(2)} s, server ${t.serverCpu.toFixed(2)} s`;
    const rawBest = best(raw);
    const stagingBest = best(staging);
    const parseBest = best(parse);
    const seconds = (timings: readonly Timing[]): number[] => timings.map((t) => t.seconds);
    const result = {
      file: args.claims,
      bytes: file.bytes,
      rows: stagingBest.rows,
      columns: (await headerFields(args.claims)).length,
      runs: args.runs,
      rawCopySeconds: rawBest.seconds,
      stagingSeconds: stagingBest.seconds,
      parseOnlySeconds: parseBest.seconds,
      ratio: stagingBest.seconds / rawBest.seconds,
      medianRatio: median(seconds(staging)) / median(seconds(raw)),
      cpu: {
        raw: { node: rawBest.nodeCpu, server: rawBest.serverCpu },
        staging: { node: stagingBest.nodeCpu, server: stagingBest.serverCpu },
        parseOnly: { node: parseBest.nodeCpu },
      },
      // peak RSS of each staging run (flat = memory does not grow with the file)
      rssMiB: {
        min: toMiB(Math.min(...rssDuringStaging)),
        max: toMiB(Math.max(...rssDuringStaging)),
      },
      peakRssMiB: toMiB(peak),
    };
    console.log(
      `claims: ${args.claims} (${toMiB(file.bytes)} MiB, ${result.rows} rows), best of ${args.runs}`,
    );
    console.log(line('raw COPY into all-text table', rawBest));
    console.log(line('staging (typed, validated)', stagingBest));
    console.log(line('parse + type + encode, no database', parseBest));
    console.log(
      `staging / raw COPY: ${result.ratio.toFixed(2)}x best, ${result.medianRatio.toFixed(2)}x median (target <= 2)`,
    );
    console.log(
      `peak RSS per staging run: ${result.rssMiB.min}-${result.rssMiB.max} MiB; peak RSS of the process: ${result.peakRssMiB} MiB`,
    );
    if (args.json) await writeFile(args.json, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await scratch.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
