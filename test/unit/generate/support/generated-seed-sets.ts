/**
 * Runs the generator service into temporary folders for the tests, and reads the results
 * back. Seed sets are cached per argument set for the whole test run (generation is
 * deterministic, so sharing them between test files changes nothing).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FullGenerateOptions,
  IncrementalGenerateOptions,
} from '../../../../src/application/generate-seed-set/generate-seed-set.options';
import {
  GenerateResult,
  GenerateSeedSetService,
} from '../../../../src/application/generate-seed-set/generate-seed-set.service';
import { SeedSetManifest } from '../../../../src/application/generate-seed-set/seed-set-manifest';
import { FakerTextPools } from '../../../../src/infrastructure/seed-writer/faker-text-pools';
import { FsPreviousSeedSetReader } from '../../../../src/infrastructure/seed-writer/fs-previous-seed-set-reader';
import { FsSeedSetWriter } from '../../../../src/infrastructure/seed-writer/fs-seed-set-writer';
import { WorkerBlockRunner } from '../../../../src/infrastructure/seed-writer/worker-block-runner';
import { readTable } from './rfc4180';

export const TEST_MEMBERS = 2000;

const roots: string[] = [];

export function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'aca-generate-'));
  roots.push(root);
  return root;
}

export function removeTempRoots(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

export function service(workers = 1): GenerateSeedSetService {
  return new GenerateSeedSetService({
    writer: new FsSeedSetWriter(),
    reader: new FsPreviousSeedSetReader(),
    textPools: new FakerTextPools(),
    ...(workers > 1 ? { blockRunner: new WorkerBlockRunner(workers) } : {}),
  });
}

export function fullOptions(
  outDir: string,
  overrides: Partial<FullGenerateOptions> = {},
): FullGenerateOptions {
  return {
    kind: 'full',
    outDir,
    asOf: new Date('2025-01-01T00:00:00Z'),
    messy: false,
    messyRate: 0.002,
    seed: 42,
    members: TEST_MEMBERS,
    years: 1,
    providers: 300,
    plans: 40,
    claimsPerMemberYear: 10,
    workers: 1,
    ...overrides,
  };
}

export function incrementalOptions(
  outDir: string,
  from: string,
  asOf: string,
  overrides: Partial<IncrementalGenerateOptions> = {},
): IncrementalGenerateOptions {
  return {
    kind: 'incremental',
    outDir,
    from,
    asOf: new Date(asOf),
    messy: false,
    messyRate: 0.002,
    changeRate: 0.1,
    resendRate: 0.05,
    newMemberRate: 0.04,
    providerChangeRate: 0.02,
    ...overrides,
  };
}

const cache = new Map<string, Promise<GenerateResult>>();

/** The default full seed set (2,000 members, seed 42, as_of 2025-01-01), generated once. */
export function defaultFullSet(): Promise<GenerateResult> {
  return cached('full', () => service().run(fullOptions(tempRoot())));
}

/** full → 2025-04-01 → 2025-07-01 incremental chain, generated once. */
export async function defaultChain(): Promise<GenerateResult[]> {
  const full = await defaultFullSet();
  const out = join(full.folder, '..');
  const q1 = await cached('q1', () =>
    service().run(incrementalOptions(out, full.folder, '2025-04-01T00:00:00Z')),
  );
  const q2 = await cached('q2', () =>
    service().run(incrementalOptions(out, q1.folder, '2025-07-01T00:00:00Z')),
  );
  return [full, q1, q2];
}

export function cached(key: string, make: () => Promise<GenerateResult>): Promise<GenerateResult> {
  let result = cache.get(key);
  if (!result) {
    result = make();
    cache.set(key, result);
  }
  return result;
}

export type Table = ReturnType<typeof readTable>;

const tables = new Map<string, Table>();

/** A seed CSV parsed with the test reader (cached: seed sets never change once written). */
export function readSeedFile(folder: string, file: string): Table {
  const path = join(folder, file);
  let table = tables.get(path);
  if (!table) {
    table = readTable(readFileSync(path, 'utf8'));
    tables.set(path, table);
  }
  return table;
}

export function readManifest(folder: string): SeedSetManifest {
  return JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as SeedSetManifest;
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** sha256 of every file in a seed set folder, by name. */
export function folderHashes(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((f) => [f, sha256(join(folder, f))]),
  );
}

// A root-level hook (this module is imported while mocha loads the spec files): the cached
// seed sets are shared by several test files, so they are removed once all of them ran.
after(removeTempRoots);
