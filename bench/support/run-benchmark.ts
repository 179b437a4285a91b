import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  FULL_DEFAULTS,
  INCREMENTAL_DEFAULTS,
} from '../../src/application/generate-seed-set/generate-seed-set.options';
import { GenerateResult } from '../../src/application/generate-seed-set/generate-seed-set.service';
import { BenchResult, EngineResult } from './bench-result';
import { benchmarkEngine } from './engine-benchmark';
import { CLAIMS_PER_MEMBER_YEAR, generateSeeds, providersFor } from './generate-seeds';
import { loadAverage, machineInfo, pgliteVersion } from './machine';
import { RssSampler } from './rss-sampler';
import { EngineName } from './scratch-database';
import { checkTargets } from './targets';

export interface BenchOptions {
  readonly members: number;
  /** Engines to run, in this order. */
  readonly engines: readonly EngineName[];
  /** Engines left out, and why (printed with the results). */
  readonly skippedEngines?: ReadonlyArray<{ engine: EngineName; reason: string }>;
  /** The PostgreSQL server to create scratch databases on (DATABASE_URL). */
  readonly adminUrl?: string;
  /** Worker threads of the generator. */
  readonly workers: number;
  /** Timed runs of each cube query. */
  readonly cubeRuns: number;
  /** Mean claims per member-year (12 gives about 10 claims per member over one benefit year). */
  readonly claimsPerMemberYear?: number;
  /** Where to create the folder of the generated seed sets; default the system temp folder. */
  readonly seedDir?: string;
  /** Keep the generated seed sets (and scratch databases) instead of deleting them. */
  readonly keep?: boolean;
  /** Where to write the JSON result. */
  readonly jsonPath?: string;
  /** The command line, recorded in the result. */
  readonly command?: string;
  /** Progress lines (stderr in the CLI). */
  readonly log?: (line: string) => void;
}

const MB = 1e6;
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

const rowsByFile = (result: GenerateResult): Record<string, number> =>
  Object.fromEntries(result.files.map((f) => [f.file, f.rows]));

/**
 * The whole benchmark: generate a full and an incremental seed set, then on each engine the
 * limits and the real pipeline over both, and the cube's query latency; checks the targets,
 * writes the JSON (when `jsonPath` is set) and returns the result. Generated files and scratch
 * databases are deleted at the end unless `keep`.
 */
export async function runBenchmark(options: BenchOptions): Promise<BenchResult> {
  const startedAt = new Date().toISOString();
  const loadAverageStart = loadAverage();
  const rss = new RssSampler();
  rss.start();
  // a fresh folder (inside seedDir when given), the only thing deleted afterwards
  const parent = options.seedDir ?? tmpdir();
  mkdirSync(parent, { recursive: true });
  const seedDir = mkdtempSync(join(parent, 'aca-bench-seeds-'));
  try {
    const scale = {
      members: options.members,
      workers: options.workers,
      claimsPerMemberYear: options.claimsPerMemberYear ?? CLAIMS_PER_MEMBER_YEAR,
    };
    options.log?.(`generating seed sets in ${seedDir}`);
    const { seeds, figures: generate } = await generateSeeds(scale, seedDir);
    for (const g of generate) {
      options.log?.(
        `${g.stage}: ${g.rows.toLocaleString('en-US')} rows in ${g.seconds.toFixed(1)} s`,
      );
    }
    const engines: EngineResult[] = [];
    for (const engine of options.engines) {
      engines.push(
        await benchmarkEngine(engine, seeds, {
          ...(options.adminUrl ? { adminUrl: options.adminUrl } : {}),
          rss,
          cubeRuns: options.cubeRuns,
          keepDatabase: options.keep ?? false,
          log: options.log ?? (() => undefined),
        }),
      );
    }
    const postgres = engines.find((e) => e.engine === 'postgres');
    const partial = {
      benchmark: 'aca-warehouse pipeline' as const,
      startedAt,
      command: options.command ?? '',
      machine: {
        ...machineInfo(),
        versions: {
          pglite: pgliteVersion(),
          ...(postgres ? { postgres: postgres.info.version } : {}),
        },
        loadAverageStart,
        loadAverageEnd: loadAverage(),
      },
      scale: {
        members: options.members,
        providers: providersFor(options.members),
        plans: FULL_DEFAULTS.plans,
        years: 1,
        claimsPerMemberYear: scale.claimsPerMemberYear,
        incremental: {
          changeRate: INCREMENTAL_DEFAULTS.changeRate,
          newMemberRate: INCREMENTAL_DEFAULTS.newMemberRate,
          resendRate: INCREMENTAL_DEFAULTS.resendRate,
          providerChangeRate: INCREMENTAL_DEFAULTS.providerChangeRate,
        },
        rows: { full: rowsByFile(seeds.full), incremental: rowsByFile(seeds.incremental) },
        bytes: {
          full: sum(seeds.full.files.map((f) => f.bytes)),
          incremental: sum(seeds.incremental.files.map((f) => f.bytes)),
        },
      },
      generate,
      engines,
      skippedEngines: options.skippedEngines ?? [],
      peakRssMB: Math.round(rss.stop() / MB),
    };
    const result: BenchResult = {
      ...partial,
      finishedAt: new Date().toISOString(),
      targets: checkTargets(partial),
    };
    if (options.jsonPath) {
      mkdirSync(dirname(options.jsonPath), { recursive: true });
      writeFileSync(options.jsonPath, `${JSON.stringify(result, null, 2)}\n`);
    }
    return result;
  } finally {
    rss.stop();
    if (!options.keep) rmSync(seedDir, { recursive: true, force: true });
  }
}

/**
 * Engines for `--engines` (comma list), or the default: PostgreSQL when DATABASE_URL is set,
 * plus PGlite below 1M members (larger runs take too long and too much memory in WebAssembly;
 * ask for it by name to run it anyway).
 */
export function chooseEngines(
  list: string | undefined,
  members: number,
  databaseUrl: string | undefined,
): { engines: EngineName[]; skipped: Array<{ engine: EngineName; reason: string }> } {
  const skipped: Array<{ engine: EngineName; reason: string }> = [];
  if (list !== undefined) {
    const asked = list
      .split(',')
      .map((e) => e.trim().toLowerCase())
      .filter((e) => e !== '');
    const unknown = asked.filter((e) => e !== 'postgres' && e !== 'pglite');
    if (unknown.length > 0 || asked.length === 0) {
      throw new Error(`--engines takes postgres and/or pglite, got '${list}'`);
    }
    if (asked.includes('postgres') && !databaseUrl) {
      throw new Error(
        '--engines postgres needs DATABASE_URL (a server to create a scratch database on)',
      );
    }
    const engines = [...new Set(asked)] as EngineName[];
    for (const engine of ['postgres', 'pglite'] as const) {
      if (!engines.includes(engine)) skipped.push({ engine, reason: `not in --engines ${list}` });
    }
    return { engines, skipped };
  }
  const engines: EngineName[] = [];
  if (databaseUrl) engines.push('postgres');
  else skipped.push({ engine: 'postgres', reason: 'DATABASE_URL is not set' });
  if (members < 1_000_000) engines.push('pglite');
  else {
    skipped.push({
      engine: 'pglite',
      reason: `left out by default at ${members.toLocaleString('en-US')} members (too slow and too big in WebAssembly memory); --engines pglite runs it anyway`,
    });
  }
  return { engines, skipped };
}
