import { fork } from 'node:child_process';
import { join } from 'node:path';
import {
  FULL_DEFAULTS,
  GenerateSeedSetOptions,
  INCREMENTAL_DEFAULTS,
} from '../../src/application/generate-seed-set/generate-seed-set.options';
import type { GenerateResult } from '../../src/application/generate-seed-set/generate-seed-set.service';
import type { StageFigure } from './bench-result';

export const FULL_AS_OF = new Date('2025-01-01T00:00:00Z');
export const INCREMENTAL_AS_OF = new Date('2025-04-01T00:00:00Z');
/** One benefit year at 12 claims per member-year gives about 10 claims per member. */
export const CLAIMS_PER_MEMBER_YEAR = 12;

export interface SeedScale {
  readonly members: number;
  readonly workers: number;
  readonly claimsPerMemberYear: number;
}

export interface SeedSets {
  readonly full: GenerateResult;
  readonly incremental: GenerateResult;
}

/** Providers grow with members (one per 100, at least the generator's default). */
export function providersFor(members: number): number {
  return Math.max(FULL_DEFAULTS.providers, Math.round(members / 100));
}

/** The full seed set (clean, one benefit year before as_of) at `scale`. */
export function fullOptions(scale: SeedScale, outDir: string): GenerateSeedSetOptions {
  return {
    kind: 'full',
    outDir,
    asOf: FULL_AS_OF,
    seed: FULL_DEFAULTS.seed,
    members: scale.members,
    years: 1,
    providers: providersFor(scale.members),
    plans: FULL_DEFAULTS.plans,
    claimsPerMemberYear: scale.claimsPerMemberYear,
    workers: scale.workers,
    messy: false,
    messyRate: 0,
  };
}

/** The next quarter: 10 % of the members changed, 4 % new, their claims (the defaults). */
export function incrementalOptions(from: string, outDir: string): GenerateSeedSetOptions {
  return {
    kind: 'incremental',
    outDir,
    from,
    asOf: INCREMENTAL_AS_OF,
    changeRate: INCREMENTAL_DEFAULTS.changeRate,
    resendRate: INCREMENTAL_DEFAULTS.resendRate,
    newMemberRate: INCREMENTAL_DEFAULTS.newMemberRate,
    providerChangeRate: INCREMENTAL_DEFAULTS.providerChangeRate,
    messy: false,
    messyRate: 0,
  };
}

/** One generated seed set and its figure, as the child process sends it back. */
export interface GeneratedSeedSet {
  readonly result: GenerateResult;
  readonly figure: StageFigure;
}

export interface GenerateRequest {
  readonly scale: SeedScale;
  readonly outDir: string;
  /** The previous seed set's folder: generate an incremental set continuing it. */
  readonly from?: string;
}

/** Generates one seed set in a child process (generate-seeds.child.ts). */
function generateInChild(request: GenerateRequest): Promise<GeneratedSeedSet> {
  const typescript = __filename.endsWith('.ts');
  const child = fork(join(__dirname, `generate-seeds.child${typescript ? '.ts' : '.js'}`), [], {
    execArgv: typescript ? ['-r', 'ts-node/register'] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let answer:
      { ok: true; generated: GeneratedSeedSet } | { ok: false; error: string } | undefined;
    child.on('message', (message) => {
      answer = message as typeof answer;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (answer?.ok) resolve(answer.generated);
      else
        reject(
          new Error(`seed generation failed (exit code ${code}): ${answer?.error ?? 'no answer'}`),
        );
    });
    child.send(request);
  });
}

/**
 * Generates the full seed set, then the incremental one continuing it, each in its own child
 * process, like `npm run generate`: the generator's memory (worker threads, buffers) is
 * measured there and never inflates the RSS measured for the pipeline stages in this process.
 */
export async function generateSeeds(
  scale: SeedScale,
  outDir: string,
): Promise<{ seeds: SeedSets; figures: StageFigure[] }> {
  const full = await generateInChild({ scale, outDir });
  const incremental = await generateInChild({ scale, outDir, from: full.result.folder });
  return {
    seeds: { full: full.result, incremental: incremental.result },
    figures: [full.figure, incremental.figure],
  };
}
